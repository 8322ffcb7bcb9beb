/**
 * The `cf-accounts` command line: argv read once against the command table
 * ({@link Commands}), then help, the version, a completion script, or the
 * command's own parse and run.
 *
 * @since 0.1.0
 */
import * as ValidationError from "@effect/cli/ValidationError"
import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import type * as Terminal from "@effect/platform/Terminal"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Auth from "./Auth.js"
import { UsageError } from "./CliError.js"
import * as CommandTable from "./CommandTable.js"
import { table } from "./Commands.js"
import * as Completions from "./Completions.js"
import * as Crash from "./Crash.js"
import * as Help from "./Help.js"
import * as ParseErrors from "./ParseErrors.js"
import { RequestedLogLevel } from "./Runner.js"
import * as Stdio from "./Stdio.js"
import { version } from "./Version.js"

/**
 * What argv asks for.
 *
 * @since 0.1.0
 */
export type Request =
  | { readonly _tag: "Help"; readonly node: CommandTable.Node }
  | { readonly _tag: "Version" }
  | { readonly _tag: "Completions"; readonly shell: Completions.Shell }
  | {
      readonly _tag: "Run"
      readonly node: CommandTable.Node
      /** The command's words, canonical: its flags by their long names (the global ones last), each with its value, then `--` and its arguments. */
      readonly words: ReadonlyArray<string>
      readonly logLevel: Option.Option<LogLevel.LogLevel>
    }
  | { readonly _tag: "Usage"; readonly node: CommandTable.Node; readonly reason: string }

/** @effect/cli's own flags, which it would obey even after `--`, where they can only be arguments. */
const atEnd = ["--help", "-h", "--version", "--wizard", "--completions", "--log-level"]

const builtin = (name: string): CommandTable.FlagInfo | undefined => table.builtins.find((flag) => flag.name === name)

const choose = (name: string, value: string): string | undefined => {
  const choices = builtin(name)?.choices ?? []
  return choices.includes(value) ? undefined : `Invalid --${name}: must be one of ${choices.join(", ")} (got ${JSON.stringify(value)})`
}

/**
 * The words @effect/cli's boolean parsing would read as a switch's value
 * (`--dry-run false`); after a switch they are refused, as `--dry-run=false` is.
 */
const switchValues = ["true", "1", "y", "yes", "on", "false", "0", "n", "no", "off"]

const isHelp = (word: string): boolean => word === "--help" || word === "-h"

const spelled = (flags: ReadonlyArray<CommandTable.FlagInfo>, name: string): CommandTable.FlagInfo | undefined =>
  flags.find((flag) => CommandTable.spellings(flag).includes(name))

/**
 * Reads `args` (the words after the executable) once, against the table: the
 * command path; `--help` (or `-h`, or `help [command]`) and `--log-level LEVEL`
 * anywhere before `--`; `--version` and `--completions SHELL` before a command
 * (after one they are an error, as its help does not list them); the flags
 * every command takes anywhere; the command's own flags and arguments.
 *
 * One reading throughout: the word after a flag that takes a value is that
 * value, whatever it looks like (`--name -v` names the account "-v"), except
 * `--help`, which asks for help wherever it is (`--name=--help` gives the value).
 * A switch takes no value (`--dry-run=no` is refused). An unknown or repeated
 * flag, a flag without its value, a missing flag or argument, and an argument
 * too many are reported here, from the table. What reaches the command's
 * @effect/cli parser is canonical: each flag by its long name with its value in
 * the next word, then `--` and the arguments, so it cannot read them otherwise.
 *
 * @since 0.1.0
 */
