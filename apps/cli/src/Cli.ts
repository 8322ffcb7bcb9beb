/**
 * The `cf-accounts` command: every Accounts operation as a subcommand.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import type * as Terminal from "@effect/platform/Terminal"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Auth from "./Auth.js"
import { UsageError } from "./CliError.js"
import * as BatchMove from "./commands/BatchMove.js"
import * as Create from "./commands/Create.js"
import * as Delete from "./commands/Delete.js"
import * as Get from "./commands/Get.js"
import * as List from "./commands/List.js"
import * as Move from "./commands/Move.js"
import * as Organizations from "./commands/Organizations.js"
import * as Profile from "./commands/Profile.js"
import * as Update from "./commands/Update.js"
import * as CommandTree from "./CommandTree.js"
import * as Completions from "./Completions.js"
import * as Crash from "./Crash.js"
import * as Help from "./Help.js"
import * as HelpText from "./HelpText.js"
import * as ParseErrors from "./ParseErrors.js"
import { RequestedLogLevel } from "./Runner.js"
import * as Stdio from "./Stdio.js"
import { version } from "./Version.js"

/**
 * The root's subcommands.
 *
 * @since 0.1.0
 */
export const subcommands = [
  List.command,
  Get.command,
  Create.command,
  Update.command,
  Delete.command,
  Move.command,
  BatchMove.command,
  Organizations.command,
  Profile.command
] as const

/**
 * The root command.
 *
 * @since 0.1.0
 */
export const command = Command.make("cf-accounts").pipe(
  Command.withDescription("Manage Cloudflare accounts from a terminal: every Accounts API operation."),
  Command.withSubcommands(subcommands)
)

/**
 * The command line as data, for help, completions and parse errors.
 *
 * @since 0.1.0
 */
export const tree = CommandTree.fromCommand(command)

const names = tree.children.map(ParseErrors.namesOf)

const runCommand = Command.run(command, { name: "cf-accounts", version })

