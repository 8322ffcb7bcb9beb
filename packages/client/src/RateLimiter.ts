/**
 * A client-side rate limiter: a sliding window of the last `limit` request
 * times. Once `limit` requests were made within `window`, the next one waits
 * until the oldest leaves the window, so bulk work slows down instead of
 * collecting 429s. One limiter is shared by every call through one client.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/slidingWindow.js"

/**
 * @since 0.1.0
 */
export type RateLimiter = internal.RateLimiter

/**
 * A limiter that never waits.
 *
 * @since 0.1.0
 */
export const unlimited = internal.unlimitedLimiter

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
export const make = internal.limiter
