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
import * as Redaction from "./redaction.js"

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

/** `value` with `redact` applied to its text (and to each text of an array); other values as they are. */
const redactValue = (value: unknown, redact: (text: string) => string): unknown =>
  typeof value === "string"
    ? redact(value)
    : Array.isArray(value)
      ? value.map((item: unknown) => (typeof item === "string" ? redact(item) : item))
      : value

/**
 * `span` as it is, except that the attributes it records (its own and its
 * events') go through `redact` first. A proxy, so everything else (its ids,
 * its class, what an OpenTelemetry span carries) is the span's own.
 */
const redactingSpan = (span: Tracer.Span, redact: (text: string) => string): Tracer.Span =>
  new Proxy(span, {
    get: (target, key) => {
      if (key === "attribute") {
        return (name: string, value: unknown) => target.attribute(name, redactValue(value, redact))
      }
      if (key === "event") {
        return (name: string, startTime: bigint, attributes?: Record<string, unknown>) =>
          target.event(
            name,
            startTime,
            attributes === undefined
              ? undefined
              : Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, redactValue(v, redact)]))
          )
      }
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === "function" ? value.bind(target) : value
    }
  })

/**
 * `tracer`, whose spans pass every attribute through the redactor of
 * `secrets` ({@link Redaction.makeRedactor}): a request's span records the
 * headers of the request and of its answer, hiding only the redacted names,
 * and a server may echo a credential under any name, in any encoding. The
 * returned function makes one per tracer; the redactor is built on first use.
 *
 * @internal
 */
export const redactingTracers = (secrets: ReadonlyArray<string>): ((tracer: Tracer.Tracer) => Tracer.Tracer) => {
  let redactor: ((text: string) => string) | undefined
  const redact = (text: string): string => {
    redactor ??= Redaction.makeRedactor(secrets)
    return redactor(text)
  }
  const made = new WeakMap<Tracer.Tracer, Tracer.Tracer>()
  return (tracer) => {
    let redacting = made.get(tracer)
    if (redacting === undefined) {
      redacting = Tracer.make({
        span: (...args) => redactingSpan(tracer.span(...args), redact),
        context: (f, fiber) => tracer.context(f, fiber)
      })
      made.set(tracer, redacting)
    }
    return redacting
  }
}
