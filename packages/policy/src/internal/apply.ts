/**
 * The applier: checks a plan against the fleet, then runs each action through
 * the client, only on the accounts the plan names.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { OutcomeUnknownError } from "@cf-accounts/core/CloudflareError"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { Change } from "../Finding.js"
import type { Action, Plan } from "../Plan.js"
import { type FleetChange, StalePlanError } from "../StalePlanError.js"
import * as Fingerprint from "./fingerprint.js"

export type ActionError = AccountsClient.CallError | OutcomeUnknownError

export type ActionResult =
  | { readonly action: Action; readonly status: "done"; readonly account: { readonly id: string; readonly name: string } }
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
  // Safe: the keys come from a plan made from a decoded file, whose profile keys are the five fields.
  return Object.keys(profile).length === 0 ? undefined : (profile as AccountsClient.ProfileChangesInput)
}

const run = (
  client: AccountsClient.Service,
  action: Action
): Effect.Effect<{ readonly id: string; readonly name: string }, ActionError> => {
  switch (action._tag) {
    case "create":
      return Effect.gen(function* () {
        const type = plannedValue(action.changes, "type")
        const organization = plannedValue(action.changes, "organization")
        const { account } = yield* client.create({
          name: action.name,
          ...(type === "standard" || type === "enterprise" ? { type } : {}),
          ...(typeof organization === "string" ? { unit: { id: organization } } : {})
        })
        yield* client.patchWith(account.id, (current) => settingsToWrite(action.changes, current))
        const profile = profileToWrite(action.changes)
        if (profile !== undefined) yield* client.patchProfile(account.id, profile)
        return { id: account.id, name: account.name }
      })
    case "update":
      return Effect.as(
        client.patchWith(action.account.id, (current) => settingsToWrite(action.changes, current)),
        action.account
      )
    case "move": {
      const organization = plannedValue(action.changes, "organization")
      return Effect.as(client.move(action.account.id, String(organization)), action.account)
    }
    case "profile": {
      const profile = profileToWrite(action.changes)
      return profile === undefined ? Effect.succeed(action.account) : Effect.as(client.patchProfile(action.account.id, profile), action.account)
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
  StalePlanError | AccountsClient.StreamError | AccountsClient.CallError,
  AccountsClient.AccountsClient
> =>
  Effect.gen(function* () {
    const client = yield* AccountsClient.AccountsClient
    const accounts = options.currentAccounts ?? (yield* Effect.map(Stream.runCollect(client.all()), Chunk.toReadonlyArray))
    const profiles = new Map(options.currentProfiles ?? [])
    const present = new Set(accounts.map((account) => account.id as string))
    const missing = profiledIds(plan).filter((id) => !profiles.has(id) && present.has(id))
    const read = yield* Effect.forEach(missing, (id) => Effect.map(client.getProfile(id), (p) => [id, p] as const), {
      concurrency: client.concurrency
    })
    for (const [id, profile] of read) profiles.set(id, profile)
    const changes = staleness(plan, accounts, profiles)
    if (changes.length > 0) return yield* new StalePlanError({ changes })
    return yield* Effect.forEach(plan.actions, (action) =>
      run(client, action).pipe(
        Effect.match({
          onSuccess: (account): ActionResult => ({ action, status: "done", account }),
          onFailure: (error): ActionResult => ({ action, status: "failed", error })
        })
      )
    )
  })
