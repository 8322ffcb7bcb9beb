/**
 * Pages fetched ahead and emitted in order. `Stream.mapEffect` with
 * `concurrency` does this through a queue, a latch and a fiber per element,
 * which cost about 60-100 µs of CPU per page (more than reading it); here each
 * page is one forked fiber, joined in order when the stream is pulled.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Scheduler from "./scheduler.js"

/**
 * `fetch(n)` for `n` from `from` to `to`, up to `concurrency` running at once,
 * emitted in order of `n`. The first failure in that order fails the stream
 * (the pages before it are emitted first); when the stream ends, however it
 * ends, the fetches still running are interrupted.
 *
 * @internal
 */
export const inOrder = <A, E, R>(
  from: number,
  to: number,
  concurrency: number,
  fetch: (n: number) => Effect.Effect<A, E, R>
): Stream.Stream<A, E, R> =>
  Stream.suspend(() => {
    const running: Array<Fiber.RuntimeFiber<A, E>> = []
    let next = from
    // Daemon fibers: a stream may be pulled from more than one fiber (a reader a
    // chunk at a time), so none of them owns the fetches; the finalizer below does.
    // Uninterruptible between a fork and its record in `running`, which the finalizer
    // interrupts (the fetch itself stays interruptible).
    // Each fetch's fiber lives for one page: see Scheduler.
    const fill: Effect.Effect<void, never, R> = Effect.uninterruptibleMask((restore) =>
      Effect.withFiberRuntime((puller) => {
        const scheduler = Scheduler.forShortFibers(puller.currentScheduler)
        const loop: Effect.Effect<void, never, R> = Effect.suspend(() =>
          next > to || running.length >= Math.max(1, concurrency)
            ? Effect.void
            : Effect.flatMap(Effect.forkDaemon(Effect.withScheduler(restore(fetch(next++)), scheduler)), (fiber) => {
                running.push(fiber)
                return loop
              })
        )
        return loop
      })
    )
    const pull = Effect.zipRight(
      fill,
      Effect.suspend(() => {
        // Left in `running` while joined, so that an interruption of the join interrupts it too.
        const head = running[0]
        if (head === undefined) return Effect.fail(Option.none())
        return Effect.mapBoth(Fiber.join(head), {
          onFailure: Option.some,
          onSuccess: (a) => {
            running.shift()
            return a
          }
        })
      })
    )
    return Stream.ensuring(
      Stream.repeatEffectOption(pull),
      Effect.suspend(() => Fiber.interruptAll(running.splice(0)))
    )
  })
