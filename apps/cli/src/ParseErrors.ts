/**
 * Errors found while parsing the command line (a bad argument or flag value, an
 * unknown flag or command, a missing argument) printed like every other failure:
 * one line on stderr, `cf-accounts <command>: <message>`, secrets removed.
 * @effect/cli prints them itself, through `Console.error`, followed by a blank
 * line; this replaces that `Console.error` for the run.
 *
 * @since 0.1.0
 */
import * as Descriptor from "@effect/cli/CommandDescriptor"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import { sanitize } from "./internal/terminal.js"
import { Stdio } from "./Stdio.js"

/**
 * A subcommand of the root and the names of its own subcommands (none for a leaf).
 *
 * @since 0.1.0
 */
export interface CommandNames {
  readonly names: ReadonlyArray<string>
  readonly children: ReadonlyArray<string>
}

/**
 * The names of a command and of its subcommands.
 *
 * @since 0.1.0
 */
export const namesOf = (command: { readonly descriptor: Descriptor.Command<unknown> }): CommandNames => {
  const names = [...Descriptor.getNames(command.descriptor)]
  // A leaf lists itself as its only subcommand; a group lists its children.
  const nested = [...HashMap.keys(Descriptor.getSubcommands(command.descriptor))]
  return { names, children: nested.some((name) => names.includes(name)) ? [] : nested }
}

/**
 * The command named by `args` (the arguments after the executable), as
 * `cf-accounts profile set`; `cf-accounts` when no known command is named.
 *
 * @since 0.1.0
 */
export const commandName = (subcommands: ReadonlyArray<CommandNames>, args: ReadonlyArray<string>): string => {
  const [first, second] = args
  const top = subcommands.find((command) => first !== undefined && command.names.includes(first))
  if (top === undefined || first === undefined) return "cf-accounts"
  return second !== undefined && top.children.includes(second) ? `cf-accounts ${first} ${second}` : `cf-accounts ${first}`
}

/**
 * What @effect/cli printed, as one line: colours removed, blank lines dropped,
 * the other lines joined with `; `.
 *
 * @since 0.1.0
 */
export const oneLine = (parts: ReadonlyArray<unknown>): string =>
  sanitize(parts.map(String).join(" "))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("; ")

/**
 * Runs `effect` (the parse and run of the command line) with parse errors printed
 * as `cf-accounts <command>: <message>` on one line.
 *
 * @since 0.1.0
 */
export const oneLinePerError =
  (subcommands: ReadonlyArray<CommandNames>, args: ReadonlyArray<string>) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Stdio> =>
    Effect.flatMap(Stdio, (stdio) =>
      Console.consoleWith((console) => {
        const name = commandName(subcommands, args)
        const error = (...parts: ReadonlyArray<unknown>): Effect.Effect<void> => {
          const text = oneLine(parts)
          return text === "" ? Effect.void : stdio.err(`${name}: ${text}\n`)
        }
        return Effect.withConsole(effect, { ...console, error })
      })
    )
