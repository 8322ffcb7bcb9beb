/**
 * A client-side rate limiter: a sliding window of the last `limit` request
 * times. Once `limit` requests were made within `window`, the next one waits
 * until the oldest leaves the window, so bulk work slows down instead of
 * collecting 429s. One limiter is shared by every call through one client.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as SlidingWindow from "./internal/slidingWindow.js"

/**
 * @since 0.1.0
 */
export interface RateLimiter {
  /** Waits, if needed, for a slot in the window and takes it. */
  readonly take: Effect.Effect<void>
}

/**
 * A limiter that never waits.
 *
 * @since 0.1.0
 */
export const unlimited: RateLimiter = { take: Effect.void }

/**
 * Memory is one number per allowed request in the window (1,200 by default).
 *
 * @example
 * import { RateLimiter } from "@cf-accounts/client"
 * import { Effect } from "effect"
 * const program = Effect.gen(function* () {
 *   const limiter = yield* RateLimiter.make({ limit: 1200, window: "5 minutes" })
 *   yield* limiter.take
 * })
 *
 * @since 0.1.0
 */
export const make = (options: {
  readonly limit: number
  readonly window: Duration.DurationInput
}): Effect.Effect<RateLimiter> =>
  Effect.sync(() => ({
    take: SlidingWindow.take(SlidingWindow.make(options.limit, Duration.toMillis(Duration.decode(options.window))))
  }))
