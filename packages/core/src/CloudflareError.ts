/**
 * Every error the toolkit produces, in one module. Each carries what a person
 * needs to act on it and has a one-line `message`.
 *
 * - API errors, by HTTP status: {@link BadRequestError} (400), {@link AuthenticationError}
 *   (401), {@link PermissionDeniedError} (403), {@link NotFoundError} (404),
 *   {@link ConflictError} (409), {@link UnprocessableEntityError} (422),
 *   {@link RateLimitedError} (429), {@link ServerError} (5xx) and
 *   {@link UnexpectedStatusError} (any other status), {@link RedirectError} (3xx, never
 *   followed). Each has the status, Cloudflare's
 *   `errors[]`, the `cf-ray` id, the method and the route template.
 * - {@link TransportError}, {@link TimeoutError}, {@link ResponseDecodeError}.
 * - {@link IncompleteListingError}: a listing that stayed inconsistent (or too long) after its restarts.
 * - {@link InvalidInputError}: bad input, caught before anything is sent.
 * - {@link ConfigurationError}: missing or conflicting settings.
 * - {@link OutcomeUnknownError}: a write whose result could not be established.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { ResponseInfo } from "./ResponseInfo.js"

/**
 * The fields every API error carries.
 *
 * @since 0.1.0
 */
export const ApiErrorFields = {
  /** HTTP status of the response. */
  status: Schema.Int,
  /** HTTP method of the request. */
  method: Schema.String,
  /** Route template, e.g. `/accounts/{account_id}`: never a secret, never a query. */
  route: Schema.String,
  /** Cloudflare's `errors[]`, empty when the body had none. */
  errors: Schema.Array(ResponseInfo),
  /** The `cf-ray` response header, when present: quote it to Cloudflare support. */
  cfRay: Schema.optional(Schema.String)
}

const describeErrors = (errors: ReadonlyArray<ResponseInfo>): string =>
  errors.length === 0 ? "" : `: ${errors.map((e) => `${e.message} (code ${e.code})`).join("; ")}`

const ray = (cfRay: string | undefined): string => (cfRay === undefined ? "" : ` [cf-ray ${cfRay}]`)

const apiMessage = (
  self: {
    readonly status: number
    readonly method: string
    readonly route: string
    readonly errors: ReadonlyArray<ResponseInfo>
    readonly cfRay?: string | undefined
  },
  what: string,
  hint?: string
): string =>
  `${self.method} ${self.route} failed with ${self.status} ${what}${describeErrors(self.errors)}${ray(self.cfRay)}${
    hint === undefined ? "" : `. ${hint}`
  }`

/**
 * 400: the request was malformed or failed Cloudflare's validation.
 *
 * @since 0.1.0
 */
export class BadRequestError extends Schema.TaggedError<BadRequestError>()("BadRequestError", ApiErrorFields) {
  override get message(): string {
    return apiMessage(this, "Bad Request")
  }
}

/**
 * 401: the credentials are missing or not valid.
 *
 * @since 0.1.0
 */
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>()(
  "AuthenticationError",
  ApiErrorFields
) {
  override get message(): string {
    return apiMessage(this, "Unauthorized")
  }
}

/**
 * 403: the credentials are valid but lack permission (Cloudflare also answers 403
 * for some authentication failures: see `ErrorCode.credentialCodes`).
 *
 * @since 0.1.0
 */
export class PermissionDeniedError extends Schema.TaggedError<PermissionDeniedError>()(
  "PermissionDeniedError",
  ApiErrorFields
) {
  override get message(): string {
    return apiMessage(this, "Forbidden")
  }
}

/**
 * 404: the account (or route) does not exist, or is not visible to these credentials.
 *
 * @since 0.1.0
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", ApiErrorFields) {
  override get message(): string {
    return apiMessage(this, "Not Found")
  }
}

/**
 * 409: the request conflicts with the current state.
 *
 * @since 0.1.0
 */
export class ConflictError extends Schema.TaggedError<ConflictError>()("ConflictError", ApiErrorFields) {
  override get message(): string {
    return apiMessage(this, "Conflict")
  }
}

/**
 * 422: the request was well formed but could not be processed.
 *
 * @since 0.1.0
 */
