/**
 * A time limit on one exchange. `Effect.timeoutFail` races the exchange and a
 * sleep in two forked fibers and joins their state afterwards, which cost as
 * much CPU as the rest of a call. On the live clock, the exchange runs in one
 * fiber of its own and a plain timer interrupts it; on any other clock (a
 * `TestClock`) or past what `setTimeout` takes, `Effect.timeoutFail` as before,
 * so tests control the time.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"

/** How long, and the error when it runs out. @internal */
export interface Limit<E> {
  readonly duration: Duration.Duration
  readonly onTimeout: () => E
}

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)
/** The longest wait `setTimeout` takes as it is (about 24.8 days). */
const maxTimerMillis = 2 ** 31 - 1

/**
 * `self`, or `limit.onTimeout()` once `limit.duration` has passed, `self` then
 * being interrupted (which aborts an HTTP request). Interrupting the caller
 * interrupts `self` too.
 *
 * @internal
 */
export const within =
  <E>(limit: Limit<E>) =>
  <A>(self: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.clockWith((clock) =>
      clock !== liveClock || Duration.toMillis(limit.duration) > maxTimerMillis
        ? Effect.timeoutFail(self, limit)
        : Effect.flatMap(Effect.runtime<never>(), (runtime) =>
            Effect.async<A, E>((resume) => {
              const fiber = Runtime.runFork(runtime)(self)
              const timer = setTimeout(() => {
                fiber.unsafeInterruptAsFork(fiber.id())
                resume(Effect.fail(limit.onTimeout()))
              }, Duration.toMillis(limit.duration))
              fiber.addObserver((exit) => {
                clearTimeout(timer)
                resume(exit)
              })
              return Effect.sync(() => {
                clearTimeout(timer)
                fiber.unsafeInterruptAsFork(fiber.id())
              })
            })
          )
    )
