/**
 * The planner: matches declared accounts to the fleet, diffs what the file
 * declares, adds the policy's automatic fixes, and fingerprints what it touches.
 */
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { AccountRef, Change } from "../Finding.js"
import type { Action, Conflict, Plan } from "../Plan.js"
import type { DeclaredAccount, PolicyFile } from "../PolicyFile.js"
import * as Fingerprint from "./fingerprint.js"
import * as Rules from "./rules.js"

export interface Options {
  readonly now: number
  readonly declaredOnly: boolean
  readonly profiles: ReadonlyMap<string, AccountProfile.AccountProfile>
}

const SETTINGS = ["abuse_contact_email", "enforce_twofactor"] as const

const ref = (account: Account.Account): AccountRef => ({ id: account.id, name: account.name })

const same = (a: unknown, b: unknown) => a === b

/** The automatic fixes of the rules `subject` breaks that no unexpired exception excuses. */
const fixes = (subject: Rules.Subject, file: PolicyFile, options: Options): ReadonlyArray<Change> =>
  options.declaredOnly
    ? []
    : Rules.evaluate(subject, file.policy ?? {}, options.now).flatMap((finding) =>
        finding.silencedBy === undefined ? (finding.fix ?? []) : []
      )

/** Declared settings first; a fix only for a field the declaration leaves open. */
const settingsChanges = (
  current: Account.Account["settings"] | null,
  declared: DeclaredAccount | undefined,
  fixed: ReadonlyArray<Change>
): Array<Change> => {
  const changes: Array<Change> = []
  for (const key of SETTINGS) {
    const want = declared?.settings?.[key]
    const before = current?.[key] ?? null
    if (want !== undefined) {
      if (!same(before, want)) changes.push({ field: `settings.${key}`, before, after: want, reason: "declared" })
      continue
    }
    const fix = fixed.find((change) => change.field === `settings.${key}`)
    if (fix !== undefined) changes.push(fix)
  }
  return changes
}

const organizationChange = (
  current: string | null,
  declared: DeclaredAccount | undefined,
  fixed: ReadonlyArray<Change>
): Array<Change> => {
  if (declared?.organization !== undefined) {
    return current === declared.organization
      ? []
      : [{ field: "organization", before: current, after: declared.organization, reason: "declared" }]
  }
  return fixed.filter((change) => change.field === "organization")
}

const profileChanges = (current: AccountProfile.AccountProfile | null, declared: DeclaredAccount): Array<Change> =>
  Object.entries(declared.profile ?? {}).flatMap(([key, want]): Array<Change> => {
    if (want === undefined) return []
    const before = current === null ? null : (current[key] ?? null)
    return same(before, want) ? [] : [{ field: `profile.${key}`, before, after: want, reason: "declared" }]
  })

const hasProfile = (declared: DeclaredAccount | undefined) =>
  declared?.profile !== undefined && Object.values(declared.profile).some((v) => v !== undefined)

