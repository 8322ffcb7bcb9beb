/**
 * The engine of `ErrorPredicates` (the public module holds its documentation).
 *
 * @internal
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

/** @internal */
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

/** @internal */
export const isClientError = (u: unknown): u is ClientError =>
  Predicate.hasProperty(u, "_tag") && Predicate.isString(u._tag) && TAGS.has(u._tag)

/** @internal */
export const isApiError = (error: ClientError): error is CloudflareApiError =>
  "status" in error && "errors" in error

const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** @internal */
export const isRetriedStatus = (status: number): boolean =>
  RETRIED_STATUSES.has(status) || (status >= 520 && status <= 530)

/** @internal */
export const isTransient = (error: ClientError): boolean => {
  switch (error._tag) {
    case "TransportError":
    case "TimeoutError":
      return true
    default:
      return isApiError(error) && isRetriedStatus(error.status)
  }
}

/** @internal */
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

/** @internal */
export const isCredentialFailure = (error: ClientError): boolean =>
  error._tag === "AuthenticationError" ||
  (error._tag === "PermissionDeniedError" && error.errors.some((e) => credentialCodes.has(e.code)))

/** @internal */
export const isAccessDenied = (error: ClientError): boolean =>
  error._tag === "AuthenticationError" || error._tag === "PermissionDeniedError"

/** @internal */
export const isEndpointUnavailable = (error: ClientError): boolean => {
  if (!isApiError(error)) return false
  if (error.status === 405 || error.status === 501) return true
  const saysNoRoute = error.errors.some((e) => noRouteCodes.has(e.code) || /not implemented|no route/i.test(e.message))
  return saysNoRoute || (error.status === 404 && error.errors.length === 0)
}
