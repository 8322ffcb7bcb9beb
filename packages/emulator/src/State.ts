/**
 * The emulator's in-memory store: accounts (kept in creation order, which is the
 * order `GET /accounts` lists them in), organizations, memberships and profiles.
 * All operations are synchronous; the server runs them inside `Effect.sync`.
 *
 * @since 0.1.0
 */
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { AccountId } from "@cf-accounts/core/Ids"
import type * as Organization from "@cf-accounts/core/Organization"
import { makePrng, type Prng } from "./internal/prng.js"
import * as Seed from "./Seed.js"

/**
 * A page of accounts and the number of accounts matching the filter.
 *
 * @since 0.1.0
 */
export interface AccountPage {
  readonly items: ReadonlyArray<Seed.AccountRecord>
  /** Accounts matching the filter. */
  readonly total: number
  /** Accounts without any filter (the spec's `total_count`: "without any search parameters"). */
  readonly unfilteredTotal: number
}

/**
 * @since 0.1.0
 */
export interface ListQuery {
  readonly name?: string | undefined
  readonly page: number
  readonly perPage: number
  readonly direction: "asc" | "desc"
}

/**
 * The store. Obtain one with {@link make}; the running emulator exposes its store as
 * `Emulator.state`, so tests can inspect or prepare data directly.
 *
 * @since 0.1.0
 */
export class EmulatorState {
  readonly #seed: number
  readonly #seedAccounts: number
  readonly #unknownTypeEvery: number
  #prng: Prng
  #created = 0
  #orgs: ReadonlyArray<Seed.OrganizationRecord> = []
  #orgById = new Map<string, Seed.OrganizationRecord>()
  #accounts = new Map<string, Seed.AccountRecord>()
  #order: Array<Seed.AccountRecord> = []
  #profiles = new Map<string, AccountProfile.AccountProfile>()

  constructor(seed: number, seedAccounts: number, unknownTypeEvery = 0) {
    this.#seed = seed
    this.#seedAccounts = seedAccounts
    this.#unknownTypeEvery = unknownTypeEvery
    this.#prng = makePrng(seed)
    this.reset()
  }

