/**
 * The one place where what went wrong inside the worker becomes an API error: a domain or
 * platform failure to its status and `code`. A database failure is logged in full and answered
 * without its details; nothing here puts a secret into an answer.
 */
import type { ConfigurationError, InvalidInputError } from "@cf-accounts/core/CloudflareError"
import type { PolicyFileError } from "@cf-accounts/policy/PolicyFileError"
import * as Effect from "effect/Effect"
import * as IdempotencyKey from "../jobs/IdempotencyKey.js"
import type { DatabaseError } from "../platform/Database.js"
import type { QueueSendError } from "../platform/Queues.js"
import type { SyncInProgressError } from "../sync/Sync.js"
import type { BodyTooLargeError } from "./Body.js"
import * as Errors from "./Errors.js"

/** Every failure the handlers' domain calls can end in. */
export type DomainFailure =
  | BodyTooLargeError
  | ConfigurationError
  | DatabaseError
  | IdempotencyKey.IdempotencyKeyReusedError
  | InvalidInputError
  | PolicyFileError
  | QueueSendError
  | SyncInProgressError

type ApiError<E> = E extends InvalidInputError | PolicyFileError
  ? Errors.InvalidInput
  : E extends BodyTooLargeError
    ? Errors.PayloadTooLarge
    : E extends IdempotencyKey.IdempotencyKeyReusedError
      ? Errors.Unprocessable
      : E extends SyncInProgressError
        ? Errors.Conflict
        : E extends QueueSendError
          ? Errors.Unavailable
          : E extends ConfigurationError | DatabaseError
            ? Errors.InternalError
            : E

/** The API error for a domain failure; any other failure is kept as it is. */
const toApiError = (error: DomainFailure | { readonly _tag?: never }): Effect.Effect<never, unknown> => {
  switch (error._tag) {
    case "InvalidInputError":
      return Effect.fail(new Errors.InvalidInput(Errors.detail("invalid_input", error.message, { field: error.field })))
    case "PolicyFileError":
      // Its message lists every problem as `body:line:column: path: rule`.
      return Effect.fail(new Errors.InvalidInput(Errors.detail("invalid_input", error.message, { field: "body" })))
    case "BodyTooLargeError":
      return Effect.fail(new Errors.PayloadTooLarge(Errors.detail("body_too_large", error.message, { field: "body" })))
    case "IdempotencyKeyReusedError":
      return Effect.fail(
        new Errors.Unprocessable(Errors.detail("idempotency_key_reused", error.message, { field: IdempotencyKey.FIELD }))
      )
    case "SyncInProgressError":
      return Effect.fail(new Errors.Conflict(Errors.detail("sync_in_progress", error.message, { sync_id: error.syncId })))
    case "QueueSendError":
      return Effect.fail(new Errors.Unavailable(Errors.detail("queue_unavailable", error.message)))
    case "ConfigurationError":
      return Effect.fail(new Errors.InternalError(Errors.detail("configuration", error.message)))
    case "DatabaseError":
      return Effect.zipRight(
        Effect.logError(error.message),
        Effect.fail(new Errors.InternalError(Errors.detail("database", `database error while ${error.operation}`)))
      )
    default:
      return Effect.fail(error)
  }
}

/** A handler's effect with its domain failures turned into API errors (others kept as they are). */
export const answered = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, ApiError<E>, R> =>
  // `toApiError` maps each member of `E` as `ApiError` says.
  Effect.catchAll(effect, (error) => toApiError(error as DomainFailure)) as Effect.Effect<A, ApiError<E>, R>
