/**
 * The one place that turns what came back (a transport failure, a timeout, or a
 * status and a body) into core's typed errors, or into the decoded result.
 * Every text that goes into an error (Cloudflare's `errors[]`, body excerpts,
 * decode details, transport details, the `cf-ray` header) passes through
 * {@link redact} first: a server that echoes a credential never puts it into
 * an error, its message or its JSON.
 *
 * @internal
 */
import {
  AuthenticationError,
  BadRequestError,
  type CloudflareApiError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  RedirectError,
  ResponseDecodeError,
  ServerError,
  TimeoutError,
  TransportError,
  UnexpectedStatusError,
  UnprocessableEntityError
} from "@cf-accounts/core/CloudflareError"
import * as Envelope from "@cf-accounts/core/Envelope"
import type { ResponseInfo } from "@cf-accounts/core/ResponseInfo"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Redaction from "./redaction.js"
import * as RetryAfter from "./retryAfter.js"

/** What came back for a request: status, headers and body. @internal */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly text: string
  /** The URL the request went to, against which a relative `Location` is resolved. */
  readonly url?: string
}

/** @internal */
export interface RequestContext {
  readonly method: string
  readonly route: string
  /** The configured credential values, replaced by `[REDACTED]` in any text that goes into an error. */
  readonly secrets: ReadonlyArray<string>
}

const DNS = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"])
const NOT_CONNECTED = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL"
])
const RESET = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ERR_STREAM_PREMATURE_CLOSE"])

const errorCodes = (cause: unknown, depth = 0): ReadonlyArray<string> => {
  if (depth > 5 || cause === null || typeof cause !== "object") return []
  const record = cause as { readonly code?: unknown; readonly cause?: unknown; readonly errors?: unknown }
  const own = typeof record.code === "string" ? [record.code] : []
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => errorCodes(e, depth + 1)) : []
  return [...own, ...errorCodes(record.cause, depth + 1), ...nested]
}

/**
 * `host:port` of a request URL (the scheme's default port when none is given),
 * and nothing else: no userinfo, path or query, which may carry secrets.
 *
 * @internal
 */
export const hostOf = (url: string): string | undefined =>
  Either.match(
    Either.try(() => new URL(url)),
    {
      onLeft: () => undefined,
      onRight: (u) => `${u.hostname}:${u.port !== "" ? u.port : u.protocol === "https:" ? "443" : "80"}`
    }
  )

/**
 * A transport failure. `sent` is `false` only when the connection provably
 * failed before the request was written (DNS, refused, unreachable).
 *
 * @internal
 */
export const fromHttpClientError = (
  error: HttpClientError.HttpClientError,
  context: RequestContext
): TransportError | RedirectError => {
  const base = { method: context.method, route: context.route, host: hostOf(error.request.url) }
  if (error._tag === "ResponseError") {
    if (isRefusedRedirect(error)) {
      const { headers, status } = error.response
      const fields = { status, method: context.method, route: context.route, errors: [], ...cfRayOf(headers, context.secrets) }
      return redirectError(context, status, headers, fields, error.request.url)
    }
    return new TransportError({ ...base, reason: "reset", sent: true, detail: "the response body could not be read" })
  }
  if (error.reason !== "Transport") {
    return new TransportError({ ...base, reason: "other", sent: false, detail: `request could not be built (${error.reason})` })
  }
  const codes = errorCodes(error.cause)
  const code = codes.find((c) => DNS.has(c) || NOT_CONNECTED.has(c) || RESET.has(c)) ?? codes[0]
  if (code !== undefined && DNS.has(code)) return new TransportError({ ...base, reason: "dns", sent: false, detail: code })
  if (code !== undefined && NOT_CONNECTED.has(code)) {
    return new TransportError({ ...base, reason: "connection", sent: false, detail: code })
  }
  if (code !== undefined && RESET.has(code)) return new TransportError({ ...base, reason: "reset", sent: true, detail: code })
  const message = error.cause instanceof Error ? error.cause.message : "transport failure"
  return new TransportError({ ...base, reason: "other", sent: true, detail: scrub(code ?? message, context.secrets, 120) })
}

/**
 * The attempt (`timeout` per attempt) or the whole call (the deadline) ran out.
 *
 * @internal
 */
export const timeoutError = (context: RequestContext, timeout: Duration.Duration): TimeoutError =>
  new TimeoutError({ method: context.method, route: context.route, timeout })

