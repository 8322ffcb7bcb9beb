/**
 * `apply`: runs a plan's actions through the client, after checking that the
 * accounts it touches are as they were when it was made.
 *
 * @since 0.1.0
 */
import type * as AccountsClient from "@cf-accounts/client/AccountsClient"
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import * as Effect from "effect/Effect"
import * as Internal from "./internal/apply.js"
import type { Plan } from "./Plan.js"
import type { StalePlanError } from "./StalePlanError.js"

/**
 * What one action came to: `done` (with the account it acted on; a create's new
 * one), or `failed` with the client's error. A failed action does not stop the
 * others.
 *
 * @since 0.1.0
 */
export type ActionResult = Internal.ActionResult

/** @since 0.1.0 */
export type ActionError = Internal.ActionError

/**
 * @since 0.1.0
 */
export interface ApplyOptions {
  /** The fleet now, when the caller has just read it; otherwise `apply` lists it through the client. */
  readonly currentAccounts?: ReadonlyArray<Account.Account> | undefined
  /** Profiles now, by account id; those the plan changes and that are missing here are read. */
  readonly currentProfiles?: ReadonlyMap<string, AccountProfile.AccountProfile> | undefined
}

/**
 * Applies `plan`. First it compares the fleet now with the plan's fingerprint:
 * when an account the plan touches changed or is gone, or a name it creates
 * is taken, it fails with {@link StalePlanError} naming each one, and sends
 * nothing. Then each action runs through the client, in order: `create` with
 * the client's `create` (which reconciles a lost answer, so it is never sent
 * twice; type and organization in the create, then settings and profile),
 * `update` with `patchWith` (only the fields that still differ; other fields kept),
 * `move` with `move`, `profile` with `patchProfile`. It touches no account the plan
 * does not name.
 *
 * @example
 * import { Apply } from "@cf-accounts/policy"
 * const results = yield* Apply.apply(plan)
 * const failed = results.filter((r) => r.status === "failed")
 *
 * @since 0.1.0
 */
export const apply = (
  plan: Plan,
  options: ApplyOptions = {}
): Effect.Effect<
  ReadonlyArray<ActionResult>,
  StalePlanError | AccountsClient.StreamError | AccountsClient.CallError,
  AccountsClient.AccountsClient
> =>
  Internal.apply(plan, { currentAccounts: options.currentAccounts, currentProfiles: options.currentProfiles }).pipe(
    Effect.withSpan("Policy.apply", { attributes: { actions: plan.actions.length } })
  )
