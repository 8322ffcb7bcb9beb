/**
 * The Cloudflare error codes (`errors[].code`) the toolkit knows, each with a
 * one-line meaning. This is the one place a code number is written: the
 * emulator answers with these, the client and the apps recognise them by name.
 *
 * Codes marked "Cloudflare" are codes Cloudflare's API is known to send; the
 * others are the emulator's own, plausible choices for answers whose real code
 * is not documented.
 *
 * @since 0.1.0
 */

/**
 * @since 0.1.0
 * @category codes
 */
export const ErrorCode = {
  /** Cloudflare: a field of the body or a query parameter failed validation. */
  InvalidRequest: 1001,
  /** Emulator: the `id` of a `PUT /accounts/{account_id}` body differs from the path. */
  IdMismatch: 1002,
  /** Emulator: a well-formed account id that names no account. */
  AccountNotFound: 1003,
  /** Emulator: a destination organization that does not exist. */
  OrganizationNotFound: 1004,
  /** Emulator: `unit.id` of a create names no known unit. */
  UnknownUnit: 1005,
  /** Cloudflare: the request body is not JSON. */
  MalformedJson: 6007,
  /** Cloudflare: no route for this method and path (the endpoint does not exist here). */
  NoRoute: 7000,
  /** Cloudflare: could not route, often an invalid object identifier in the path. */
  CouldNotRoute: 7003,
  /** Cloudflare: no credentials headers at all. */
  MissingCredentials: 9106,
  /** Cloudflare: an X-Auth-Key / X-Auth-Email pair that is not valid. */
  UnknownApiKey: 9103,
  /** Cloudflare: rate limited; wait and throttle. */
  RateLimited: 971,
  /** Cloudflare: the credentials themselves are not valid (sent with a 403). */
  AuthenticationError: 10000,
  /** Emulator: 408 request timeout (an injected fault). */
  RequestTimeout: 10408,
  /** Emulator: 500 internal server error (an injected fault). */
  InternalServerError: 10500,
  /** Emulator: 501, the endpoint is not implemented. */
  NotImplemented: 10501,
  /** Emulator: 502 bad gateway (an injected fault). */
  BadGateway: 10502,
  /** Emulator: 503 service unavailable (an injected fault). */
  ServiceUnavailable: 10503,
  /** Emulator: 504 gateway timeout (an injected fault). */
  GatewayTimeout: 10504
} as const

/**
 * @since 0.1.0
 * @category codes
 */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/**
 * Codes that say the credentials themselves are not valid, even when the status
 * is 403 (which otherwise means "valid, but not allowed").
 *
 * @since 0.1.0
 * @category groups
 */
export const credentialCodes: ReadonlySet<number> = new Set([ErrorCode.AuthenticationError, ErrorCode.UnknownApiKey])

/**
 * Codes that say the endpoint has no route here (it does not exist, or not for this method).
 *
 * @since 0.1.0
 * @category groups
 */
export const noRouteCodes: ReadonlySet<number> = new Set([ErrorCode.NoRoute, ErrorCode.CouldNotRoute])