export class UnprocessableEntityError extends Schema.TaggedError<UnprocessableEntityError>()(
  "UnprocessableEntityError",
  ApiErrorFields
) {
  override get message(): string {
    return apiMessage(this, "Unprocessable Entity")
  }
}

/**
 * 429: rate limited, and the retry policy gave up (or the server asked for a
 * longer wait than the client is willing to sleep through). `retryAfter` is the
 * server's requested wait, when it sent one.
 *
 * @since 0.1.0
 */
export class RateLimitedError extends Schema.TaggedError<RateLimitedError>()("RateLimitedError", {
  ...ApiErrorFields,
  retryAfter: Schema.optional(Schema.DurationFromMillis)
}) {
  override get message(): string {
    const wait = this.retryAfter === undefined ? "" : `. Retry after ${Duration.format(this.retryAfter)}`
    return `${apiMessage(this, "Too Many Requests")}${wait}`
  }
}

/**
 * 5xx, including Cloudflare's 52x edge errors: the server failed, and retries did
 * not help (or the server asked for a longer wait than the client is willing to
 * sleep through). `retryAfter` is the server's requested wait (a 503 with
 * `Retry-After`), when it sent one.
 *
 * @since 0.1.0
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  ...ApiErrorFields,
  /** A short, secret-free excerpt of a body that was not a Cloudflare envelope. */
  bodyExcerpt: Schema.optional(Schema.String),
  /**
   * The wait the server asked for (`Retry-After` / `retry-after-ms`), when it sent one.
   *
   * @since 0.1.0
   */
  retryAfter: Schema.optional(Schema.DurationFromMillis)
}) {
  override get message(): string {
    const wait = this.retryAfter === undefined ? "" : `. Retry after ${Duration.format(this.retryAfter)}`
    return this.status === 501
      ? `${apiMessage(this, "Not Implemented")}`
      : `${apiMessage(this, "Server Error")}${wait}`
  }
}

/**
 * Any other non-success status (405, 413, ...).
 *
 * @since 0.1.0
 */
export class UnexpectedStatusError extends Schema.TaggedError<UnexpectedStatusError>()(
  "UnexpectedStatusError",
  ApiErrorFields
) {
  override get message(): string {
    return apiMessage(this, "(unexpected status)")
  }
}

/**
 * 3xx: the server answered with a redirect, which Cloudflare's API never does
 * (a base URL that is wrong, or a proxy in between). It was not followed, so
 * the credentials went nowhere else. `locationOrigin` is the origin
 * (`scheme://host:port`) of the `Location` header, when it had a usable one:
 * never its path or query, which could carry secrets.
 *
 * @since 0.1.0
 */
export class RedirectError extends Schema.TaggedError<RedirectError>()("RedirectError", {
  ...ApiErrorFields,
  /** Where the redirect pointed: `scheme://host:port` only. */
  locationOrigin: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const where = this.locationOrigin === undefined ? "without a usable Location" : `to ${this.locationOrigin}`
    return apiMessage(this, `Redirect ${where}`, "It was not followed, so no credentials were sent there")
  }
}

/**
 * Any error that Cloudflare answered with.
 *
 * @since 0.1.0
 */
export type CloudflareApiError =
  | BadRequestError
  | AuthenticationError
  | PermissionDeniedError
  | NotFoundError
  | ConflictError
  | UnprocessableEntityError
  | RateLimitedError
  | ServerError
  | UnexpectedStatusError
  | RedirectError

/**
 * @since 0.1.0
 */
export const CloudflareApiError = Schema.Union(
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitedError,
  ServerError,
  UnexpectedStatusError,
  RedirectError
)

/**
 * The request did not complete at the network level. `sent` tells whether the
 * request may have reached the server: `false` only when the connection failed
 * before any byte was written (DNS, refused), which makes even a create safe to retry.
 *
 * @since 0.1.0
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  method: Schema.String,
  route: Schema.String,
  reason: Schema.Literal("dns", "connection", "reset", "other"),
  sent: Schema.Boolean,
  detail: Schema.String,
  /** `host:port` the request was for (never userinfo, path or query), when known. */
  host: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const at = this.host === undefined ? "" : ` at ${this.host}`
    return `${this.method} ${this.route} failed: ${this.reason} error (${this.detail})${at}`
  }
}

