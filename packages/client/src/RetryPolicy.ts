/**
 * The retry policy: which failures are retried, for which operations, and how
 * long to wait. One `Schedule` ({@link schedule}) drives every retry.
 *
 * - Retried: 408, 429, 500, 502, 503, 504, Cloudflare's 52x edge errors,
 *   transport errors and per-attempt timeouts. Never: other 4xx, decode errors.
 * - Waits: exponential backoff with full jitter (a random wait between 0 and
 *   `min(cap, base * 2^n)`), or exactly the server's `Retry-After` /
 *   `retry-after-ms` when it sent one.
 * - A requested wait longer than `maxRetryAfter` is not slept through: the call
 *   fails at once (a 429 as `RateLimitedError`, a 5xx as `ServerError`, each
 *   carrying `retryAfter`).
 * - At most `maxAttempts` attempts and `maxElapsed` of retrying.
 * - Account creation is retried only when the request provably was not
 *   processed: 429, or a connection that failed before anything was sent.
 *
 * @since 0.1.0
 */
import {
  ConfigurationError,
  type CloudflareApiError,
  type ResponseDecodeError,
  type TimeoutError,
  type TransportError
} from "@cf-accounts/core/CloudflareError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import * as ErrorPredicates from "./ErrorPredicates.js"

/**
 * @since 0.1.0
 */
export interface RetryOptions {
  /** First backoff ceiling. Default 500 ms. */
  readonly base: Duration.DurationInput
  /** Largest backoff wait. Default 8 s. */
  readonly cap: Duration.DurationInput
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts: number
  /** Longest time spent retrying one call. Default 2 minutes. */
  readonly maxElapsed: Duration.DurationInput
  /** Longest server-requested wait the client sleeps through. Default 60 s. */
  readonly maxRetryAfter: Duration.DurationInput
}

/**
 * @since 0.1.0
 */
export interface ResolvedRetryOptions {
  readonly base: Duration.Duration
  readonly cap: Duration.Duration
  readonly maxAttempts: number
  readonly maxElapsed: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
}

/**
 * @since 0.1.0
 */
export const defaults: ResolvedRetryOptions = {
  base: Duration.millis(500),
  cap: Duration.seconds(8),
  maxAttempts: 4,
  maxElapsed: Duration.minutes(2),
  maxRetryAfter: Duration.seconds(60)
}

/**
 * Fills in defaults and checks the values.
 *
 * @since 0.1.0
 */
export const resolve = (options: Partial<RetryOptions>): Effect.Effect<ResolvedRetryOptions, ConfigurationError> =>
  Effect.gen(function* () {
    const duration = (name: keyof RetryOptions, value: Duration.DurationInput | undefined, fallback: Duration.Duration) =>
      value === undefined
        ? Effect.succeed(fallback)
        : Option.match(Duration.decodeUnknown(value), {
            onNone: () =>
              Effect.fail(new ConfigurationError({ variables: [`retry.${name}`], reason: "must be a duration" })),
            onSome: Effect.succeed
          })
    const maxAttempts = options.maxAttempts ?? defaults.maxAttempts
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      return yield* new ConfigurationError({
        variables: ["retry.maxAttempts"],
        reason: `must be a whole number of at least 1 (got ${maxAttempts})`
      })
    }
    return {
      base: yield* duration("base", options.base, defaults.base),
      cap: yield* duration("cap", options.cap, defaults.cap),
      maxAttempts,
      maxElapsed: yield* duration("maxElapsed", options.maxElapsed, defaults.maxElapsed),
      maxRetryAfter: yield* duration("maxRetryAfter", options.maxRetryAfter, defaults.maxRetryAfter)
    }
  })

/**
 * Every failure of one HTTP attempt.
 *
 * @since 0.1.0
 */
export type AttemptError = CloudflareApiError | TransportError | TimeoutError | ResponseDecodeError

/**
 * A retried status: 408, 429, 500, 502, 503, 504, or Cloudflare's 52x
 * ({@link ErrorPredicates.isRetriedStatus}).
 *
 * @since 0.1.0
 */
export const isRetriedStatus: (status: number) => boolean = ErrorPredicates.isRetriedStatus

/**
 * A failure that may go away by itself ({@link ErrorPredicates.isTransient}).
 *
 * @since 0.1.0
 */
export const isTransient: (error: AttemptError) => boolean = ErrorPredicates.isTransient