  /** Back to the seeded data: every change since the start is forgotten. */
  reset(): void {
    this.#prng = makePrng(this.#seed)
    this.#orgs = Seed.organizations(this.#prng)
    this.#orgById = new Map(this.#orgs.map((org) => [org.id, org]))
    this.#accounts = new Map()
    this.#order = []
    this.#profiles = new Map()
    this.#created = 0
    Seed.accounts(
      this.#prng,
      this.#seedAccounts,
      this.#orgs,
      (account) => {
        if (this.#accounts.has(account.id)) return
        this.#accounts.set(account.id, account)
        this.#order.push(account)
      },
      this.#unknownTypeEvery
    )
  }

  /** Number of accounts. */
  get size(): number {
    return this.#order.length
  }

  /** The organizations, root first (a parent always precedes its children). */
  get organizations(): ReadonlyArray<Seed.OrganizationRecord> {
    return this.#orgs
  }

  /** Every account id, in creation order. */
  accountIds(): ReadonlyArray<AccountId> {
    return this.#order.map((account) => account.id)
  }

  organization(id: string): Seed.OrganizationRecord | undefined {
    return this.#orgById.get(id)
  }

  account(id: string): Seed.AccountRecord | undefined {
    return this.#accounts.get(id)
  }

  /** The organizations an account belongs to, from the root down to its parent. */
  chain(orgId: string | undefined): ReadonlyArray<Seed.OrganizationRecord> {
    const out: Array<Seed.OrganizationRecord> = []
    let current = orgId === undefined ? undefined : this.#orgById.get(orgId)
    while (current !== undefined) {
      out.unshift(current)
      current = current.parentId === undefined ? undefined : this.#orgById.get(current.parentId)
    }
    return out
  }

  /**
   * One page of accounts in creation order (`asc`) or its reverse (`desc`), keeping
   * those whose name contains `name` (case-insensitive) when given.
   */
  list(query: ListQuery): AccountPage {
    const start = (query.page - 1) * query.perPage
    const source =
      query.name === undefined
        ? this.#order
        : (() => {
            const needle = query.name.toLowerCase()
            return this.#order.filter((account) => account.name.toLowerCase().includes(needle))
          })()
    const total = source.length
    const items: Array<Seed.AccountRecord> = []
    for (let i = start; i < Math.min(total, start + query.perPage); i++) {
      const account = query.direction === "asc" ? source[i] : source[total - 1 - i]
      if (account !== undefined) items.push(account)
    }
    return { items, total, unfilteredTotal: this.#order.length }
  }

  /**
   * Adds an account with a fresh 32-hex id, the default settings and `legacy_flags`, created at
   * `createdAt` (epoch milliseconds): `created_on` has six fractional digits, the last three from
   * a counter, so two accounts created in the same millisecond still differ.
   */
  create(input: {
    readonly name: string
    readonly type: Seed.AccountRecord["type"]
    readonly orgId: string | undefined
    readonly createdAt: number
  }): Seed.AccountRecord {
    let id = this.#prng.hex(32)
    while (this.#accounts.has(id)) id = this.#prng.hex(32)
    const account: Seed.AccountRecord = {
      // Safe: 32 lower-case hex characters is exactly what AccountId accepts.
      id: id as AccountId,
      name: input.name,
      type: input.type,
      created_on: Seed.timestamp(input.createdAt, this.#created++ % 1000),
      settings: Seed.defaultSettings,
      unmodelled: Seed.defaultUnmodelled,
      orgId: input.orgId
    }
    this.#accounts.set(id, account)
    this.#order.push(account)
    return account
  }

  /** Replaces name, type and settings. */
  update(
    account: Seed.AccountRecord,
    input: { readonly name: string; readonly type: Seed.AccountRecord["type"]; readonly settings: Seed.AccountRecord["settings"] }
  ): Seed.AccountRecord {
    account.name = input.name
    account.type = input.type
    account.settings = input.settings
    return account
  }

  delete(id: string): boolean {
    const account = this.#accounts.get(id)
    if (account === undefined) return false
    this.#accounts.delete(id)
    const index = this.#order.indexOf(account)
    if (index >= 0) this.#order.splice(index, 1)
    this.#profiles.delete(id)
    return true
  }

  /** Moves an account to `orgId`; returns the previous parent id ("" for none). */
  move(account: Seed.AccountRecord, orgId: string): string {
    const source = account.orgId ?? ""
    account.orgId = orgId
    return source
  }

  profile(account: Seed.AccountRecord): AccountProfile.AccountProfile {
    return (
      this.#profiles.get(account.id) ?? {
        business_name: account.name,
        business_email: "",
        business_phone: "",
        business_address: "",
        external_metadata: ""
      }
    )
  }

  setProfile(account: Seed.AccountRecord, profile: AccountProfile.AccountProfile): void {
    this.#profiles.set(account.id, profile)
  }

  /**
   * The account as the API shows it, in the order of Cloudflare's answers (`id`, `name`, `type`,
   * `settings`, `legacy_flags`, `created_on`), `managed_by` included when it has a parent.
   */
  toAccount(account: Seed.AccountRecord): Account.Account {
    const org = account.orgId === undefined ? undefined : this.#orgById.get(account.orgId)
    return {
      id: account.id,
      name: account.name,
      type: account.type,
      settings: account.settings,
      ...account.unmodelled,
      created_on: account.created_on,
      ...(org === undefined ? {} : { managed_by: { parent_org_id: org.id, parent_org_name: org.name } })
    }
  }

  /** An organization as `GET /accounts/{account_id}/organizations` shows it. */
  toOrganization(org: Seed.OrganizationRecord): Organization.Organization {
    const parent = org.parentId === undefined ? undefined : this.#orgById.get(org.parentId)
    return {
      // Safe: seeded organization ids are 32 hex characters, which OrganizationId accepts.
      id: org.id as Organization.Organization["id"],
      name: org.name,
      create_time: org.createTime,
      meta: {
        hierarchy_tags: this.chain(org.id).map((o) => o.id),
        managed_by: this.#orgs[0]?.id ?? org.id,
        tenant_flags: {
          account_creation: "allowed",
          account_deletion: "allowed",
          account_migration: "allowed",
          account_mobility: "allowed",
          enterprise_capability: "allowed",
          member_management: "allowed",
          sub_org_creation: "allowed"
        }
      },
      ...(parent === undefined
        ? {}
        : { parent: { id: parent.id as Organization.Organization["id"], name: parent.name } })
    }
  }
}

/**
 * A store with the seeded organization hierarchy and `seedAccounts` generated accounts.
 *
 * @since 0.1.0
 */
export const make = (options: {
  readonly seed: number
  readonly seedAccounts: number
  /** Every N-th seeded account has a type the spec does not list (`Seed.unknownType`); 0 (default): none. */
  readonly unknownTypeEvery?: number
}): EmulatorState => new EmulatorState(options.seed, options.seedAccounts, options.unknownTypeEvery ?? 0)