/**
 * No response within the timeout.
 *
 * @since 0.1.0
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>()("TimeoutError", {
  method: Schema.String,
  route: Schema.String,
  timeout: Schema.DurationFromMillis
}) {
  override get message(): string {
    return `${this.method} ${this.route} timed out after ${Duration.format(this.timeout)}`
  }
}

/**
 * The response did not have the shape the spec promises. `path` names the bad
 * field; `bodyExcerpt` is a short excerpt of the body with secrets removed.
 *
 * @since 0.1.0
 */
export class ResponseDecodeError extends Schema.TaggedError<ResponseDecodeError>()("ResponseDecodeError", {
  method: Schema.String,
  route: Schema.String,
  status: Schema.Int,
  path: Schema.String,
  detail: Schema.String,
  bodyExcerpt: Schema.String,
  cfRay: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return `${this.method} ${this.route} returned ${this.status} with an unexpected body at ${this.path}: ${this.detail}${ray(this.cfRay)}`
  }
}

/**
 * A listing (`pages`/`all`) that could not be read as one consistent whole: it
 * stayed inconsistent through every pass (a `total_count` that moved, a page
 * short, empty or too long before the count was reached, a `per_page` other
 * than the one asked for, ids seen twice, a page answered as another), or it
 * ran past its page bound. What was read may be incomplete.
 *
 * @since 0.1.0
 */
export class IncompleteListingError extends Schema.TaggedError<IncompleteListingError>()("IncompleteListingError", {
  method: Schema.String,
  route: Schema.String,
  /** Why the last pass was not accepted, e.g. `total_count changed from 200 to 190 on page 3`. */
  reason: Schema.String,
  /** Passes made (the first listing and its restarts). */
  passes: Schema.Int,
  /** Pages fetched over all passes. */
  pages: Schema.Int,
  /** Distinct accounts read (and emitted) over all passes. */
  accounts: Schema.Int,
  /** The distinct `total_count` values the server reported, in the order first seen. */
  totals: Schema.Array(Schema.Int)
}) {
  override get message(): string {
    const totals = this.totals.length === 0 ? "no total_count" : `total_count ${this.totals.join(", ")}`
    return `${this.method} ${this.route} listing incomplete after ${this.passes} ${
      this.passes === 1 ? "pass" : "passes"
    } (${this.pages} pages, ${this.accounts} unique accounts, ${totals}): ${this.reason}`
  }
}

/**
 * Input rejected before anything was sent: which field, which rule, and the value.
 *
 * @since 0.1.0
 */
export class InvalidInputError extends Schema.TaggedError<InvalidInputError>()("InvalidInputError", {
  field: Schema.String,
  rule: Schema.String,
  value: Schema.Unknown
}) {
  override get message(): string {
    return `Invalid ${this.field}: ${this.rule} (got ${showValue(this.value)})`
  }
}

const showValue = (value: unknown): string => {
  if (value === undefined) return "nothing"
  const text = Predicate.isString(value) ? JSON.stringify(value) : safeJson(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

const safeJson = (value: unknown): string =>
  Option.getOrElse(
    Option.liftThrowable(() => JSON.stringify(value) as string | undefined)().pipe(Option.flatMap(Option.fromNullable)),
    () => String(value)
  )

/**
 * Missing or conflicting configuration (credentials, base URL), named by the
 * variables involved. Nothing was sent.
 *
 * @since 0.1.0
 */
export class ConfigurationError extends Schema.TaggedError<ConfigurationError>()("ConfigurationError", {
  variables: Schema.Array(Schema.String),
  reason: Schema.String
}) {
  override get message(): string {
    return `Configuration error (${this.variables.join(", ")}): ${this.reason}`
  }
}

/**
 * A non-idempotent write (account creation) failed ambiguously and its outcome
 * could not be established. The request was not sent again.
 *
 * @since 0.1.0
 */
export class OutcomeUnknownError extends Schema.TaggedError<OutcomeUnknownError>()("OutcomeUnknownError", {
  method: Schema.String,
  route: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.method} ${this.route}: the outcome is unknown (${this.detail}). It was not sent again`
  }
}