/** @internal */
export const REDACTED = Redaction.REDACTED

/**
 * `text` with every configured credential value (as is, percent-encoded or
 * JSON-escaped, in any letter case) and any bearer token replaced by
 * `[REDACTED]`: {@link Redaction.makeRedactor}, the public rule.
 *
 * @internal
 */
export const redact = (text: string, secrets: ReadonlyArray<string>): string => Redaction.makeRedactor(secrets)(text)

/**
 * A short excerpt of a body, safe to show: tags and scripts removed, whitespace
 * collapsed, secrets and bearer tokens replaced ({@link redact}), at most `max` characters.
 *
 * @internal
 */
export const scrub = (body: string, secrets: ReadonlyArray<string>, max = 200): string => {
  const text = redact(
    body
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    secrets
  )
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}

/** Cloudflare's `errors[]` with every text redacted. */
const redactErrors = (errors: ReadonlyArray<ResponseInfo>, secrets: ReadonlyArray<string>): Array<ResponseInfo> =>
  errors.map((error) => {
    const pointer = error.source?.pointer
    return {
      ...error,
      message: redact(error.message, secrets),
      ...(error.documentation_url == null ? {} : { documentation_url: redact(error.documentation_url, secrets) }),
      ...(error.source == null
        ? {}
        : { source: pointer == null ? error.source : { ...error.source, pointer: redact(pointer, secrets) } })
    }
  })

const cfRayOf = (headers: Readonly<Record<string, string | undefined>>, secrets: ReadonlyArray<string>) => {
  const cfRay = headers["cf-ray"]
  return cfRay === undefined ? {} : { cfRay: redact(cfRay, secrets) }
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { "http:": "80", "https:": "443" }

/**
 * Where a redirect points, as `scheme://host:port` (relative to `requestUrl`):
 * never the path or query, which could carry secrets. `undefined` when there
 * is no usable `Location`.
 *
 * @internal
 */
export const locationOrigin = (location: string | undefined, requestUrl: string | undefined): string | undefined => {
  if (location === undefined || location.trim() === "") return undefined
  return Either.try(() => new URL(location.trim(), requestUrl)).pipe(
    Either.map((url) =>
      url.protocol in DEFAULT_PORTS
        ? `${url.protocol}//${url.hostname}:${url.port === "" ? DEFAULT_PORTS[url.protocol] : url.port}`
        : url.protocol
    ),
    Either.getOrUndefined
  )
}

/** A 3xx as a `RedirectError`, naming only the origin its `Location` points to. */
const redirectError = (
  context: RequestContext,
  status: number,
  headers: Readonly<Record<string, string | undefined>>,
  fields: ConstructorParameters<typeof RedirectError>[0],
  requestUrl: string | undefined
): RedirectError => {
  const origin = locationOrigin(headers["location"], requestUrl)
  return new RedirectError({
    ...fields,
    status,
    ...(origin === undefined ? {} : { locationOrigin: redact(origin, context.secrets) })
  })
}

/**
 * The failure {@link refuseRedirects} turns a 3xx into: a `ResponseError` with
 * reason `StatusCode` and a 3xx response.
 */
const isRefusedRedirect = (error: HttpClientError.ResponseError): boolean =>
  error.reason === "StatusCode" && error.response.status >= 300 && error.response.status <= 399

/**
 * Fails every 3xx response as a `ResponseError` before anything above the
 * platform client sees it, so no layer above (a `transformClient` or an
 * `HttpClient` that follows redirects) can send the request, credentials
 * included, again to where it points. {@link fromHttpClientError} makes it a
 * `RedirectError`.
 *
 * @internal
 */
export const refuseRedirects = (
  response: HttpClientResponse.HttpClientResponse
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.ResponseError> =>
  response.status >= 300 && response.status <= 399
    ? Effect.fail(
        new HttpClientError.ResponseError({
          request: response.request,
          response,
          reason: "StatusCode",
          description: "a redirect, not followed: the API does not redirect"
        })
      )
    : Effect.succeed(response)

const parseJson = (text: string): Either.Either<unknown, string> =>
  Either.try({
    try: (): unknown => JSON.parse(text),
    catch: (error) => (error instanceof Error ? error.message : "not JSON")
  })

const decodeErrors = Schema.decodeUnknownOption(Envelope.ErrorsOnly)

/** Each envelope's decoder, compiled once per schema. */
const decoders = new WeakMap<Schema.Schema.Any, (body: unknown) => Either.Either<unknown, ParseResult.ParseError>>()
const decoderOf = <A, I>(envelope: Schema.Schema<A, I>): ((body: unknown) => Either.Either<A, ParseResult.ParseError>) => {
  let decode = decoders.get(envelope)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(envelope, { errors: "first" })
    decoders.set(envelope, decode)
  }
  // Stored under `envelope` by this function alone, so it decodes to A.
  return decode as (body: unknown) => Either.Either<A, ParseResult.ParseError>
}

/**
 * The typed error for a failed status (or a 2xx with `success: false`). A 3xx
 * is a `RedirectError` naming the origin of its `Location` (resolved against
 * `requestUrl`): the API never redirects, and the client never follows one.
 *
 * @internal
 */
export const statusError = (
  context: RequestContext,
  status: number,
  headers: Readonly<Record<string, string | undefined>>,
  json: Option.Option<unknown>,
  text: string,
  now: number,
  requestUrl?: string
): CloudflareApiError => {
  const envelope = Option.flatMap(json, decodeErrors)
  const errors = Option.match(envelope, { onNone: () => [], onSome: (e) => redactErrors(e.errors, context.secrets) })
  const fields = {
    status,
    method: context.method,
    route: context.route,
    errors,
    ...cfRayOf(headers, context.secrets)
  }
  const retryAfter = Option.match(RetryAfter.parse(headers, now), { onNone: () => ({}), onSome: (wait) => ({ retryAfter: wait }) })
  switch (status) {
    case 400:
      return new BadRequestError(fields)
    case 401:
      return new AuthenticationError(fields)
    case 403:
      return new PermissionDeniedError(fields)
    case 404:
      return new NotFoundError(fields)
    case 409:
      return new ConflictError(fields)
    case 422:
      return new UnprocessableEntityError(fields)
    case 429:
      return new RateLimitedError({ ...fields, ...retryAfter })
    default:
      if (status >= 300 && status <= 399) return redirectError(context, status, headers, fields, requestUrl)
      if (status >= 500 && status <= 599) {
        return new ServerError({
          ...fields,
          ...retryAfter,
          ...(Option.isNone(envelope) && text.trim() !== "" ? { bodyExcerpt: scrub(text, context.secrets) } : {})
        })
      }
      return new UnexpectedStatusError(fields)
  }
}

const firstIssue = (error: ParseResult.ParseError): { readonly path: string; readonly detail: string } => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  return {
    path: issue === undefined || issue.path.length === 0 ? "(body)" : issue.path.map(String).join("."),
    detail: issue?.message ?? "does not match the schema"
  }
}

