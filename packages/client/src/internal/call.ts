/**
 * The call engine: every request of the client goes through `execute`. One
 * attempt takes a rate-limit slot, sends the request (never following a
 * redirect), reads and interprets the answer, timed out per attempt; attempts are
 * retried by the {@link RetryPolicy} schedule for the operation's retry mode; the
 * whole call is bounded by the deadline. `call` runs one operation of core's
 * table: its success envelope, its empty (204) success and its retry mode.
 *
 * @internal
 */
import type {
  CloudflareApiError,
  ConfigurationError,
  InvalidInputError,
  ResponseDecodeError,
  TimeoutError,
  TransportError
} from "@cf-accounts/core/CloudflareError"
import type * as Operations from "@cf-accounts/core/Operations"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import type * as AccountsRequest from "../AccountsRequest.js"
import * as ClientOptions from "../ClientOptions.js"
import * as Credentials from "../Credentials.js"
import * as RateLimiter from "../RateLimiter.js"
import * as RetryPolicy from "../RetryPolicy.js"
import * as ErrorMapping from "./errorMapping.js"

/** What any request can fail with once it was sent. @internal */
export type ApiError = CloudflareApiError | TransportError | TimeoutError | ResponseDecodeError

/** The decoded success of `operation`: its envelope, or nothing for an empty (204) success. @internal */
export type Success<O extends Operations.Any> = O["success"] extends Schema.Schema<infer A, infer _I, never> ? A : undefined

/** The `result` of `operation`'s success (nothing for an empty one). @internal */
export type Result<O extends Operations.Any> = Success<O> extends { readonly result: infer R } ? R : undefined