/** The value of `--name VALUE` or `--name=VALUE` in `args`, and `args` without it. */
const takeValue = (
  args: ReadonlyArray<string>,
  name: string
): { readonly value: string | undefined; readonly rest: ReadonlyArray<string> } => {
  const index = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`))
  if (index === -1) return { value: undefined, rest: args }
  const arg = args[index] ?? ""
  const inline = arg.includes("=")
  const value = inline ? arg.slice(arg.indexOf("=") + 1) : (args[index + 1] ?? "")
  return { value, rest: [...args.slice(0, index), ...args.slice(index + (inline ? 1 : 2))] }
}

const builtin = (name: string): CommandTree.Flag =>
  // safe: every name passed here is one of builtinFlags
  CommandTree.builtinFlags.find((flag) => flag.name === name) as CommandTree.Flag

/** `reason` on stderr as `command: reason`, and a failure with it (exit 2). */
const usageError = (command: string, reason: string): Effect.Effect<never, UsageError, Stdio.Stdio> =>
  Effect.zipRight(
    Effect.flatMap(Stdio.Stdio, (stdio) => stdio.err(`${command}: ${reason}\n`)),
    Effect.fail(new UsageError({ reason }))
  )

const once = (name: string) => usageError("cf-accounts", `'--${name}' may be given only once`)

const choose = (name: string, value: string): Effect.Effect<string, UsageError, Stdio.Stdio> => {
  const { choices } = builtin(name)
  if (choices.includes(value)) return Effect.succeed(value)
  return usageError("cf-accounts", `Invalid --${name}: must be one of ${choices.join(", ")} (got ${JSON.stringify(value)})`)
}

const shared = CommandTree.sharedFlags(tree)

/**
 * `args` with the flags every command takes (`-o json`, `--base-url URL`, `-v`)
 * moved from among the command's words to after them, so `cf-accounts -o json
 * list` and `cf-accounts profile -v get ID` parse as `cf-accounts list -o json`
 * and `cf-accounts profile get ID -v`. The words stop at a command without
 * subcommands, at a word that is not a command (the parser reports it, with the
 * global flags after it), or at another flag (left where it is, for the parser
 * to report).
 */
const commandFirst = (args: ReadonlyArray<string>): ReadonlyArray<string> => {
  const path: Array<string> = []
  const moved: Array<string> = []
  let node: CommandTree.Node | undefined = tree
  let index = 0
  while (index < args.length && node !== undefined && node.children.length > 0) {
    const arg = args[index] ?? ""
    const [name = "", inline] = arg.split("=", 2)
    const flag = shared.find((f) => name === `--${f.name}` || f.aliases.some((alias) => name === `-${alias}`))
    if (flag !== undefined) {
      const takesNext = flag.value !== undefined && inline === undefined
      moved.push(...args.slice(index, index + (takesNext ? 2 : 1)))
      index += takesNext ? 2 : 1
    } else if (arg.startsWith("-")) {
      break
    } else {
      path.push(arg)
      index += 1
      node = node.children.find((child) => child.path.at(-1) === arg)
    }
  }
  return [...path, ...args.slice(index), ...moved]
}

/**
 * The command line's own flags that no command's help lists: `--version` and
 * `--completions` belong to `cf-accounts` itself, so after a command they are an
 * error rather than silently obeyed; `--wizard` (@effect/cli's) is offered nowhere.
 */
const rootOnly = ["--version", "--completions"]

/** The flags @effect/cli obeys wherever they are, even after `--`. */
const atEnd = ["--help", "-h", "--version", "--wizard", "--completions", "--log-level"]

/** The command and the error for the first flag in `words` (command words first) that its position does not offer. */
const misplacedFlag = (
  words: ReadonlyArray<string>
): { readonly command: string; readonly reason: string } | undefined => {
  for (const [index, word] of words.entries()) {
    const name = word.split("=", 1)[0] ?? word
    if (name !== "--wizard" && !rootOnly.includes(name)) continue
    const { node } = CommandTree.resolve(tree, words.slice(0, index))
    const command = ["cf-accounts", ...node.path].join(" ")
    if (name === "--wizard") return { command, reason: "unknown option '--wizard'" }
    if (node !== tree) {
      return { command, reason: `unknown option '${name}'; it is an option of cf-accounts itself, as in 'cf-accounts ${name}'` }
    }
  }
  return undefined
}

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
 * Parses `argv` (the whole `process.argv`) and runs the matching command.
 * `--help` (or `-h`, or `help [command]`) and `--log-level LEVEL` are handled
 * here, in any position before `--`, as are `--version` and `--completions SHELL`
 * before a command (after one they are an error, as its help does not list them);
 * the rest is @effect/cli's to parse. Every error, the parser's included, is one line on
 * stderr: `cf-accounts <command>: ...`, with the nearest known command or flag
 * when one was mistyped.
 *
 * @since 0.1.0
 */
export const run = (argv: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const stdio = yield* Stdio.Stdio
    const args = ParseErrors.helpArgs(argv.slice(2))
    const end = args.indexOf("--")
    const after = end === -1 ? [] : args.slice(end)
    const before = end === -1 ? args : args.slice(0, end)
    if (args.length === 0) return yield* stdio.out(Help.root(tree))
    const logLevel = takeValue(before, "log-level")
    // A second one would reach @effect/cli, which obeys its own --log-level silently.
    if (takeValue(logLevel.rest, "log-level").value !== undefined) return yield* once("log-level")
    let words = commandFirst(logLevel.rest)
    const { node, unknown } = CommandTree.resolve(tree, words)
    if (words.includes("--help") || words.includes("-h")) {
      if (!unknown) return yield* stdio.out(Help.render(tree, node))
      // An unknown command is the parser's to report, with its did-you-mean.
      words = words.filter((arg) => arg !== "--help" && arg !== "-h")
    }
    const misplaced = misplacedFlag(words)
    if (misplaced !== undefined) return yield* usageError(misplaced.command, misplaced.reason)
    // @effect/cli reads its own flags even after `--`, where they can only be arguments (no argument is one).
    const afterEnd = after.slice(1).find((arg) => atEnd.includes(arg.split("=", 1)[0] ?? arg))
    if (afterEnd !== undefined) {
      return yield* usageError(["cf-accounts", ...node.path].join(" "), `unexpected argument '${afterEnd}' after '--'`)
    }
    if (words.includes("--version")) return yield* stdio.out(`${version}\n`)
    // A group named alone (`cf-accounts profile`) shows its commands, as gh does.
    if (!unknown && node !== tree && node.children.length > 0 && words.length === node.path.length && after.length === 0) {
      return yield* stdio.out(Help.render(tree, node))
    }
    const completions = takeValue(words, "completions")
    if (takeValue(completions.rest, "completions").value !== undefined) return yield* once("completions")
    if (completions.value !== undefined) {
      const shell = yield* choose("completions", completions.value)
      return yield* stdio.out(Completions.script(tree, shell))
    }
    const name = logLevel.value === undefined ? undefined : yield* choose("log-level", logLevel.value)
    const level = Option.fromNullable(LogLevel.allLevels.find((l) => l._tag.toLowerCase() === name))
    const rest = [...words, ...after]
    return yield* runCommand([...argv.slice(0, 2), ...rest]).pipe(
      ParseErrors.oneLinePerError(names, rest),
      HelpText.plainWhenPiped,
      Effect.provideService(RequestedLogLevel, level)
    )
  })