export const parse = (args: ReadonlyArray<string>): Request => {
  const help = args[0] === "help"
  const all = help ? args.slice(args[1] === "help" ? 2 : 1) : args
  const end = all.indexOf("--")
  const before = end === -1 ? [...all] : all.slice(0, end)
  const after = end === -1 ? [] : all.slice(end)
  let node = table.root
  let wantsHelp = help
  let error: { readonly node: CommandTable.Node; readonly reason: string } | undefined
  const fail = (reason: string, at = node) => {
    error ??= { node: at, reason }
  }
  const seen = new Map<string, string>()
  const uses = new Map<string, number>()
  const own: Array<string> = []
  const global: Array<string> = []
  const positional: Array<string> = []
  let stray: string | undefined
  for (let i = 0; i < before.length; i++) {
    const word = before[i] ?? ""
    const dashed = word.startsWith("-") && word !== "-"
    const equals = dashed ? word.indexOf("=") : -1
    const name = equals === -1 ? word : word.slice(0, equals)
    const inline = equals === -1 ? undefined : word.slice(equals + 1)
    /** The value of the flag: after its `=`, else the next word (unless that asks for help). */
    const flagValue = (): string | undefined => {
      if (inline !== undefined) return inline
      const next = before[i + 1]
      if (next === undefined || isHelp(next)) return void fail(ParseErrors.needsValue(node, name))
      i += 1
      return next
    }
    /** Whether the switch was given as one: no `=value`, and not followed by a word that reads as its value. */
    const alone = (): boolean => {
      const next = before[i + 1]
      const given = inline !== undefined ? word : next !== undefined && switchValues.includes(next.toLowerCase()) ? `${name} ${next}` : undefined
      if (given === undefined) return true
      fail(ParseErrors.takesNoValue(name, given))
      return false
    }
    /** `flag`, counted, in canonical form onto `into`. */
    const take = (flag: CommandTable.FlagInfo, into: Array<string>) => {
      const count = (uses.get(flag.name) ?? 0) + 1
      uses.set(flag.name, count)
      if (count === 2) fail(ParseErrors.repeated(flag))
      if (flag.value === undefined) {
        if (alone()) into.push(`--${flag.name}`)
      } else {
        const value = flagValue()
        if (value !== undefined) into.push(`--${flag.name}`, value)
      }
    }
    const here = node.children.length === 0 ? node.flags : table.global
    // Short switches run together (`-vy`), as @effect/cli reads them: one at a time.
    if (/^-[A-Za-z]{2,}$/.test(word)) {
      const letters = [...word.slice(1)].map((letter) => `-${letter}`)
      if (letters.every((letter) => spelled(here, letter)?.value === undefined && spelled(here, letter) !== undefined)) {
        before.splice(i, 1, ...letters)
        i -= 1
        continue
      }
    }
    if (isHelp(name)) {
      wantsHelp = true
    } else if (name === "--log-level" || name === "--completions" || name === "--version") {
      if (name !== "--log-level" && node !== table.root) {
        fail(`unknown option '${name}'; it is an option of cf-accounts itself, as in 'cf-accounts ${name}'`)
      }
      const value = name === "--version" ? (alone() ? "" : undefined) : flagValue()
      if (seen.has(name)) fail(`'${name}' may be given only once`, table.root)
      seen.set(name, value ?? "")
    } else if (name === "--wizard") {
      fail("unknown option '--wizard'")
    } else if (spelled(table.global, name) !== undefined && dashed) {
      take(spelled(table.global, name) as CommandTable.FlagInfo, global) // safe: found on the line above
    } else if (node.children.length === 0) {
      if (!dashed) positional.push(word)
      else {
        const flag = spelled(node.flags, name)
        if (flag === undefined) fail(ParseErrors.unknownOption(table, node, name))
        else take(flag, own)
      }
    } else if (dashed) {
      stray ??= name
    } else if (stray === undefined) {
      const child = node.children.find((c) => c.path.at(-1) === word)
      if (child === undefined) {
        fail(ParseErrors.unknownCommand(node, word))
        break
      }
      node = child
    }
  }
  const afterEnd = after.slice(1).find((arg) => atEnd.includes(arg.split("=", 1)[0] ?? arg))
  if (afterEnd !== undefined) fail(`unexpected argument '${afterEnd}' after '--'`)
  if (error?.reason.startsWith("unknown command") === true) return { _tag: "Usage", ...error }
  if (wantsHelp) return { _tag: "Help", node }
  if (error !== undefined) return { _tag: "Usage", ...error }
  if (all.length === 0) return { _tag: "Help", node }
  const completions = seen.get("--completions")
  if (seen.has("--version")) return { _tag: "Version" }
  const level = seen.get("--log-level")
  const badLevel = level === undefined ? undefined : choose("log-level", level)
  if (badLevel !== undefined) return { _tag: "Usage", node: table.root, reason: badLevel }
  if (completions !== undefined) {
    const bad = choose("completions", completions)
    if (bad !== undefined) return { _tag: "Usage", node: table.root, reason: bad }
    return { _tag: "Completions", shell: completions as Completions.Shell } // safe: checked by choose above
  }
  if (stray !== undefined) return { _tag: "Usage", node, reason: ParseErrors.flagBeforeCommand(table, node, stray) }
  if (node.children.length > 0) {
    // A group named alone (`cf-accounts profile`) shows its commands, as gh does.
    if (node !== table.root && global.length === 0 && level === undefined && after.length === 0) return { _tag: "Help", node }
    return { _tag: "Usage", node, reason: ParseErrors.missingCommand(node) }
  }
  const words = [...positional, ...after.slice(1)]
  const missing = [
    ...node.flags.filter((flag) => flag.required && !uses.has(flag.name)).map((flag) => `--${flag.name}`),
    ...node.args.slice(words.length).map((arg) => `<${arg.name}>`)
  ]
  if (missing.length > 0) return { _tag: "Usage", node, reason: ParseErrors.missing(node, missing) }
  const extra = node.args.some((arg) => arg.variadic) ? undefined : words[node.args.length]
  if (extra !== undefined) return { _tag: "Usage", node, reason: ParseErrors.unexpectedArgument(node, extra) }
  const logLevel = Option.fromNullable(LogLevel.allLevels.find((l) => l._tag.toLowerCase() === level))
  return { _tag: "Run", node, words: [...own, ...global, ...(words.length > 0 ? ["--", ...words] : [])], logLevel }
}