/** @internal */
export const formatWait = (wait: Duration.Duration): string => {
  const ms = Math.round(Duration.toMillis(wait))
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1).replace(/\.0$/, "")}s`
}

/** @internal */
export const describeFailure = (error: ApiError): string => {
  switch (error._tag) {
    case "TimeoutError":
      return "timeout"
    case "TransportError":
      return `${error.reason} error`
    default:
      return String(error.status)
  }
}

/** Per-call bookkeeping shared by its attempts. */
interface CallState {
  readonly attempts: Ref.Ref<number>
  /** An attempt failed in a way that leaves its outcome open (timeout, reset after sending, 5xx, 408). */
  readonly ambiguous: Ref.Ref<boolean>
  /** An attempt is on the wire: if the deadline interrupts it, its outcome is open too. */
  readonly inFlight: Ref.Ref<boolean>
}

/** @internal */
export interface Caller {
  readonly options: ClientOptions.ResolvedOptions
  /**
   * Runs `operation`'s request `spec` (retries inside, the deadline outside),
   * decoding a success with `envelope` (default: the operation's). A final
   * failure goes to `recover` with whether the outcome of some attempt is open.
   */
  readonly execute: <O extends Operations.Any, B = never, E = ApiError>(
    operation: O,
    spec: AccountsRequest.RequestSpec,
    recover?: (error: ApiError, ambiguous: boolean) => Effect.Effect<B, E>,
    envelope?: Schema.Schema.AnyNoContext
  ) => Effect.Effect<Success<O> | B, E>
  /** A public method for `operation`: build (`build`), annotate the span, run, return the `result`. */
  readonly method: <O extends Operations.Any, Args extends Array<unknown>>(
    operation: O,
    build: (...args: Args) => Effect.Effect<AccountsRequest.RequestSpec, InvalidInputError>
  ) => (...args: Args) => Effect.Effect<Result<O>, InvalidInputError | ApiError>
  /** Annotates the current span with the request's method, route and account. */
  readonly annotate: (spec: AccountsRequest.RequestSpec) => Effect.Effect<void>
}

/**
 * Resolves the options and builds the base HTTP client once: base URL,
 * credentials, `Accept`, user agent, then `transformClient`.
 *
 * @internal
 */
export const make = (input: ClientOptions.ClientOptions): Effect.Effect<Caller, ConfigurationError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const options = yield* ClientOptions.resolve(input)
    const limiter = options.rateLimit === false ? RateLimiter.unlimited : yield* RateLimiter.make(options.rateLimit)
    const secrets = Credentials.secretValues(options.credentials)
    const baseClient = (yield* HttpClient.HttpClient).pipe(
      // Innermost, so a 3xx never reaches a layer that could follow it with the credentials.
      HttpClient.transformResponse(Effect.flatMap(ErrorMapping.refuseRedirects)),
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.prependUrl(options.baseUrl),
          HttpClientRequest.setHeaders({
            ...Credentials.toHeaders(options.credentials),
            accept: "application/json",
            "user-agent": options.userAgent
          })
        )
      )
    )
    const http = options.transformClient === undefined ? baseClient : options.transformClient(baseClient)
    const redactSecrets = Effect.locallyWith(Headers.currentRedactedNames, (names) => [
      ...names,
      ...Credentials.secretHeaderNames
    ])
    // Cloudflare's API never redirects, and a followed redirect would carry the credential
    // headers to wherever it points. Fetch-based clients get `redirect: "manual"` on every
    // request, over any `RequestInit` provided where the client was built or where it is
    // called; other clients do not follow by default. A 3xx is a RedirectError either way.
    const initAtMake = yield* Effect.serviceOption(FetchHttpClient.RequestInit)
    const neverFollow = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (initAtCall) =>
        Effect.provideService(effect, FetchHttpClient.RequestInit, {
          ...Option.getOrUndefined(initAtMake),
          ...Option.getOrUndefined(initAtCall),
          redirect: "manual"
        })
      )

    const toRequest = (spec: AccountsRequest.RequestSpec): HttpClientRequest.HttpClientRequest => {
      const request = HttpClientRequest.make(spec.method)(spec.path, { urlParams: spec.urlParams })
      return spec.body === undefined ? request : HttpClientRequest.bodyUnsafeJson(request, spec.body)
    }

    /** One attempt: take a rate-limit slot, send, read, interpret; timed out per attempt. */
    const attempt = <A, I>(
      spec: AccountsRequest.RequestSpec,
      envelope: Schema.Schema<A, I>,
      empty: Option.Option<A>,
      state: CallState
    ): Effect.Effect<A, ApiError> =>
      Effect.gen(function* () {
        const context: ErrorMapping.RequestContext = { method: spec.method, route: spec.route, secrets }
        yield* limiter.take
        const n = yield* Ref.updateAndGet(state.attempts, (n) => n + 1)
        const start = yield* Clock.currentTimeMillis
        yield* Ref.set(state.inFlight, true)
        const exchange = yield* Effect.either(
          Effect.gen(function* () {
            const response = yield* neverFollow(http.execute(toRequest(spec)))
            const text = yield* response.text
            return { status: response.status, headers: response.headers, text, url: response.request.url }
          }).pipe(
            Effect.mapError((error) => ErrorMapping.fromHttpClientError(error, context)),
            Effect.timeoutFail({
              duration: options.timeout,
              onTimeout: () => ErrorMapping.timeoutError(context, options.timeout)
            }),
            redactSecrets
          )
        )
        yield* Ref.set(state.inFlight, false)
        const now = yield* Clock.currentTimeMillis
        const outcome = Either.isRight(exchange) ? String(exchange.right.status) : `failed (${describeFailure(exchange.left)})`
        yield* Effect.logDebug(`HTTP ${spec.method} ${spec.route} ${outcome} in ${now - start}ms (attempt ${n})`)
        if (Either.isLeft(exchange)) return yield* exchange.left
        return yield* ErrorMapping.interpret(context, exchange.right, envelope, { empty, now })
      })

    const execute = <O extends Operations.Any, B = never, E = ApiError>(
      operation: O,
      spec: AccountsRequest.RequestSpec,
      recover?: (error: ApiError, ambiguous: boolean) => Effect.Effect<B, E>,
      envelope?: Schema.Schema.AnyNoContext
    ): Effect.Effect<Success<O> | B, E> =>
      Effect.gen(function* () {
        const state: CallState = {
          attempts: yield* Ref.make(0),
          ambiguous: yield* Ref.make(false),
          inFlight: yield* Ref.make(false)
        }
        const schedule = RetryPolicy.schedule<ApiError>(
          options.retry,
          (error) => RetryPolicy.shouldRetry(options.retry, operation.retry, error),
          ({ delay, error, retry }) =>
            Effect.logDebug(
              `retrying ${spec.method} ${spec.route} in ${formatWait(delay)} after ${describeFailure(error)} (attempt ${
                retry + 2
              } of ${options.retry.maxAttempts})`
            )
        )
        // An empty (204) success has no envelope: any body is accepted, none is `undefined`.
        const decoder: Schema.Schema.AnyNoContext = envelope ?? operation.success ?? Schema.Unknown
        const empty = operation.empty ? Option.some(undefined) : Option.none()
        // Without `recover`, B is never and E is ApiError: a final failure is the call's failure.
        const onFailure = (recover ?? Effect.fail) as (error: ApiError, ambiguous: boolean) => Effect.Effect<B, E>
        const result = yield* attempt(spec, decoder, empty, state).pipe(
          Effect.tapError((error) => (RetryPolicy.isAmbiguous(error) ? Ref.set(state.ambiguous, true) : Effect.void)),
          Effect.retry(schedule),
          Effect.timeoutFail({
            duration: options.deadline,
            onTimeout: () => ErrorMapping.timeoutError({ method: spec.method, route: spec.route, secrets }, options.deadline)
          }),
          Effect.catchAll((error) =>
            Effect.flatMap(
              Effect.zipWith(Ref.get(state.ambiguous), Ref.get(state.inFlight), (a, b) => a || b),
              (ambiguous) => onFailure(error, ambiguous)
            )
          )
        )
        // Decoded with the operation's success schema (or the override the caller chose for it).
        return result as Success<O> | B
      })

    const annotate = (spec: AccountsRequest.RequestSpec) =>
      Effect.annotateCurrentSpan({
        "http.request.method": spec.method,
        "http.route": spec.route,
        ...(spec.accountId === undefined ? {} : { "cloudflare.account_id": spec.accountId })
      })

    const method = <O extends Operations.Any, Args extends Array<unknown>>(
      operation: O,
      build: (...args: Args) => Effect.Effect<AccountsRequest.RequestSpec, InvalidInputError>
    ): ((...args: Args) => Effect.Effect<Result<O>, InvalidInputError | ApiError>) =>
      Effect.fn(`AccountsClient.${operation.name}`)(function* (...args: Args) {
        const spec = yield* build(...args)
        yield* annotate(spec)
        const success: unknown = yield* execute(operation, spec)
        // The operation's success envelope has a `result`; an empty success has none.
        return (success === undefined ? undefined : (success as { readonly result: unknown }).result) as Result<O>
      })

    return { options, execute, method, annotate }
  })
