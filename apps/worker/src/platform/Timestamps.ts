/**
 * Times as the worker stores them: ISO 8601 text, read from the `Clock` so tests can set it.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** The current time from the `Clock`, as ISO 8601 text (how D1 stores times). */
export const now: Effect.Effect<string> = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())
