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
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as AccountsRequest from "./accountsRequest.js"
import * as ClientOptions from "./clientOptions.js"
import * as Credentials from "./credentials.js"
import * as RetryPolicy from "./retryPolicy.js"
import * as ErrorMapping from "./errorMapping.js"
import * as SlidingWindow from "./slidingWindow.js"
import * as Tracing from "./tracing.js"

/** What any request can fail with once it was sent. @internal */
export type ApiError = CloudflareApiError | TransportError | TimeoutError | ResponseDecodeError

/** What a call can fail with: bad input (nothing sent), or an {@link ApiError}. @internal */
export type CallError = InvalidInputError | ApiError

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

/** How long an attempt may take, and the error when it runs out. */
interface Limit {
  readonly duration: Duration.Duration
  readonly onTimeout: () => ApiError
}

/** Per-call bookkeeping shared by its attempts (one call's fiber alone writes it). */
interface CallState {
  attempts: number
  /** An attempt failed in a way that leaves its outcome open (timeout, reset after sending, 5xx, 408). */
  ambiguous: boolean
  /** An attempt is on the wire: if the deadline interrupts it, its outcome is open too. */
  inFlight: boolean
  /** The deadline's TimeoutError, once it ran out. */
  deadlineHit: TimeoutError | undefined
}

/** One call, as its attempts see it. */
interface Call<A, I> {
  readonly spec: AccountsRequest.RequestSpec
  readonly context: ErrorMapping.RequestContext
  readonly state: CallState
  /** The caller's clock, read without a step of its own. */
  readonly clock: Clock.Clock
  /** Whether the caller logs at debug level: the attempt's log line is made only then. */
  readonly debug: boolean
  readonly envelope: Schema.Schema<A, I>
  readonly empty: Option.Option<A>
  /** Where the `Date` of each answer goes, while a caller watches ({@link withServerTime}). */
  readonly watch: ServerTime | undefined
}

/** The server's time as the answers of a watched effect told it (see {@link withServerTime}). */
interface ServerTime {
  /** The latest `Date` header, in epoch millis. */
  latest: number | undefined
  /** Some answer had no `Date` header that could be read. */
  missing: boolean
}

/** The watch of the running effect, if any: inherited by the fibers it forks (a listing's prefetch). */
const currentServerTime = FiberRef.unsafeMake<ServerTime | undefined>(undefined)

/** Notes the `Date` header of an answer in `watch`. */
const noteServerTime = (watch: ServerTime, headers: ErrorMapping.Answer["headers"]): void => {
  const date = headers["date"]
  const time = date === undefined ? Number.NaN : Date.parse(date)
  if (Number.isNaN(time)) watch.missing = true
  else if (watch.latest === undefined || time > watch.latest) watch.latest = time
}

/**
 * Runs `self` and gives, with its value, the server's time by the answers the
 * call engine got while it ran (its forked fibers' included): the latest `Date`
 * header, in epoch millis. `None` when some answer had no `Date` header that
 * could be read, or there was no answer: then the server's time is not known.
 * The one place a response header other than the retry waits is read for the
 * caller (create's reconciliation needs the server's clock).
 *
 * @internal
 */
