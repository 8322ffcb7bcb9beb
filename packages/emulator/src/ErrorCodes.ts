/**
 * The error statuses and codes the emulator answers with. Where Cloudflare's
 * behaviour is known the same code is used (9106, 9103, 10000, 6007, 7003, 971);
 * the rest are the emulator's own, plausible choices.
 *
 * @since 0.1.0
 */

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
    code: 9106,
    message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers"
  },
  /** A bearer token (or user service key) that is not the configured one. */
  authenticationError: { status: 403, code: 10000, message: "Authentication error" },
  /** An X-Auth-Key / X-Auth-Email pair that is not the configured one. */
  unknownApiKey: { status: 403, code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" },
  /** The body is not JSON. */
  malformedJson: { status: 400, code: 6007, message: "Malformed JSON in request body" },
  /** A body field or query parameter fails validation; the message names it. */
  invalidInput: { status: 400, code: 1001, message: "Invalid request" },
  /** The account id in the path is not 32 hexadecimal characters. */
  invalidIdentifier: { status: 400, code: 7003, message: "Could not route, perhaps your object identifier is invalid?" },
  /** The `id` of a `PUT /accounts/{account_id}` body differs from the path. */
  idMismatch: { status: 400, code: 1002, message: "The account id in the body does not match the path" },
  /** `unit.id` of a create names no organization. */
  unknownUnit: { status: 400, code: 1005, message: "unit.id does not name a known unit" },
  /** No route for this method and path. */
  noRoute: { status: 404, code: 7003, message: "No route for the URI" },
  /** A well-formed account id that names no account. */
  accountNotFound: { status: 404, code: 1003, message: "Account not found" },
  /** A destination organization that does not exist. */
  organizationNotFound: { status: 404, code: 1004, message: "Organization not found" },
  /** `POST /accounts/move` when the emulator runs with `batchMove: "not_implemented"`. */
  notImplemented: { status: 501, code: 10501, message: "Not implemented" },
  /** Injected `rate_limit` fault. */
  rateLimited: { status: 429, code: 971, message: "Please wait and consider throttling your request speed" },
  /** Injected `status` faults. */
  status500: { status: 500, code: 10500, message: "Internal server error" },
  status502: { status: 502, code: 10502, message: "Bad gateway" },
  status503: { status: 503, code: 10503, message: "Service temporarily unavailable" },
  status504: { status: 504, code: 10504, message: "Gateway timeout" },
  status408: { status: 408, code: 10408, message: "Request timeout" }
} as const satisfies Record<string, ErrorCode>
