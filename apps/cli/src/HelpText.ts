/**
 * What @effect/cli prints on stdout itself (help, usage, version, completions)
 * goes through {@link Stdio}, without terminal colours when stdout is not a
 * terminal or NO_COLOR is set, so `cf-accounts --help | less` reads cleanly.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Stdio } from "./Stdio.js"

/**
 * Whether colours should be removed: stdout is not a terminal, or NO_COLOR is
 * set to anything but the empty string (https://no-color.org).
 *
 * @since 0.1.0
 */
export const plain = (stdoutIsTTY: boolean, noColor: string | undefined): boolean =>
  !stdoutIsTTY || (noColor !== undefined && noColor !== "")

/**
 * Runs `effect` with `Console.log` writing to stdout through {@link Stdio},
 * colours removed when {@link plain}.
 *
 * @since 0.1.0
 */
export const plainWhenPiped = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Stdio> =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    const noColor = yield* Config.option(Config.string("NO_COLOR")).pipe(
      Effect.map(Option.getOrUndefined),
      Effect.orElseSucceed(() => undefined)
    )
    if (!plain(stdio.stdoutIsTTY, noColor)) return yield* effect
    const console = yield* Effect.console
    const log = (...parts: ReadonlyArray<unknown>): Effect.Effect<void> =>
      // Stdio's sanitiser removes the colours, with every other escape sequence.
      stdio.out(`${parts.map(String).join(" ")}\n`)
    return yield* Effect.withConsole(effect, { ...console, log })
  })