export const withServerTime = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<readonly [A, Option.Option<number>], E, R> =>
  Effect.suspend(() => {
    const watch: ServerTime = { latest: undefined, missing: false }
    return Effect.map(
      Effect.locally(self, currentServerTime, watch),
      (value) => [value, watch.missing ? Option.none() : Option.fromNullable(watch.latest)] as const
    )
  })

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
    const window =
      options.rateLimit === false
        ? SlidingWindow.unlimited
        : SlidingWindow.make(options.rateLimit.limit, Duration.toMillis(options.rateLimit.window))
    const limiter = SlidingWindow.take(window)
    const secrets = Credentials.secretValues(options.credentials)
    // A caller's tracer as a request's span sees it: no secret in an attribute, whatever its name.
    const redactingTracer = Tracing.redactingTracers(secrets)
    // Built once per client, set on every request.
    const headers = {
      ...Credentials.toHeaders(options.credentials),
      accept: "application/json",
      "user-agent": options.userAgent
    }
    const baseClient = (yield* HttpClient.HttpClient).pipe(
      // Innermost, so a 3xx never reaches a layer that could follow it with the credentials.
      HttpClient.transformResponse(Effect.flatMap(ErrorMapping.refuseRedirects)),
      HttpClient.mapRequest((request) =>
        HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, options.baseUrl), headers)
      )
    )
    const http = options.transformClient === undefined ? baseClient : options.transformClient(baseClient)
    // Cloudflare's API never redirects, and a followed redirect would carry the credential
    // headers to wherever it points. Fetch-based clients get `redirect: "manual"` on every
    // request, over any `RequestInit` provided where the client was built or where it is
    // called; other clients do not follow by default. A 3xx is a RedirectError either way.
    const initAtMake = Option.getOrUndefined(yield* Effect.serviceOption(FetchHttpClient.RequestInit))
    const manual = (init: globalThis.RequestInit): globalThis.RequestInit => ({ ...init, redirect: "manual" })
    const manualAtMake = manual({ ...initAtMake })
    const redacted = (names: ReadonlyArray<string | RegExp>) => [...names, ...Credentials.secretHeaderNames]
    /**
     * The rules an attempt's request runs under: manual redirects, the credential
     * headers among the redacted names, and tracing off unless the caller has a
     * tracer of its own (see Tracing), whose spans then see no secret.
     */
    const guarded = <A, E>(self: Effect.Effect<A, E>): Effect.Effect<A, E> =>
      Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (initAtCall) =>
        Effect.tracerWith((tracer) =>
          Effect.locallyWith(
            Tracing.isTraced(tracer) ? Effect.withTracer(self, redactingTracer(tracer)) : Effect.withTracerEnabled(self, false),
            Headers.currentRedactedNames,
            redacted
          ).pipe(
            Effect.provideService(
              FetchHttpClient.RequestInit,
              Option.isNone(initAtCall) ? manualAtMake : manual({ ...initAtMake, ...initAtCall.value })
            )
          )
        )
      )

    const toRequest = (spec: AccountsRequest.RequestSpec): HttpClientRequest.HttpClientRequest => {
      const request = HttpClientRequest.make(spec.method)(spec.path, { urlParams: spec.urlParams })
      return spec.body === undefined ? request : HttpClientRequest.bodyUnsafeJson(request, spec.body)
    }

    /** What came back, its headers read only when needed. */
    const exchange = (
      request: HttpClientRequest.HttpClientRequest
    ): Effect.Effect<ErrorMapping.Answer, HttpClientError.HttpClientError> =>
      Effect.flatMap(http.execute(request), (response) =>
        Effect.map(response.text, (text) => ({
          status: response.status,
          get headers() {
            return response.headers
          },
          text,
          url: response.request.url
        }))
      )

    /** One attempt after its rate-limit slot: send, read, interpret, within `limit`. */
    const attempt = <A, I>(
      call: Call<A, I>,
      limit: Limit
    ): Effect.Effect<A, ApiError> => {
      // match and flatMap chains rather than Effect.gen: fewer steps, on every call.
      const { clock, context, state } = call
      const start = clock.unsafeCurrentTimeMillis()
      const n = ++state.attempts
      state.inFlight = true
      const settled = <B, E>(outcome: string, next: (now: number) => Effect.Effect<B, E>): Effect.Effect<B, E> => {
        state.inFlight = false
        const now = clock.unsafeCurrentTimeMillis()
        return call.debug
          ? Effect.zipRight(Effect.logDebug(`HTTP ${context.method} ${context.route} ${outcome} in ${now - start}ms (attempt ${n})`), next(now))
          : next(now)
      }
      return Effect.matchEffect(
        exchange(toRequest(call.spec)).pipe(
          Effect.mapError((error) => ErrorMapping.fromHttpClientError(error, context)),
          guarded,
          Effect.timeoutFail(limit)
        ),
        {
          // The deadline cut the request short: still in flight as far as anyone knows.
          onFailure: (error) =>
            error === state.deadlineHit ? Effect.fail(error) : settled(`failed (${describeFailure(error)})`, () => Effect.fail(error)),
          onSuccess: (answer) => {
            if (call.watch !== undefined) noteServerTime(call.watch, answer.headers)
            return settled(String(answer.status), (now) =>
              ErrorMapping.interpret(context, answer, call.envelope, { empty: call.empty, now })
            )
          }
        }
      )
    }

    /** Each operation's retry schedule, made once per client. */
    const schedules = new Map<Operations.Any, Schedule.Schedule<unknown, ApiError>>()
    const scheduleOf = (operation: Operations.Any): Schedule.Schedule<unknown, ApiError> => {
      let schedule = schedules.get(operation)
      if (schedule === undefined) {
        schedule = RetryPolicy.schedule<ApiError>(
          options.retry,
          (error) => RetryPolicy.shouldRetry(options.retry, operation.retry, error),
          ({ delay, error, retry }) =>
            Effect.logDebug(
              `retrying ${operation.method} ${operation.route} in ${formatWait(delay)} after ${describeFailure(
                error
              )} (attempt ${retry + 2} of ${options.retry.maxAttempts})`
            )
        )
        schedules.set(operation, schedule)
      }
      return schedule
    }

    const timeoutMillis = Duration.toMillis(options.timeout)
    const deadlineMillis = Duration.toMillis(options.deadline)

    /**
     * The call: attempts retried by the operation's schedule, each timed out
     * (`timeout`), the whole bounded by `deadline` from the start, the wait for a
     * rate-limit slot included. The first attempt, which most calls end with, runs
     * under one timer (the attempt's, or the deadline's when that comes first): its
     * slot's wait is known when reserved, so the deadline needs no timer of its own
     * until a retry.
     */
    const execute = <O extends Operations.Any, B = never, E = ApiError>(
      operation: O,
      spec: AccountsRequest.RequestSpec,
      recover?: (error: ApiError, ambiguous: boolean) => Effect.Effect<B, E>,
      envelope?: Schema.Schema.AnyNoContext
    ): Effect.Effect<Success<O> | B, E> =>
      Effect.clockWith((clock) =>
        Effect.flatMap(FiberRef.get(FiberRef.currentMinimumLogLevel), (minimumLogLevel) =>
          Effect.flatMap(FiberRef.get(currentServerTime), (watch) => {
        const started = clock.unsafeCurrentTimeMillis()
        const state: CallState = { attempts: 0, ambiguous: false, inFlight: false, deadlineHit: undefined }
        const context: ErrorMapping.RequestContext = { method: spec.method, route: spec.route, secrets }
        const call: Call<unknown, unknown> = {
          spec,
          context,
          state,
          clock,
          debug: LogLevel.lessThanEqual(minimumLogLevel, LogLevel.Debug),
          // An empty (204) success has no envelope: any body is accepted, none is `undefined`.
          envelope: envelope ?? operation.success ?? Schema.Unknown,
          empty: operation.empty ? Option.some(undefined) : Option.none(),
          watch
        }
        const deadlineError = () => {
          state.deadlineHit ??= ErrorMapping.timeoutError(context, options.deadline)
          return state.deadlineHit
        }
        // Without `recover`, B is never and E is ApiError: a final failure is the call's failure.
        const onFailure = (error: ApiError): Effect.Effect<B, E> =>
          (recover ?? Effect.fail)(error, state.ambiguous || state.inFlight) as Effect.Effect<B, E>
        const noted = (error: ApiError) => {
          if (RetryPolicy.isAmbiguous(error)) state.ambiguous = true
          return error
        }
        const perAttempt: Limit = {
          duration: options.timeout,
          onTimeout: () => ErrorMapping.timeoutError(context, options.timeout)
        }
        const retryAttempt = Effect.zipRight(
          limiter,
          Effect.suspend(() => attempt(call, perAttempt))
        )
        /**
         * After failure `error`: the schedule decides, sleeps, and another attempt runs; a wait the
         * server asks for that outlasts the deadline ends the call with that answer, which says more
         * than a timeout after sleeping to the deadline would.
         */
        const retries = (error: ApiError, driver: Schedule.ScheduleDriver<unknown, ApiError>): Effect.Effect<unknown, ApiError> => {
          const left = started + deadlineMillis - clock.unsafeCurrentTimeMillis()
          if (Option.exists(RetryPolicy.serverWait(error), (wait) => Duration.toMillis(wait) >= left)) return Effect.fail(error)
          return Effect.matchEffect(driver.next(error), {
            onFailure: () => Effect.fail(error),
            onSuccess: () => Effect.catchAll(retryAttempt, (next) => retries(noted(next), driver))
          })
        }
        /** After the first attempt failed with `error`: retries, within what is left of the deadline. */
        const retried = (error: ApiError): Effect.Effect<unknown, ApiError> =>
          Effect.flatMap(Schedule.driver(scheduleOf(operation)), (driver) => retries(noted(error), driver)).pipe(
            Effect.timeoutFail({
              duration: Duration.millis(Math.max(0, started + deadlineMillis - clock.unsafeCurrentTimeMillis())),
              onTimeout: deadlineError
            })
          )

        const wait = window.reserve(started)
        const firstLimit: Limit =
          timeoutMillis < deadlineMillis - wait ? perAttempt : { duration: Duration.millis(deadlineMillis - wait), onTimeout: deadlineError }
        const first =
          wait >= deadlineMillis
            ? Effect.zipRight(Effect.sleep(options.deadline), Effect.fail(deadlineError()))
            : wait > 0
              ? Effect.zipRight(Effect.sleep(Duration.millis(wait)), Effect.suspend(() => attempt(call, firstLimit)))
              : attempt(call, firstLimit)
        return Effect.catchAll(first, (error) =>
          error === state.deadlineHit ? onFailure(error) : Effect.catchAll(retried(error), onFailure)
        ) as Effect.Effect<Success<O> | B, E>
          })
        )
      )

    const spanAttributes = (spec: AccountsRequest.RequestSpec) =>
      Effect.annotateCurrentSpan({
        "http.request.method": spec.method,
        "http.route": spec.route,
        ...(spec.accountId === undefined ? {} : { "cloudflare.account_id": spec.accountId })
      })
    // Only a traced call has a span of its own (see Tracing); an untraced one leaves the caller's alone.
    const annotate = (spec: AccountsRequest.RequestSpec) => Tracing.whenTraced(spanAttributes(spec))

    const method = <O extends Operations.Any, Args extends Array<unknown>>(
      operation: O,
      build: (...args: Args) => Effect.Effect<AccountsRequest.RequestSpec, InvalidInputError>
    ): ((...args: Args) => Effect.Effect<Result<O>, InvalidInputError | ApiError>) => {
      // The operation's success envelope has a `result`; an empty success has none.
      const resultOf = (success: unknown) =>
        (success === undefined ? undefined : (success as { readonly result: unknown }).result) as Result<O>
      const run = (spec: AccountsRequest.RequestSpec) => Effect.map(execute(operation, spec), resultOf)
      return Tracing.fn(`AccountsClient.${operation.name}`)(
        (...args: Args) => Effect.flatMap(build(...args), (spec) => Effect.zipRight(spanAttributes(spec), run(spec))),
        (...args: Args) => Effect.flatMap(build(...args), run)
      )
    }

    return { options, execute, method, annotate }
  })
