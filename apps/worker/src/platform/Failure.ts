/**
 * How the worker treats a failed Cloudflare call: transient (retry later) or permanent
 * (record it), the queue delay before a retry, and the JSON recorded for it.
 */
import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
import * as Duration from "effect/Duration"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

interface Tagged {
  readonly _tag: string
  readonly message: string
}

const isTagged = (error: unknown): error is Tagged =>
  Predicate.hasProperty(error, "_tag") && Predicate.isString(error._tag) && Predicate.hasProperty(error, "message")

/**
 * Worth retrying later: the client's rule for its errors ({@link ErrorPredicates.isTransient}:
 * 408, 429, 500, 502, 503, 504, 52x, transport failures, timeouts; never 501 or another
 * permanent failure), and the worker's own `DatabaseError` and `JobItemTimeoutError` (a job
 * item stopped before its lease ran out: like the client's timeouts, worth another try).
 */
export const isTransient = (error: unknown): boolean =>
  ErrorPredicates.isClientError(error)
    ? ErrorPredicates.isTransient(error)
    : isTagged(error) && (error._tag === "DatabaseError" || error._tag === "JobItemTimeoutError")

/**
 * The recorded form of an error, as stored with a sync or a job item: tag, message, and the
 * Cloudflare details when there are some. Never a secret. Read back tolerantly (other keys kept).
 */
export const ErrorRecord = Schema.Struct(
  {
    tag: Schema.String,
    message: Schema.String,
    status: Schema.optional(Schema.Number),
    errors: Schema.optional(Schema.Array(Schema.Struct({ code: Schema.Number, message: Schema.String }))),
    cf_ray: Schema.optional(Schema.String)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)
export type ErrorRecord = typeof ErrorRecord.Type

export const toRecord = (error: unknown): ErrorRecord => {
  if (!isTagged(error)) return { tag: "UnknownError", message: String(error) }
  const record: {
    tag: string
    message: string
    status?: number
    errors?: ReadonlyArray<{ readonly code: number; readonly message: string }>
    cf_ray?: string
  } = { tag: error._tag, message: error.message }
  if (Predicate.hasProperty(error, "status") && Predicate.isNumber(error.status)) record.status = error.status
  if (Predicate.hasProperty(error, "errors") && Array.isArray(error.errors)) {
    record.errors = error.errors.map((e: { code: number; message: string }) => ({ code: e.code, message: e.message }))
  }
  if (Predicate.hasProperty(error, "cfRay") && Predicate.isString(error.cfRay)) record.cf_ray = error.cfRay
  return record
}

const MAX_DELAY_SECONDS = 15 * 60

/**
 * The queue delay before delivery `attempts + 1`: the server's `Retry-After` when it sent
 * one, else `base * 2^(attempts - 1)`, capped at 15 minutes.
 */
export const retryDelaySeconds = (error: unknown, attempts: number, baseSeconds: number): number => {
  if (Predicate.hasProperty(error, "retryAfter") && Duration.isDuration(error.retryAfter)) {
    return Math.min(MAX_DELAY_SECONDS, Math.ceil(Duration.toSeconds(error.retryAfter)))
  }
  return Math.min(MAX_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1))
}
