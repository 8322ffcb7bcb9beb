/**
 * The applier: checks a plan against the fleet, then runs each action through
 * the client, only on the accounts the plan names.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { OutcomeUnknownError } from "@cf-accounts/core/CloudflareError"
import * as Effect from "effect/Effect"
import { NameTakenError, UnwritableChangeError } from "../ActionError.js"
import type { Change } from "../Finding.js"
import type { Action, Plan } from "../Plan.js"
import { type FleetChange, StalePlanError } from "../StalePlanError.js"
import type { UnverifiedListingError } from "../UnverifiedListingError.js"
import * as Changes from "./changes.js"
import * as Fingerprint from "./fingerprint.js"
import * as Listing from "./listing.js"

export type ActionError =
  | AccountsClient.CallError
  | OutcomeUnknownError
  | AccountsClient.StreamError
  | NameTakenError
  | UnwritableChangeError

type Ref = { readonly id: string; readonly name: string }

export type ActionResult =
  | { readonly action: Action; readonly status: "done"; readonly account: Ref; readonly source?: "answer" | "lookup" }
  | {
      readonly action: Action
      readonly status: "partial"
      readonly account: Ref
      readonly source: "answer" | "lookup"
      readonly failed: "settings" | "profile"
      readonly error: ActionError
    }
  | { readonly action: Action; readonly status: "failed"; readonly error: ActionError }

/** The differences between the fleet the plan fingerprinted and `accounts` (with `profiles`) now. */
export const staleness = (
  plan: Plan,
  accounts: ReadonlyArray<Account.Account>,
  profiles: ReadonlyMap<string, AccountProfile.AccountProfile>
): ReadonlyArray<FleetChange> => {
  const byId = new Map(accounts.map((account) => [account.id as string, account]))
  const changes: Array<FleetChange> = []
  // Only the profiles the plan changes are part of its fingerprint.
  const profiled = new Set(profiledIds(plan))
  for (const planned of plan.fingerprint.accounts) {
    const account = byId.get(planned.id)
    if (account === undefined) {
      changes.push({ account: planned.name, id: planned.id, detail: "no longer exists" })
      continue
    }
    if (Fingerprint.digest(account, profiled.has(planned.id) ? profiles.get(planned.id) : undefined) !== planned.digest) {
      changes.push({
        account: planned.name,
        id: planned.id,
        detail: account.name === planned.name ? "changed" : `changed (now named ${JSON.stringify(account.name)})`
      })
    }
  }
  // A declared account matched by its name: the match holds only while no other account has that name.
  for (const { name, id } of plan.fingerprint.named ?? []) {
    const others = accounts.filter((account) => account.name === name && account.id !== id)
    if (others.length > 0) {
      changes.push({
        account: name,
        id,
        detail: `was matched by its name, which ${others.map((a) => a.id).join(", ")} now has too, so the match is ambiguous`
      })
    }
  }
  for (const name of plan.fingerprint.absent) {
    const existing = accounts.find((account) => account.name === name)
    if (existing !== undefined) changes.push({ account: name, id: existing.id, detail: "now exists, and the plan creates it" })
  }
  return changes
}

/** The ids whose profiles the fingerprint covers: those with a profile action. */
export const profiledIds = (plan: Plan): ReadonlyArray<string> =>
  plan.actions.flatMap((action) => (action._tag === "profile" ? [action.account.id] : []))

const plannedValue = (changes: ReadonlyArray<Change>, field: string): unknown =>
  changes.find((change) => change.field === field)?.after

/** The settings of `changes` that `current` does not hold yet, or `undefined` for none. */
const settingsToWrite = (
  changes: ReadonlyArray<Change>,
  current: Account.Account
): AccountsClient.PatchInput | undefined => {
  const settings: { abuse_contact_email?: string; enforce_twofactor?: boolean } = {}
  for (const change of changes) {
    if (change.field === "settings.enforce_twofactor" && typeof change.after === "boolean") {
      if (current.settings?.enforce_twofactor !== change.after) settings.enforce_twofactor = change.after
    }
    if (change.field === "settings.abuse_contact_email" && typeof change.after === "string") {
      if (current.settings?.abuse_contact_email !== change.after) settings.abuse_contact_email = change.after
    }
  }
  return Object.keys(settings).length === 0 ? undefined : { settings }
}

const profileToWrite = (changes: ReadonlyArray<Change>): AccountsClient.ProfileChangesInput | undefined => {
  const profile: Record<string, string> = {}
  for (const change of changes) {
    if (change.field.startsWith("profile.") && typeof change.after === "string") {
      profile[change.field.slice("profile.".length)] = change.after
    }
  }
  // Safe: `unwritable` refused any action with a `profile.` field that is not one of the five profile fields.
  return Object.keys(profile).length === 0 ? undefined : (profile as AccountsClient.ProfileChangesInput)
}

