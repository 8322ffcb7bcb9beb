/**
 * What the client's errors mean, as typed predicates: the one reading of the
 * error union that the retry policy, the CLI and the worker share. Apps ask
 * these questions instead of re-deriving them from tags, statuses or
 * Cloudflare error codes.
 *
 * @example
 * import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
 *
 * // retry later only what may go away by itself
 * const retryLater = (error: unknown) => ErrorPredicates.isClientError(error) && ErrorPredicates.isTransient(error)
 *
 * @since 0.1.0
 */
import type {
  CloudflareApiError,
  ConfigurationError,
  IncompleteListingError,
  InvalidInputError,
  OutcomeUnknownError,
  ResponseDecodeError,
  TimeoutError,
  TransportError
} from "@cf-accounts/core/CloudflareError"
import { credentialCodes, noRouteCodes } from "@cf-accounts/core/ErrorCode"
import * as Predicate from "effect/Predicate"

/**
 * Every error the client fails with.
 *
 * @since 0.1.0
 * @category models
 */
export type ClientError =
  | CloudflareApiError
  | TransportError
  | TimeoutError
  | ResponseDecodeError
  | IncompleteListingError
  | InvalidInputError
  | ConfigurationError
  | OutcomeUnknownError

const TAGS: ReadonlySet<string> = new Set<ClientError["_tag"]>([
  "BadRequestError",
  "AuthenticationError",
  "PermissionDeniedError",
  "NotFoundError",
  "ConflictError",
  "UnprocessableEntityError",
  "RateLimitedError",
  "ServerError",
  "UnexpectedStatusError",
  "RedirectError",
  "TransportError",
  "TimeoutError",
  "ResponseDecodeError",
  "IncompleteListingError",
  "InvalidInputError",
  "ConfigurationError",
  "OutcomeUnknownError"
])

/**
 * Whether `u` is one of the client's errors (by its `_tag`), so the typed
 * predicates below apply to it.
 *
 * @since 0.1.0
 * @category guards
 */
export const isClientError = (u: unknown): u is ClientError =>
  Predicate.hasProperty(u, "_tag") && Predicate.isString(u._tag) && TAGS.has(u._tag)

/**
 * Whether a failure is an answer from Cloudflare (it has a status and `errors[]`).
 *
 * @since 0.1.0
 * @category guards
 */
export const isApiError = (error: ClientError): error is CloudflareApiError =>
  "status" in error && "errors" in error

const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/**
 * A status that may go away by itself: 408, 429, 500, 502, 503, 504, or
 * Cloudflare's 52x. Never 501 (the endpoint is not implemented) or another 4xx.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetriedStatus = (status: number): boolean =>
  RETRIED_STATUSES.has(status) || (status >= 520 && status <= 530)

/**
 * A failure that may go away by itself: a transport failure, a timeout, or a
 * retried status ({@link isRetriedStatus}). Everything else is permanent.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTransient = (error: ClientError): boolean => {
  switch (error._tag) {
    case "TransportError":
    case "TimeoutError":
      return true
    default:
      return isApiError(error) && isRetriedStatus(error.status)
  }
}

/**
 * A failure after which the server may or may not have applied the request:
 * a timeout, a connection lost after sending, a 5xx, a 408, or a write whose
 * outcome could not be established.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isAmbiguous = (error: ClientError): boolean => {
  switch (error._tag) {
    case "TransportError":
      return error.sent
    case "TimeoutError":
    case "ServerError":
    case "OutcomeUnknownError":
      return true
    case "UnexpectedStatusError":
      return error.status === 408
    default:
      return false
  }
}

/**
 * The credentials themselves are not valid (missing, revoked, expired, wrong):
 * a 401, or a 403 whose Cloudflare code says so ({@link credentialCodes}). A 403
 * without such a code means valid credentials that lack permission.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isCredentialFailure = (error: ClientError): boolean =>
  error._tag === "AuthenticationError" ||
  (error._tag === "PermissionDeniedError" && error.errors.some((e) => credentialCodes.has(e.code)))

/**
 * Access was refused: a 401 or a 403 (bad credentials, or missing permission).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isAccessDenied = (error: ClientError): boolean =>
  error._tag === "AuthenticationError" || error._tag === "PermissionDeniedError"

/**
 * The endpoint is not available here (so another way must be used): 405 or
 * 501; a "no route" code ({@link noRouteCodes}) or a message saying it is not
 * implemented or has no route; or a 404 that names nothing else. A 404 whose
 * errors say something else (e.g. "Organization not found") is a real answer.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isEndpointUnavailable = (error: ClientError): boolean => {
  if (!isApiError(error)) return false
  if (error.status === 405 || error.status === 501) return true
  const saysNoRoute = error.errors.some((e) => noRouteCodes.has(e.code) || /not implemented|no route/i.test(e.message))
  return saysNoRoute || (error.status === 404 && error.errors.length === 0)
}