/**
 * What a response means: the decoded envelope of a success (or `empty` for an
 * allowed empty body, e.g. a 204), or the typed error. A 2xx with
 * `success: false` is an error; a body that is not JSON is a
 * `ResponseDecodeError` (2xx) or a `ServerError` with an excerpt (5xx).
 *
 * @internal
 */
export const interpret = <A, I>(
  context: RequestContext,
  response: Answer,
  envelope: Schema.Schema<A, I>,
  options: { readonly empty: Option.Option<A>; readonly now: number }
): Either.Either<A, CloudflareApiError | ResponseDecodeError> => {
  const { headers, status, text } = response
  const decodeError = (path: string, detail: string) =>
    new ResponseDecodeError({
      method: context.method,
      route: context.route,
      status,
      path: redact(path, context.secrets),
      detail: redact(detail, context.secrets),
      bodyExcerpt: scrub(text, context.secrets),
      ...cfRayOf(headers, context.secrets)
    })
  const ok = status >= 200 && status <= 299
  if (!ok) {
    return Either.left(
      statusError(context, status, headers, Either.getRight(parseJson(text)), text, options.now, response.url)
    )
  }
  if (Option.isSome(options.empty) && text.trim() === "") return Either.right(options.empty.value)
  const json = parseJson(text)
  if (Either.isLeft(json)) return Either.left(decodeError("(body)", `not JSON: ${json.left}`))
  const body = json.right
  if (typeof body === "object" && body !== null && (body as { readonly success?: unknown }).success === false) {
    return Either.left(statusError(context, status, headers, Option.some(body), text, options.now))
  }
  return decoderOf(envelope)(body).pipe(
    Either.mapLeft((error) => {
      const issue = firstIssue(error)
      return decodeError(issue.path, issue.detail)
    })
  )
}