/** The first change of `action` it cannot write, as an error; nothing is sent for such an action. */
const unwritable = (action: Action): UnwritableChangeError | undefined => {
  for (const change of action.changes) {
    const problem = Changes.problem(action._tag, change)
    if (problem !== undefined) {
      return new UnwritableChangeError({
        action: action._tag,
        field: change.field,
        reason: problem.key === "field" ? `the field ${problem.message}` : `its ${problem.key} ${problem.message}`
      })
    }
  }
  return undefined
}

const create = (client: AccountsClient.Service, action: Extract<Action, { _tag: "create" }>): Effect.Effect<ActionResult> =>
  Effect.gen(function* () {
    // The plan found the name free; look again just before the create, so two applies at once (or a create
    // by someone else since the plan) never make a second account of the name. The API allows duplicates.
    const existing = yield* Listing.named(client, action.name)
    if (existing.length > 0) return yield* new NameTakenError({ name: action.name, ids: existing })
    const type = plannedValue(action.changes, "type")
    const organization = plannedValue(action.changes, "organization")
    const { account, source } = yield* client.create({
      name: action.name,
      ...(type === "standard" || type === "enterprise" ? { type } : {}),
      ...(typeof organization === "string" ? { unit: { id: organization } } : {})
    })
    const created = { id: account.id as string, name: account.name }
    // The account exists from here on: a failed write after it is reported with its id, as partly done.
    const partly =
      (failed: "settings" | "profile") =>
      (error: ActionError): ActionResult => ({ action, status: "partial", account: created, source, failed, error })
    const settings = yield* client.patchWith(account.id, (current) => settingsToWrite(action.changes, current)).pipe(
      Effect.as(undefined),
      Effect.catchAll((error) => Effect.succeed(partly("settings")(error)))
    )
    if (settings !== undefined) return settings
    const profile = profileToWrite(action.changes)
    if (profile !== undefined) {
      const written = yield* client.patchProfile(account.id, profile).pipe(
        Effect.as(undefined),
        Effect.catchAll((error) => Effect.succeed(partly("profile")(error)))
      )
      if (written !== undefined) return written
    }
    return { action, status: "done", account: created, source } satisfies ActionResult
  }).pipe(Effect.catchAll((error) => Effect.succeed<ActionResult>({ action, status: "failed", error })))

const run = (client: AccountsClient.Service, action: Action): Effect.Effect<ActionResult> => {
  const refused = unwritable(action)
  if (refused !== undefined) return Effect.succeed({ action, status: "failed", error: refused })
  const done = (account: Ref, effect: Effect.Effect<unknown, ActionError>) =>
    effect.pipe(
      Effect.match({
        onSuccess: (): ActionResult => ({ action, status: "done", account }),
        onFailure: (error): ActionResult => ({ action, status: "failed", error })
      })
    )
  switch (action._tag) {
    case "create":
      return create(client, action)
    case "update":
      return done(action.account, client.patchWith(action.account.id, (current) => settingsToWrite(action.changes, current)))
    case "move":
      return done(action.account, client.move(action.account.id, String(plannedValue(action.changes, "organization"))))
    case "profile": {
      const profile = profileToWrite(action.changes)
      return done(action.account, profile === undefined ? Effect.void : client.patchProfile(action.account.id, profile))
    }
  }
}

export interface Options {
  readonly currentAccounts: ReadonlyArray<Account.Account> | undefined
  readonly currentProfiles: ReadonlyMap<string, AccountProfile.AccountProfile> | undefined
}

export const apply = (
  plan: Plan,
  options: Options
): Effect.Effect<
  ReadonlyArray<ActionResult>,
  StalePlanError | UnverifiedListingError | AccountsClient.StreamError | AccountsClient.CallError,
  AccountsClient.AccountsClient
> =>
  Effect.gen(function* () {
    const client = yield* AccountsClient.AccountsClient
    const accounts = options.currentAccounts ?? (yield* Listing.accounts)
    const profiles = new Map(options.currentProfiles ?? [])
    const present = new Set(accounts.map((account) => account.id as string))
    const missing = profiledIds(plan).filter((id) => !profiles.has(id) && present.has(id))
    const read = yield* Effect.forEach(missing, (id) => Effect.map(client.getProfile(id), (p) => [id, p] as const), {
      concurrency: client.concurrency
    })
    for (const [id, profile] of read) profiles.set(id, profile)
    const changes = staleness(plan, accounts, profiles)
    if (changes.length > 0) return yield* new StalePlanError({ changes })
    return yield* Effect.forEach(plan.actions, (action) => run(client, action))
  })
