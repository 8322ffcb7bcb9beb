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
import * as internal from "./internal/errorPredicates.js"

/**
 * Every error the client fails with.
 *
 * @since 0.1.0
 * @category models
 */
export type ClientError = internal.ClientError

/**
 * Whether `u` is one of the client's errors (by its `_tag`), so the typed
 * predicates below apply to it.
 *
 * @since 0.1.0
 * @category guards
 */
export const isClientError = internal.isClientError

/**
 * Whether a failure is an answer from Cloudflare (it has a status and `errors[]`).
 *
 * @since 0.1.0
 * @category guards
 */
export const isApiError = internal.isApiError

/**
 * A status that may go away by itself: 408, 429, 500, 502, 503, 504, or
 * Cloudflare's 52x. Never 501 (the endpoint is not implemented) or another 4xx.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isRetriedStatus = internal.isRetriedStatus

/**
 * A failure that may go away by itself: a transport failure, a timeout, or a
 * retried status ({@link isRetriedStatus}). Everything else is permanent.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTransient = internal.isTransient

/**
 * A failure after which the server may or may not have applied the request:
 * a timeout, a connection lost after sending, a 5xx, a 408, or a write whose
 * outcome could not be established.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isAmbiguous = internal.isAmbiguous

/**
 * The credentials themselves are not valid (missing, revoked, expired, wrong):
 * a 401, or a 403 whose Cloudflare code says so ({@link credentialCodes}). A 403
 * without such a code means valid credentials that lack permission.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isCredentialFailure = internal.isCredentialFailure

/**
 * Access was refused: a 401 or a 403 (bad credentials, or missing permission).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isAccessDenied = internal.isAccessDenied

/**
 * The endpoint is not available here (so another way must be used): 405 or
 * 501; a "no route" code ({@link noRouteCodes}) or a message saying it is not
 * implemented or has no route; or a 404 that names nothing else. A 404 whose
 * errors say something else (e.g. "Organization not found") is a real answer.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isEndpointUnavailable = internal.isEndpointUnavailable
