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
