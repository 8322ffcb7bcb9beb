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
import type { UnverifiedListingError } from "./UnverifiedListingError.js"
import type { NameTakenError, UnwritableChangeError } from "./ActionError.js"

/**
 * What one action came to: `done` (with the account it acted on; a create's new
 * one, and its `source`: `"answer"`, or `"lookup"` when the create's answer was
 * lost and the account was found by name), `partial` (a create that made the
 * account, whose settings or profile write then `failed` with `error`), or
 * `failed` with the error (nothing of the action done). A failed action does
 * not stop the others.
 *
 * @since 0.1.0
 */
export type ActionResult = Internal.ActionResult

/**
 * The client's errors, and the engine's own: {@link NameTakenError} (a create
 * whose name an account now has), {@link UnwritableChangeError}.
 *
 * @since 0.1.0
 */
export type ActionError = Internal.ActionError

/**
 * @since 0.1.0
 */
export interface ApplyOptions {
  /**
   * The fleet now, when the caller has just read it (as `Fleet.accounts` does); otherwise `apply` lists
   * it through the client, as `Fleet.accounts` does (confirmed, refused when it cannot be verified).
   */
  readonly currentAccounts?: ReadonlyArray<Account.Account> | undefined
  /** Profiles now, by account id; those the plan changes and that are missing here are read. */
  readonly currentProfiles?: ReadonlyMap<string, AccountProfile.AccountProfile> | undefined
}

/**
 * Applies `plan`. First it compares the fleet now with the plan's fingerprint:
 * when an account the plan touches changed or is gone, a name it creates is
 * taken, or a name it matched is now shared, it fails with {@link StalePlanError}
 * naming each one, and sends nothing. Then each action runs through the client,
 * in order: `create` looks its exact name up again and fails ({@link NameTakenError})
 * when an account has it now, else runs the client's `create` (which reconciles a
 * lost answer, so it is never sent twice; type and organization in the create,
 * then settings and profile: a failure there is `partial`, with the new id),
 * `update` with `patchWith` (only the fields that still differ; other fields kept),
 * `move` with `move`, `profile` with `patchProfile`. An action with a change it
 * cannot write fails ({@link UnwritableChangeError}) with nothing sent. It
 * touches no account the plan does not name.
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
  StalePlanError | UnverifiedListingError | AccountsClient.StreamError | AccountsClient.CallError,
  AccountsClient.AccountsClient
> =>
  Internal.apply(plan, { currentAccounts: options.currentAccounts, currentProfiles: options.currentProfiles }).pipe(
    Effect.withSpan("Policy.apply", { attributes: { actions: plan.actions.length } })
  )
