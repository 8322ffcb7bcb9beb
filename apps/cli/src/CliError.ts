/**
 * Failures the command line itself raises (the client's errors come from core).
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * Invalid usage found after parsing (conflicting options, nothing to change, a
 * delete that was not confirmed). Nothing was sent. Exit code 2.
 *
 * @since 0.1.0
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

/**
 * Some parts of a bulk operation failed (each was reported already). `exitCode`
 * is the code their failures share, else 1.
 *
 * @since 0.1.0
 */
export class PartialFailureError extends Data.TaggedError("PartialFailureError")<{
  readonly failed: number
  readonly total: number
  readonly exitCode: number
}> {
  override get message(): string {
    return `${this.failed} of ${this.total} failed (see each one above)`
  }
}

/**
 * `audit` found findings that no unexpired exception excuses (each was printed).
 * Not a failure of the command: the answer a script asks for. Exit code 7.
 *
 * @since 0.1.0
 */
export class FindingsError extends Data.TaggedError("FindingsError")<{ readonly open: number; readonly excused: number }> {
  override get message(): string {
    const excused = this.excused === 0 ? "" : ` (and ${this.excused} excused by an exception)`
    return `${this.open} open finding${this.open === 1 ? "" : "s"}${excused}`
  }
}

/**
 * `plan` found changes to make (each was printed). Not a failure of the
 * command: the answer a script asks for, as Terraform's `-detailed-exitcode`.
 * Exit code 8.
 *
 * @since 0.1.0
 */
export class ChangesPendingError extends Data.TaggedError("ChangesPendingError")<{ readonly summary: string }> {
  override get message(): string {
    return `changes pending: ${this.summary} (cf-accounts apply makes them)`
  }
}

/**
 * The listing of every account completed, but what it could not verify (no
 * `total_count` to check its end against) leaves it possibly partial: `audit`,
 * `plan` and `apply` refuse to work on it. Nothing was sent. Exit code 6, as an
 * incomplete listing.
 *
 * @since 0.1.0
 */
export class UnverifiedFleetError extends Data.TaggedError("UnverifiedFleetError")<{
  readonly command: string
  readonly warnings: ReadonlyArray<string>
}> {
  override get message(): string {
    return `the listing of every account could not be verified (${this.warnings.join("; ")}); refusing to ${this.command} on a fleet that may be partial. Nothing was sent`
  }
}