export const plan = (accounts: ReadonlyArray<Account.Account>, file: PolicyFile, options: Options): Plan => {
  const declared = file.accounts ?? []
  const byId = new Map(accounts.map((account) => [account.id as string, account]))
  const claimedBy = new Map<string, number>()
  const conflicts: Array<Conflict> = []
  const creates: Array<DeclaredAccount> = []

  declared.forEach((declaration, index) => {
    if (declaration.id === undefined) return
    const account = byId.get(declaration.id)
    if (account === undefined) {
      conflicts.push({
        account: `${declaration.name} (${declaration.id})`,
        detail: `accounts.${index} names an id no account has; an account declared by id is never created`
      })
    } else claimedBy.set(account.id, index)
  })
  declared.forEach((declaration, index) => {
    if (declaration.id !== undefined) return
    const named = accounts.filter((account) => account.name === declaration.name)
    const match = named[0]
    if (match === undefined) creates.push(declaration)
    else if (named.length > 1) {
      conflicts.push({
        account: declaration.name,
        detail: `accounts.${index}: ${named.length} accounts have this name (${named.map((a) => a.id).join(", ")}); give the one meant by its id`
      })
    } else if (claimedBy.has(match.id)) {
      conflicts.push({
        account: `${declaration.name} (${match.id})`,
        detail: `accounts.${index} matches by name an account accounts.${claimedBy.get(match.id)} declares by id`
      })
    } else claimedBy.set(match.id, index)
  })

  const actions: Array<Action> = []
  const warnings: Array<Conflict> = []
  const touched: Array<{ account: Account.Account; profile: AccountProfile.AccountProfile | undefined; byName: boolean }> = []

  for (const declaration of creates) {
    const fresh: Rules.Subject = {
      id: "",
      name: declaration.name,
      type: declaration.type ?? "standard",
      enforce_twofactor: null,
      abuse_contact_email: null,
      organization: declaration.organization ?? null
    }
    const fixed = fixes(fresh, file, options)
    const changes: Array<Change> = [
      { field: "name", before: null, after: declaration.name, reason: "declared" },
      ...(declaration.type === undefined
        ? []
        : [{ field: "type", before: null, after: declaration.type, reason: "declared" as const }]),
      ...organizationChange(null, declaration, fixed),
      ...settingsChanges(null, declaration, fixed),
      ...profileChanges(null, declaration)
    ]
    actions.push({ _tag: "create", name: declaration.name, changes })
    // The account as it will be once created: what the policy will still report on it is said now.
    const after = (field: string) => changes.find((change) => change.field === field)?.after
    const created: Rules.Subject = {
      ...fresh,
      enforce_twofactor: typeof after("settings.enforce_twofactor") === "boolean" ? (after("settings.enforce_twofactor") as boolean) : null,
      abuse_contact_email: typeof after("settings.abuse_contact_email") === "string" ? (after("settings.abuse_contact_email") as string) : null,
      organization: typeof after("organization") === "string" ? (after("organization") as string) : null
    }
    for (const finding of Rules.evaluate(created, file.policy ?? {}, options.now)) {
      if (finding.silencedBy !== undefined) continue
      warnings.push({ account: declaration.name, detail: `is created breaking policy.${finding.rule}: ${finding.detail}` })
    }
  }

  const unmanaged: Array<AccountRef> = []
  for (const account of accounts) {
    const index = claimedBy.get(account.id)
    const declaration = index === undefined ? undefined : declared[index]
    if (declaration === undefined) unmanaged.push(ref(account))
    const subject = Rules.subject(account)
    const fixed = fixes(subject, file, options)

    if (declaration !== undefined && declaration.name !== account.name) {
      conflicts.push({
        account: `${account.name} (${account.id})`,
        detail: `accounts.${index} names it ${JSON.stringify(declaration.name)}; accounts are never renamed`
      })
    }
    if (declaration?.type !== undefined && declaration.type !== account.type) {
      conflicts.push({
        account: `${account.name} (${account.id})`,
        detail: `its type is ${account.type}, accounts.${index} declares ${declaration.type}; the API does not change an account's type`
      })
    }

    const settings = settingsChanges(account.settings ?? null, declaration, fixed)
    const organization = organizationChange(subject.organization, declaration, fixed)
    let profile: Array<Change> = []
    let profileRead: AccountProfile.AccountProfile | undefined
    if (declaration !== undefined && hasProfile(declaration)) {
      profileRead = options.profiles.get(account.id)
      if (profileRead === undefined) {
        conflicts.push({
          account: `${account.name} (${account.id})`,
          detail: `accounts.${index} declares a profile, and the current profile was not given to plan (Fleet.profiles reads it)`
        })
      } else profile = profileChanges(profileRead, declaration)
    }

    if (settings.length > 0) actions.push({ _tag: "update", account: ref(account), changes: settings })
    if (organization.length > 0) actions.push({ _tag: "move", account: ref(account), changes: organization })
    if (profile.length > 0) actions.push({ _tag: "profile", account: ref(account), changes: profile })
    if (settings.length > 0 || organization.length > 0 || profile.length > 0) {
      touched.push({ account, profile: profile.length > 0 ? profileRead : undefined, byName: declaration !== undefined && declaration.id === undefined })
    }
  }

  return {
    actions,
    unmanaged,
    conflicts,
    warnings,
    fingerprint: {
      accounts: touched.map(({ account, profile }) => ({
        ...ref(account),
        digest: Fingerprint.digest(account, profile)
      })),
      absent: creates.map((declaration) => declaration.name),
      named: touched.flatMap(({ account, byName }) => (byName ? [{ name: account.name, id: account.id }] : []))
    }
  }
}
