/**
 * The engine of `RetryPolicy` (the public module holds its documentation).
 *
 * @internal
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
import * as ErrorPredicates from "./errorPredicates.js"

/** @internal */
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

/** @internal */
export interface ResolvedRetryOptions {
  readonly base: Duration.Duration
  readonly cap: Duration.Duration
  readonly maxAttempts: number
  readonly maxElapsed: Duration.Duration
  readonly maxRetryAfter: Duration.Duration
}

/** @internal */
export const defaults: ResolvedRetryOptions = {
  base: Duration.millis(500),
  cap: Duration.seconds(8),
  maxAttempts: 4,
  maxElapsed: Duration.minutes(2),
  maxRetryAfter: Duration.seconds(60)
}

/** @internal */
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

/** @internal */
export type AttemptError = CloudflareApiError | TransportError | TimeoutError | ResponseDecodeError

/** @internal */
export const isRetriedStatus: (status: number) => boolean = ErrorPredicates.isRetriedStatus

/** @internal */
export const isTransient: (error: AttemptError) => boolean = ErrorPredicates.isTransient

/** @internal */
export const isAmbiguous: (error: AttemptError) => boolean = ErrorPredicates.isAmbiguous

/** @internal */
export const provablyNotProcessed = (error: AttemptError): boolean =>
  error._tag === "RateLimitedError" || (error._tag === "TransportError" && !error.sent)

/** @internal */
export const serverWait = (error: AttemptError): Option.Option<Duration.Duration> =>
  (error._tag === "RateLimitedError" || error._tag === "ServerError") && error.retryAfter !== undefined
    ? Option.some(error.retryAfter)
    : Option.none()

/** @internal */
export const waitTooLong = (options: ResolvedRetryOptions, error: AttemptError): boolean =>
  Option.match(serverWait(error), {
    onNone: () => false,
    onSome: (wait) => Duration.greaterThan(wait, options.maxRetryAfter)
  })

/** @internal */
export type Mode = "idempotent" | "create"

/** @internal */
export const shouldRetry = (options: ResolvedRetryOptions, mode: Mode, error: AttemptError): boolean =>
  !waitTooLong(options, error) && (mode === "create" ? provablyNotProcessed(error) : isTransient(error))

/** @internal */
export const backoffCeiling = (options: ResolvedRetryOptions, retry: number): Duration.Duration =>
  Duration.min(options.cap, Duration.times(options.base, 2 ** retry))

/** @internal */
export interface RetryEvent<E> {
  readonly error: E
  /** 0 for the first retry. */
  readonly retry: number
  readonly delay: Duration.Duration
}

/** @internal */
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
