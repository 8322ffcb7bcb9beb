/**
 * Spans cost close to nothing when no tracer was provided: Effect's native
 * tracer, the one a runtime has by default, keeps its spans nowhere, yet making
 * them (a stack trace per call, a span per call and per HTTP request, the
 * request's attributes, a `traceparent` header) was most of the client's CPU.
 * So a method is traced only when the running fiber has another tracer (an
 * OpenTelemetry one, `Effect.withTracer`, `Layer.setTracer`): then each call is
 * a span as before, with the HTTP client's span as its child and the trace
 * context sent along. Without one, nothing is traced (no `traceparent` either).
 *
 * @internal
 */
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

const nativeTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/** `traced` when the fiber has a tracer of its own, else `untraced` with tracing off inside it. @internal */
export const choose = <A, E, R>(traced: () => Effect.Effect<A, E, R>, untraced: () => Effect.Effect<A, E, R>) =>
  Effect.tracerWith((tracer) => (tracer === nativeTracer ? Effect.withTracerEnabled(untraced(), false) : traced()))

/**
 * A public method named `name`: with a tracer, `Effect.fn(name)` (a span per
 * call); without one, the body as it is.
 *
 * @internal
 */
export const fn =
  (name: string) =>
  <Args extends Array<unknown>, A, E, R>(body: (...args: Args) => Effect.Effect<A, E, R>) => {
    const traced = Effect.fn(name)(body)
    return (...args: Args): Effect.Effect<A, E, R> =>
      choose(
        () => traced(...args),
        () => body(...args)
      )
  }
