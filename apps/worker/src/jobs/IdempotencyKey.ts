/**
 * The `Idempotency-Key` header of a job's creation (`jobs.create`): checked where it enters, and the error
 * for a key reused with another request.
 */
import * as Data from "effect/Data"
import * as Schema from "effect/Schema"

/** The header's name, as errors name it. */
export const HEADER = "Idempotency-Key"

/** The header as a request's headers name it, and as an error's `field` names it. */
export const FIELD = "idempotency-key"

/** 1 to 255 visible ASCII characters (a UUID is typical). */
export const IdempotencyKey = Schema.String.pipe(
  Schema.pattern(/^[\x21-\x7e]{1,255}$/, { message: () => "must be 1 to 255 visible ASCII characters" })
)

/** The key was used in the last 24 hours with a different request body (422). */
export class IdempotencyKeyReusedError extends Data.TaggedError("IdempotencyKeyReusedError")<{
  readonly jobId: string
}> {
  override get message(): string {
    return `this ${HEADER} was used in the last 24 hours with a different request body (for job ${this.jobId}); use a new key for a new request`
  }
}
