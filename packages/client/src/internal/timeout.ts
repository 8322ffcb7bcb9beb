/**
 * One exchange in a fiber of its own, under a time limit. The fiber starts
 * from the caller's runtime as an {@link Isolation} changes it, so the rules a request
 * must go out under (see the call engine) are set there, once, and need not
 * be undone: the caller's own fiber is left as it was.
 *
 * `Effect.timeoutFail` races the exchange and a sleep in two forked fibers and
 * joins their state afterwards, which cost as much CPU as the rest of a call.
 * On the live clock a plain timer interrupts the exchange's fiber instead; on
 * any other clock (a `TestClock`) or past what `setTimeout` takes,
 * `Effect.timeoutFail` as before, so tests control the time. The fiber and how
 * it is isolated are the same either way.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import type * as FiberRefs from "effect/FiberRefs"
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
 * How the exchange's fiber differs from its caller: the context it starts
 * with and its fiber refs, each made from the caller's.
 *
 * @internal
 */
export interface Isolation {
  readonly context: (context: Context.Context<never>) => Context.Context<never>
  readonly refs: (refs: FiberRefs.FiberRefs, fiberId: FiberId.Runtime) => FiberRefs.FiberRefs
}

/**
 * `self` in a fiber started from the caller's runtime as `isolation` says.
 * `onStart` gets the fiber's interruption (to time it out); interrupting the
 * caller interrupts it.
 */
const forked = <A, E>(
  self: Effect.Effect<A, E>,
  isolation: Isolation,
  onStart?: (interrupt: () => void, resume: (effect: Effect.Effect<A, E>) => void) => () => void
): Effect.Effect<A, E> =>
  Effect.withFiberRuntime<A, E>((caller, status) =>
    Effect.async<A, E>((resume) => {
      const runtime = Runtime.make({
        context: isolation.context(caller.getFiberRef(FiberRef.currentContext)),
        runtimeFlags: status.runtimeFlags,
        fiberRefs: caller.getFiberRefs()
      })
      const fiber = Runtime.runFork(runtime)(self, { updateRefs: isolation.refs })
      const interrupt = () => fiber.unsafeInterruptAsFork(caller.id())
      const stop = onStart?.(interrupt, resume)
      fiber.addObserver((exit) => {
        stop?.()
        resume(exit)
      })
      return Effect.sync(() => {
        stop?.()
        interrupt()
      })
    })
  )

/**
 * `self` in a fiber of its own started as `isolation` says, or `limit.onTimeout()`
 * once `limit.duration` has passed, the fiber then being interrupted (which
 * aborts an HTTP request). Interrupting the caller interrupts it too.
 *
 * @internal
 */
export const within =
  <E>(limit: Limit<E>, isolation: Isolation) =>
  <A>(self: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.clockWith((clock) => {
      const millis = Duration.toMillis(limit.duration)
      if (clock !== liveClock || millis > maxTimerMillis) return Effect.timeoutFail(forked(self, isolation), limit)
      return forked(self, isolation, (interrupt, resume) => {
        const timer = setTimeout(() => {
          interrupt()
          resume(Effect.fail(limit.onTimeout()))
        }, millis)
        return () => clearTimeout(timer)
      })
    })
