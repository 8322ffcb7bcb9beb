/**
 * Pages fetched ahead and emitted in order. `Stream.mapEffect` with
 * `concurrency` does this through a queue, a latch and a fiber per element,
 * which cost about 60-100 µs of CPU per page (more than reading it); here each
 * page is one fiber, joined in order when the stream is pulled.
 *
 * A fetch that ends makes room for the next at once, before its page is
 * checked, emitted and read: the request goes out while the reader works.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"
import * as Stream from "effect/Stream"

/**
 * `fetch(n)` for `n` from `from` to `to`, up to `concurrency` running at once
 * and up to twice that many fetched and not yet emitted, emitted in order of
 * `n`. The first failure in that order fails the stream (the pages before it
 * are emitted first); when the stream ends, however it ends, the fetches
 * still running are interrupted and no other starts.
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
    const inFlightLimit = Math.max(1, concurrency)
    // Started and not yet emitted, in order of `n`.
    const pages: Array<Fiber.RuntimeFiber<A, E>> = []
    let inFlight = 0
    let next = from
    let closed = false
    // The reader's runtime (`Effect.runtime`), from its first pull. The fetches run as
    // fibers of their own (a stream may be pulled from more than one fiber, a reader a
    // chunk at a time, so none of them owns the fetches; the finalizer below does).
    let fork: ((effect: Effect.Effect<A, E, R>) => Fiber.RuntimeFiber<A, E>) | undefined

    /**
     * Starts fetches while there is room. Plain code, run to its end before any
     * fiber runs again, so the finalizer cannot come between a start and its record.
     */
    const start = () => {
      while (fork !== undefined && !closed && next <= to && inFlight < inFlightLimit && pages.length < 2 * inFlightLimit) {
        const fiber = fork(fetch(next++))
        inFlight++
        pages.push(fiber)
        fiber.addObserver(() => {
          inFlight--
          start()
        })
      }
    }

    const forkFrom = (runtime: Runtime.Runtime<R>) => (effect: Effect.Effect<A, E, R>) =>
      // Started by the scheduler, not inside the fiber whose end made room for it.
      Runtime.runFork(runtime)(effect, { immediate: false })

    /** The next page in order, once it is fetched; `None` after the last. */
    const emit = Effect.suspend((): Effect.Effect<A, Option.Option<E>> => {
      start()
      // Left in `pages` while awaited, so that the finalizer interrupts it if the reader stops.
      // Awaited, not joined: joining would copy the fetch's fiber refs into the reader.
      const head = pages[0]
      if (head === undefined) return Effect.fail(Option.none())
      return Effect.flatMap(Fiber.await(head), (exit) => {
        if (Exit.isFailure(exit)) return Effect.mapError(Effect.failCause(exit.cause), Option.some)
        pages.shift()
        start()
        return Effect.succeed(exit.value)
      })
    })

    const pull: Effect.Effect<A, Option.Option<E>, R> = Effect.suspend(() =>
      fork !== undefined
        ? emit
        : Effect.flatMap(Effect.runtime<R>(), (reader) => {
            // The reader's context and fiber refs, and interruptible flags whatever the
            // reader's, so that the finalizer's interruption ends a fetch.
            fork = forkFrom(Runtime.make({ ...reader, runtimeFlags: Runtime.defaultRuntimeFlags }))
            return emit
          })
    )
    return Stream.ensuring(
      Stream.repeatEffectOption(pull),
      Effect.suspend(() => {
        closed = true
        return Fiber.interruptAll(pages.splice(0))
      })
    )
  })
