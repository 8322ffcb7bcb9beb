/**
 * The error statuses and codes the emulator answers with. The code numbers
 * come from core's `ErrorCode` table: Cloudflare's own where its behaviour is
 * known, the emulator's plausible choices elsewhere.
 *
 * @since 0.1.0
 */
import { ErrorCode as Code } from "@cf-accounts/core/ErrorCode"

/**
 * @since 0.1.0
 */
export interface ErrorCode {
  readonly status: number
  readonly code: number
  readonly message: string
}

/**
 * @since 0.1.0
 */
export const ErrorCodes = {
  /** No Authorization, X-Auth-Key/X-Auth-Email or X-Auth-User-Service-Key header. */
  missingCredentials: {
    status: 400,
    code: Code.MissingCredentials,
    message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers"
  },
  /** A bearer token (or user service key) that is not the configured one. */
  authenticationError: { status: 403, code: Code.AuthenticationError, message: "Authentication error" },
  /** An X-Auth-Key / X-Auth-Email pair that is not the configured one. */
  unknownApiKey: { status: 403, code: Code.UnknownApiKey, message: "Unknown X-Auth-Key or X-Auth-Email" },
  /** The body is not JSON. */
  malformedJson: { status: 400, code: Code.MalformedJson, message: "Malformed JSON in request body" },
  /** A body field or query parameter fails validation; the message names it. */
  invalidInput: { status: 400, code: Code.InvalidRequest, message: "Invalid request" },
  /** The account id in the path is not 32 hexadecimal characters. */
  invalidIdentifier: { status: 400, code: Code.CouldNotRoute, message: "Could not route, perhaps your object identifier is invalid?" },
  /** The `id` of a `PUT /accounts/{account_id}` body differs from the path. */
  idMismatch: { status: 400, code: Code.IdMismatch, message: "The account id in the body does not match the path" },
  /** `unit.id` of a create names no organization. */
  unknownUnit: { status: 400, code: Code.UnknownUnit, message: "unit.id does not name a known unit" },
  /** No route for this method and path. */
  noRoute: { status: 404, code: Code.CouldNotRoute, message: "No route for the URI" },
  /** A well-formed account id that names no account. */
  accountNotFound: { status: 404, code: Code.AccountNotFound, message: "Account not found" },
  /** A destination organization that does not exist. */
  organizationNotFound: { status: 404, code: Code.OrganizationNotFound, message: "Organization not found" },
  /** `POST /accounts/move` when the emulator runs with `batchMove: "not_implemented"`. */
  notImplemented: { status: 501, code: Code.NotImplemented, message: "Not implemented" },
  /** Injected `rate_limit` fault. */
  rateLimited: { status: 429, code: Code.RateLimited, message: "Please wait and consider throttling your request speed" },
  /** Injected `status` faults. */
  status500: { status: 500, code: Code.InternalServerError, message: "Internal server error" },
  status502: { status: 502, code: Code.BadGateway, message: "Bad gateway" },
  status503: { status: 503, code: Code.ServiceUnavailable, message: "Service temporarily unavailable" },
  status504: { status: 504, code: Code.GatewayTimeout, message: "Gateway timeout" },
  status408: { status: 408, code: Code.RequestTimeout, message: "Request timeout" }
} as const satisfies Record<string, ErrorCode>
