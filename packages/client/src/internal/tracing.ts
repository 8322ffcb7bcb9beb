/**
 * Spans cost close to nothing when no tracer was provided: Effect's native
 * tracer, the one a runtime has by default, keeps its spans nowhere, yet making
 * them (a stack trace per call, a span per call and per HTTP request, the
 * request's attributes, a `traceparent` header) was most of the client's CPU.
 * So a method is traced only when the running fiber has another tracer (an
 * OpenTelemetry one, `Effect.withTracer`, `Layer.setTracer`): then each call is
 * a span as before, with the HTTP client's span as its child and the trace
 * context sent along. Without one, nothing is traced: the call engine sends
 * each request with tracing off (no `traceparent` either).
 *
 * @internal
 */
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

const nativeTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/** Whether `tracer` is one the caller provided (not Effect's native one). @internal */
export const isTraced = (tracer: Tracer.Tracer): boolean => tracer !== nativeTracer

/** `traced` when the fiber has a tracer of its own, else `untraced`. @internal */
export const choose = <A, E, R>(traced: () => Effect.Effect<A, E, R>, untraced: () => Effect.Effect<A, E, R>) =>
  Effect.tracerWith((tracer) => (isTraced(tracer) ? traced() : untraced()))

/** `effect` when the fiber has a tracer of its own, else nothing. @internal */
export const whenTraced = (effect: Effect.Effect<void>): Effect.Effect<void> =>
  Effect.tracerWith((tracer) => (isTraced(tracer) ? effect : Effect.void))

/**
 * A public method named `name`: with a tracer, `Effect.fn(name)` over
 * `traced` (a span per call); without one, `untraced` as it is (by default
 * the same body).
 *
 * @internal
 */
export const fn =
  (name: string) =>
  <Args extends Array<unknown>, A, E, R>(
    traced: (...args: Args) => Effect.Effect<A, E, R>,
    untraced: (...args: Args) => Effect.Effect<A, E, R> = traced
  ) => {
    const spanned = Effect.fn(name)(traced)
    return (...args: Args): Effect.Effect<A, E, R> =>
      choose(
        () => spanned(...args),
        () => untraced(...args)
      )
  }