/** `reason` on stderr as `command: reason`, and a failure with it (exit 2). */
const usageError = (node: CommandTable.Node, reason: string): Effect.Effect<never, UsageError, Stdio.Stdio> =>
  Effect.zipRight(
    Effect.flatMap(Stdio.Stdio, (stdio) => stdio.err(`${ParseErrors.commandName(node)}: ${reason}\n`)),
    Effect.fail(new UsageError({ reason }))
  )

/**
 * The whole program for `argv`: {@link run} with a defect reported as one line,
 * over `platform` (files, paths, the terminal) and `streams` (scrubbed of the
 * credentials read from the configuration).
 *
 * @since 0.1.0
 */
export const main = (
  argv: ReadonlyArray<string>,
  platform: Layer.Layer<FileSystem.FileSystem | Path.Path | Terminal.Terminal>,
  streams: Stdio.Streams
) =>
  run(argv).pipe(
    Crash.report,
    Effect.provide(Layer.merge(platform, Stdio.layerOf(streams)).pipe(Layer.provideMerge(Auth.layer)))
  )

/**
 * Runs what `argv` (the whole `process.argv`) asks for ({@link parse}). Every
 * error, the command's parser's included, is one line on stderr:
 * `cf-accounts <command>: ...`, with the nearest known command or flag when one
 * was mistyped.
 *
 * @since 0.1.0
 */
export const run = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const stdio = yield* Stdio.Stdio
    const request = parse(argv.slice(2))
    switch (request._tag) {
      case "Help":
        return yield* stdio.out(Help.render(table, request.node))
      case "Version":
        return yield* stdio.out(`${version}\n`)
      case "Completions":
        return yield* stdio.out(Completions.script(table, request.shell))
      case "Usage":
        return yield* usageError(request.node, request.reason)
      case "Run": {
        const { node, words } = request
        if (node.run === undefined) return yield* usageError(node, ParseErrors.missingCommand(node))
        return yield* node.run(words).pipe(
          Effect.catchIf(ValidationError.isValidationError, (error) =>
            usageError(node, ParseErrors.fromValidationError(table, node, words, error))
          ),
          Effect.provideService(RequestedLogLevel, request.logLevel)
        )
      }
    }
  })
