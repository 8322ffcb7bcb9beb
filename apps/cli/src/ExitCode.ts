/**
 * Exit codes, and the one place errors are mapped to them:
 *
 * | code | meaning |
 * | ---- | ------- |
 * | 0 | success |
 * | 1 | any other failure (server error, network, timeout, unexpected response) |
 * | 2 | invalid usage or input: bad argument or flag, missing credentials, refused base URL, a policy file with problems, a plan with conflicts, an unconfirmed delete or apply; nothing was sent |
 * | 3 | authentication or permission (401, 403) |
 * | 4 | not found (404), except a route that does not exist here (a wrong base URL: 1) |
 * | 5 | rate limited (429) after the retry policy gave up |
 * | 6 | listing incomplete or inconsistent (`list --all`: `IncompleteListingError`; `audit`, `plan`, `apply`: also a listing that could not be verified) |
 * | 7 | `audit` found open findings (`FindingsError`) |
 * | 8 | `plan` has changes pending (`ChangesPendingError`); 0 is "no changes" |
 * | 9 | `apply --plan` refused a stale plan: the fleet changed since it was made (`StalePlanError`); nothing was sent |
 *
 * @since 0.1.0
 */
import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
import { StalePlanError } from "@cf-accounts/policy/StalePlanError"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { ChangesPendingError, FindingsError, PartialFailureError, UnverifiedFleetError, UsageError } from "./CliError.js"
import { isNoRoute } from "./Hints.js"

/**
 * @since 0.1.0
 */
export const ExitCode = {
  Success: 0,
  Failure: 1,
  Usage: 2,
  Auth: 3,
  NotFound: 4,
  RateLimited: 5,
  IncompleteListing: 6,
  Findings: 7,
  ChangesPending: 8,
  StalePlan: 9,
  Interrupted: 130
} as const

/**
 * What each exit code means, in the words help prints.
 *
 * @since 0.1.0
 */
export const meanings: ReadonlyArray<readonly [code: number, meaning: string]> = [
  [ExitCode.Success, "success"],
  [ExitCode.Failure, "other failure"],
  [ExitCode.Usage, "bad usage or input"],
  [ExitCode.Auth, "auth (401, 403)"],
  [ExitCode.NotFound, "not found (404)"],
  [ExitCode.RateLimited, "rate limited (429)"],
  [ExitCode.IncompleteListing, "listing incomplete"],
  [ExitCode.Findings, "open findings (audit)"],
  [ExitCode.ChangesPending, "changes pending (plan)"],
  [ExitCode.StalePlan, "stale plan (apply)"]
]

/**
 * The exit code for one error.
 *
 * @since 0.1.0
 */
export const forError = (error: unknown): number => {
  if (ValidationError.isValidationError(error)) return ExitCode.Usage
  if (error instanceof UsageError) return ExitCode.Usage
  if (error instanceof PartialFailureError) return error.exitCode
  if (error instanceof FindingsError) return ExitCode.Findings
  if (error instanceof ChangesPendingError) return ExitCode.ChangesPending
  if (error instanceof UnverifiedFleetError) return ExitCode.IncompleteListing
  if (error instanceof StalePlanError) return ExitCode.StalePlan
  if (!ErrorPredicates.isClientError(error)) return ExitCode.Failure
  if (ErrorPredicates.isAccessDenied(error)) return ExitCode.Auth
  if (isNoRoute(error)) return ExitCode.Failure
  switch (error._tag) {
    case "InvalidInputError":
    case "ConfigurationError":
      return ExitCode.Usage
    case "NotFoundError":
      return ExitCode.NotFound
    case "RateLimitedError":
      return ExitCode.RateLimited
    case "IncompleteListingError":
      return ExitCode.IncompleteListing
    default:
      return ExitCode.Failure
  }
}

/**
 * The exit code of several failures (each's `forError`): the one they share, else 1.
 *
 * @since 0.1.0
 */
export const shared = (codes: ReadonlyArray<number>): number => {
  const distinct = new Set(codes)
  const [only] = distinct
  return distinct.size === 1 && only !== undefined ? only : ExitCode.Failure
}

/**
 * The exit code for how the program ended: 0, the code of its first failure,
 * 130 when interrupted (Ctrl-C), 1 for a defect.
 *
 * @since 0.1.0
 */
export const forExit = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return ExitCode.Success
  return Option.match(Cause.failureOption(exit.cause), {
    onSome: forError,
    onNone: () =>
      Cause.isInterruptedOnly(exit.cause) ? ExitCode.Interrupted : ExitCode.Failure
  })
}
