/**
 * The rate limiter's window: the last `limit` request times in a ring. A
 * request reserves its time at once (now, or when the oldest leaves the window)
 * and is told how long to wait for it; no lock is needed, since nothing runs
 * between reading the ring and writing it. The call engine reserves directly,
 * so it knows a wait before it starts (and bounds it by the call's deadline).
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** A limiter of its own, as `RateLimiter` offers it. @internal */
export interface RateLimiter {
  /** Waits, if needed, for a slot in the window and takes it. */
  readonly take: Effect.Effect<void>
}

/** @internal */
export interface SlidingWindow {
  /** Reserves the next slot at or after `now` (ms); the wait until it, 0 when free now. */
  readonly reserve: (now: number) => number
}

/** @internal */
export const unlimited: SlidingWindow = { reserve: () => 0 }

/** @internal */
export const make = (limit: number, windowMillis: number): SlidingWindow => {
  const size = Math.max(1, Math.floor(limit))
  const times: Array<number> = []
  let next = 0
  return {
    reserve: (now) => {
      if (times.length < size) {
        times.push(now)
        return 0
      }
      const at = Math.max(now, times[next]! + windowMillis)
      times[next] = at
      next = (next + 1) % size
      return at - now
    }
  }
}

/**
 * Reserves a slot and waits for it. A take interrupted while it waits keeps its
 * slot: the limiter only errs on the slow side.
 *
 * @internal
 */
export const take = (window: SlidingWindow): Effect.Effect<void> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const wait = window.reserve(now)
    return wait > 0 ? Effect.sleep(Duration.millis(wait)) : Effect.void
  })

/** @internal */
export const unlimitedLimiter: RateLimiter = { take: Effect.void }

/** @internal */
export const limiter = (options: { readonly limit: number; readonly window: Duration.DurationInput }): Effect.Effect<RateLimiter> =>
  Effect.sync(() => ({ take: take(make(options.limit, Duration.toMillis(Duration.decode(options.window)))) }))
