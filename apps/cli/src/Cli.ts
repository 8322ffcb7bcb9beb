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
      /** The command's words: its flags (the global ones last) and arguments, then `--` and what follows. */
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
 * Reads `args` (the words after the executable) once, against the table: the
 * command path; `--help` (or `-h`, or `help [command]`) and `--log-level LEVEL`
 * anywhere before `--`; `--version` and `--completions SHELL` before a command
 * (after one they are an error, as its help does not list them); the flags
 * every command takes anywhere (moved after the command's own words); the rest
 * is the command's, for its @effect/cli parser.
 *
 * @since 0.1.0
 */
export const parse = (args: ReadonlyArray<string>): Request => {
  const help = args[0] === "help"
  const all = help ? args.slice(args[1] === "help" ? 2 : 1) : args
  const end = all.indexOf("--")
  const before = end === -1 ? all : all.slice(0, end)
  const after = end === -1 ? [] : all.slice(end)
  let node = table.root
  let wantsHelp = help
  let error: { readonly node: CommandTable.Node; readonly reason: string } | undefined
  const fail = (reason: string, at = node) => {
    error ??= { node: at, reason }
  }
  const seen = new Map<string, string>()
  const own: Array<string> = []
  const global: Array<string> = []
  let stray: string | undefined
  for (let i = 0; i < before.length; i++) {
    const word = before[i] ?? ""
    const equals = word.indexOf("=")
    const name = equals === -1 ? word : word.slice(0, equals)
    const inline = equals === -1 ? undefined : word.slice(equals + 1)
    const takeValue = (flag: CommandTable.FlagInfo | undefined) => {
      if (flag?.value === undefined || inline !== undefined) return inline
      i += 1
      return before[i] ?? ""
    }
    if (name === "--help" || name === "-h") {
      wantsHelp = true
    } else if (name === "--log-level" || name === "--completions" || name === "--version") {
      const value = takeValue(builtin(name.slice(2))) ?? ""
      if (seen.has(name)) fail(`'${name}' may be given only once`, table.root)
      seen.set(name, value)
      if (name !== "--log-level" && node !== table.root) {
        fail(`unknown option '${name}'; it is an option of cf-accounts itself, as in 'cf-accounts ${name}'`)
      }
    } else if (name === "--wizard") {
      fail("unknown option '--wizard'")
    } else if (table.global.some((flag) => CommandTable.spellings(flag).includes(name))) {
      const flag = table.global.find((f) => CommandTable.spellings(f).includes(name))
      global.push(word)
      // Without its value the flag is left for the command's parser to report.
      if (flag?.value !== undefined && inline === undefined && i + 1 < before.length) {
        i += 1
        global.push(before[i] ?? "")
      }
    } else if (node.children.length === 0) {
      own.push(word)
    } else if (word.startsWith("-")) {
      stray ??= name
    } else if (stray === undefined) {
      const child = node.children.find((c) => c.path.at(-1) === word)
      if (child === undefined) {
        fail(ParseErrors.unknownCommand(node, word))
        break
      }
      node = child
    } else {
      own.push(word)
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
  const logLevel = Option.fromNullable(LogLevel.allLevels.find((l) => l._tag.toLowerCase() === level))
  return { _tag: "Run", node, words: [...own, ...global, ...after], logLevel }
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