/**
 * A failure after which the server may or may not have applied the request
 * ({@link ErrorPredicates.isAmbiguous}).
 *
 * @since 0.1.0
 */
export const isAmbiguous: (error: AttemptError) => boolean = ErrorPredicates.isAmbiguous

/**
 * A failure that proves the request was not processed: a 429, or a connection
 * that failed before anything was sent.
 *
 * @since 0.1.0
 */
export const provablyNotProcessed = (error: AttemptError): boolean =>
  error._tag === "RateLimitedError" || (error._tag === "TransportError" && !error.sent)

/**
 * The wait the server asked for, if any.
 *
 * @since 0.1.0
 */
export const serverWait = (error: AttemptError): Option.Option<Duration.Duration> =>
  (error._tag === "RateLimitedError" || error._tag === "ServerError") && error.retryAfter !== undefined
    ? Option.some(error.retryAfter)
    : Option.none()

/**
 * `true` when the server asked for a wait longer than `maxRetryAfter`.
 *
 * @since 0.1.0
 */
export const waitTooLong = (options: ResolvedRetryOptions, error: AttemptError): boolean =>
  Option.match(serverWait(error), {
    onNone: () => false,
    onSome: (wait) => Duration.greaterThan(wait, options.maxRetryAfter)
  })

/**
 * Which failures an operation retries.
 *
 * - `"idempotent"`: every transient failure (reads, update, delete, moves, profile).
 * - `"create"`: only failures that prove the request was not processed.
 *
 * @since 0.1.0
 */
export type Mode = "idempotent" | "create"

/**
 * @since 0.1.0
 */
export const shouldRetry = (options: ResolvedRetryOptions, mode: Mode, error: AttemptError): boolean =>
  !waitTooLong(options, error) && (mode === "create" ? provablyNotProcessed(error) : isTransient(error))

/**
 * The backoff ceiling before retry `n` (0 for the first retry): `min(cap, base * 2^n)`.
 *
 * @since 0.1.0
 */
export const backoffCeiling = (options: ResolvedRetryOptions, retry: number): Duration.Duration =>
  Duration.min(options.cap, Duration.times(options.base, 2 ** retry))

/**
 * A retry about to happen: what failed, which retry it is, the wait chosen.
 *
 * @since 0.1.0
 */
export interface RetryEvent<E> {
  readonly error: E
  /** 0 for the first retry. */
  readonly retry: number
  readonly delay: Duration.Duration
}

/**
 * The retry schedule. Its input is the failure; it recurs while `retryWhen`
 * holds, at most `maxAttempts - 1` times, waiting the server's requested wait or
 * a fully jittered exponential backoff, and only while the wait still ends within
 * `maxElapsed` of the first failure (so no attempt starts after the window).
 * `onRetry` sees each wait before it is slept (for logging).
 *
 * @since 0.1.0
 */
export const schedule = <E extends AttemptError, R = never>(
  options: ResolvedRetryOptions,
  retryWhen: (error: E) => boolean,
  onRetry: (event: RetryEvent<E>) => Effect.Effect<void, never, R> = () => Effect.void
): Schedule.Schedule<[number, E], E, R> =>
  Schedule.recurs(options.maxAttempts - 1).pipe(
    Schedule.intersect(Schedule.identity<E>()),
    Schedule.whileInput(retryWhen),
    Schedule.intersect(Schedule.elapsed),
    Schedule.mapEffect(([[retry, error], elapsed]) =>
      Effect.map(chooseDelay(options, retry, error), (delay) => ({ retry, error, elapsed, delay }))
    ),
    Schedule.whileOutput(({ delay, elapsed }) =>
      Duration.lessThanOrEqualTo(Duration.sum(elapsed, delay), options.maxElapsed)
    ),
    Schedule.modifyDelayEffect(({ delay, error, retry }) => Effect.as(onRetry({ error, retry, delay }), delay)),
    Schedule.map(({ error, retry }): [number, E] => [retry, error])
  )

const chooseDelay = (
  options: ResolvedRetryOptions,
  retry: number,
  error: AttemptError
): Effect.Effect<Duration.Duration> =>
  Option.match(serverWait(error), {
    onSome: Effect.succeed,
    onNone: () =>
      Effect.map(Random.next, (fraction) =>
        Duration.millis(Math.round(Duration.toMillis(backoffCeiling(options, retry)) * fraction))
      )
  })
