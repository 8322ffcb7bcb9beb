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
import * as internal from "./internal/retryPolicy.js"

/**
 * @since 0.1.0
 */
export type RetryOptions = internal.RetryOptions

/**
 * @since 0.1.0
 */
export type ResolvedRetryOptions = internal.ResolvedRetryOptions

/**
 * @since 0.1.0
 */
export const defaults = internal.defaults

/**
 * Fills in defaults and checks the values.
 *
 * @since 0.1.0
 */
export const resolve = internal.resolve

/**
 * Every failure of one HTTP attempt.
 *
 * @since 0.1.0
 */
export type AttemptError = internal.AttemptError

/**
 * A retried status: 408, 429, 500, 502, 503, 504, or Cloudflare's 52x
 * ({@link ErrorPredicates.isRetriedStatus}).
 *
 * @since 0.1.0
 */
export const isRetriedStatus = internal.isRetriedStatus

/**
 * A failure that may go away by itself ({@link ErrorPredicates.isTransient}).
 *
 * @since 0.1.0
 */
export const isTransient = internal.isTransient

/**
 * A failure after which the server may or may not have applied the request
 * ({@link ErrorPredicates.isAmbiguous}).
 *
 * @since 0.1.0
 */
export const isAmbiguous = internal.isAmbiguous

/**
 * A failure that proves the request was not processed: a 429, or a connection
 * that failed before anything was sent.
 *
 * @since 0.1.0
 */
export const provablyNotProcessed = internal.provablyNotProcessed

/**
 * The wait the server asked for, if any.
 *
 * @since 0.1.0
 */
export const serverWait = internal.serverWait

/**
 * `true` when the server asked for a wait longer than `maxRetryAfter`.
 *
 * @since 0.1.0
 */
export const waitTooLong = internal.waitTooLong

/**
 * Which failures an operation retries.
 *
 * - `"idempotent"`: every transient failure (reads, update, delete, moves, profile).
 * - `"create"`: only failures that prove the request was not processed.
 *
 * @since 0.1.0
 */
export type Mode = internal.Mode

/**
 * @since 0.1.0
 */
export const shouldRetry = internal.shouldRetry

/**
 * The backoff ceiling before retry `n` (0 for the first retry): `min(cap, base * 2^n)`.
 *
 * @since 0.1.0
 */
export const backoffCeiling = internal.backoffCeiling

/**
 * A retry about to happen: what failed, which retry it is, the wait chosen.
 *
 * @since 0.1.0
 */
export type RetryEvent<E> = internal.RetryEvent<E>

/**
 * The retry schedule. Its input is the failure; it recurs while `retryWhen`
 * holds, at most `maxAttempts - 1` times, waiting the server's requested wait or
 * a fully jittered exponential backoff, and only while the wait still ends within
 * `maxElapsed` of the first failure (so no attempt starts after the window).
 * `onRetry` sees each wait before it is slept (for logging).
 *
 * @since 0.1.0
 */
export const schedule = internal.schedule
