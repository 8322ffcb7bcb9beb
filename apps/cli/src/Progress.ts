/**
 * Progress of long operations (`list --all`, `batch-move`) on stderr, only when
 * stderr is a terminal: one line rewritten in place, e.g.
 * `fetched 1500 / 4200 accounts (310/s)`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { Stdio } from "./Stdio.js"

/**
 * @since 0.1.0
 */
export interface Progress {
  /** Reports `done` of `total` (when known). Drawn at most every 100 ms. */
  readonly update: (done: number, total?: number) => Effect.Effect<void>
  /** Removes the line if stdout writes to the same terminal (call before writing a row). */
  readonly clear: Effect.Effect<void>
  /** Draws the final state and ends the line. */
  readonly finish: Effect.Effect<void>
}

const INTERVAL_MS = 100

/**
 * The progress line text.
 *
 * @since 0.1.0
 */
export const render = (verb: string, noun: string, done: number, total: number | undefined, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0
  return `${verb} ${done}${total === undefined ? "" : ` / ${total}`} ${noun} (${rate}/s)`
}

const silent: Progress = { update: () => Effect.void, clear: Effect.void, finish: Effect.void }

/**
 * A progress line for `verb` (`fetched`) and `noun` (`accounts`); silent when
 * stderr is not a terminal.
 *
 * @since 0.1.0
 */
export const make = (verb: string, noun: string): Effect.Effect<Progress, never, Stdio> =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    if (!stdio.stderrIsTTY) return silent
    const started = yield* Clock.currentTimeMillis
    let lastDrawn = -Infinity
    let state: { done: number; total: number | undefined } = { done: 0, total: undefined }
    let drawn = false
    let visible = false
    const draw = (now: number) => {
      drawn = true
      visible = true
      lastDrawn = now
      stdio.redrawErrSync(render(verb, noun, state.done, state.total, now - started))
    }
    return {
      update: (done, total) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
          state = { done, total: total ?? state.total }
          if (now - lastDrawn >= INTERVAL_MS) draw(now)
        }),
      clear: Effect.sync(() => {
        if (visible && stdio.stdoutIsTTY) {
          visible = false
          // Clearing lets the next redraw come at once, so the line does not flicker away.
          lastDrawn = -Infinity
          stdio.redrawErrSync("")
        }
      }),
      finish: Effect.map(Clock.currentTimeMillis, (now) => {
        if (drawn || state.done > 0) {
          draw(now)
          stdio.errSync("\n")
        }
      })
    }
  })
