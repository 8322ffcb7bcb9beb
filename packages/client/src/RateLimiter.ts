/**
 * A client-side rate limiter: a sliding window of the last `limit` request
 * times. Once `limit` requests were made within `window`, the next one waits
 * until the oldest leaves the window, so bulk work slows down instead of
 * collecting 429s. One limiter is shared by every call through one client.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

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
  Effect.gen(function* () {
    const limit = Math.max(1, Math.floor(options.limit))
    const windowMillis = Duration.toMillis(Duration.decode(options.window))
    // A ring of the last `limit` request times; `next` is the oldest once full.
    const times: Array<number> = []
    let next = 0
    const semaphore = yield* Effect.makeSemaphore(1)
    const take = semaphore.withPermits(1)(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        if (times.length < limit) {
          times.push(now)
          return
        }
        const oldest = times[next]!
        const wait = oldest + windowMillis - now
        if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
        times[next] = yield* Clock.currentTimeMillis
        next = (next + 1) % limit
      })
    )
    return { take }
  })
