/**
 * The command line as one table: each command is declared once (name, summary,
 * arguments, flags with their value sets, examples, handler), and everything
 * else is built from that declaration: the @effect/cli command that parses its
 * words (through @effect/cli's public `Command.make` and `CommandDescriptor.parse`),
 * its help ({@link ./Help.ts}), the completion scripts ({@link ./Completions.ts})
 * and the did-you-mean of parse errors ({@link ./ParseErrors.ts}).
 *
 * @since 0.1.0
 */
import type * as Args from "@effect/cli/Args"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as CommandDescriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import type * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import type * as Terminal from "@effect/platform/Terminal"
import * as Effect from "effect/Effect"
import type { Auth } from "./Auth.js"
import type { GlobalOptions } from "./GlobalOptions.js"
import type { Stdio } from "./Stdio.js"

/**
 * A flag as help and completions show it: `--name`, its one-letter aliases, the
 * name of its value (`undefined` for a switch), the words the value may be, and
 * what kind of value it is where completions can offer some: `path`, a file.
 *
 * @since 0.1.0
 */
export interface FlagInfo {
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly value: string | undefined
  readonly choices: ReadonlyArray<string>
  /** `path`: the value is a file path, which completions complete; otherwise free text, completed with nothing. */
  readonly valueKind?: "path"
  readonly description: string
  readonly required: boolean
}

/**
 * A flag: what it shows, and the @effect/cli option that parses it.
 *
 * @since 0.1.0
 */
export interface Flag<A> extends FlagInfo {
  readonly options: Options.Options<A>
}

/**
 * A positional argument as help and completions show it.
 *
 * @since 0.1.0
 */
export interface ArgInfo {
  readonly name: string
  readonly variadic: boolean
  readonly choices: ReadonlyArray<string>
  readonly description: string
}

/**
 * A positional argument: what it shows, and the @effect/cli argument that parses it.
 *
 * @since 0.1.0
 */
export interface Arg<A> extends ArgInfo {
  readonly args: Args.Args<A>
}

/**
 * What a handler may use: the standard streams, the credentials, and what
 * @effect/cli's parser and prompts use.
 *
 * @since 0.1.0
 */
export type Environment = Stdio | Auth | FileSystem.FileSystem | Path.Path | Terminal.Terminal

/**
 * A command and its subcommands; a leaf has a `run`.
 *
 * @since 0.1.0
 */
export interface Node {
  /** The words after `cf-accounts`, e.g. `["profile", "set"]`. */
  readonly path: ReadonlyArray<string>
  readonly summary: string
  readonly details: ReadonlyArray<string>
  /** Command lines without the leading `$ `. */
  readonly examples: ReadonlyArray<string>
  readonly args: ReadonlyArray<ArgInfo>
  /** Every flag it takes, the global ones first (none for a group). */
  readonly flags: ReadonlyArray<FlagInfo>
  readonly children: ReadonlyArray<Node>
  /** Parses the command's words (after its path) and runs its handler. */
  readonly run?: (words: ReadonlyArray<string>) => Effect.Effect<void, unknown, Environment>
}

/**
 * The whole command line: the commands, the flags every command takes, and the
 * flags the command line handles itself (`--help`, `--version`, ...).
 *
 * @since 0.1.0
 */
export interface Table {
  readonly root: Node
  readonly global: ReadonlyArray<FlagInfo>
  readonly builtins: ReadonlyArray<FlagInfo>
}

type Values<T> = { readonly [K in keyof T]: T[K] extends Flag<infer A> ? A : T[K] extends Arg<infer A> ? A : never }

/**
 * A declaration: what {@link leaf} and {@link group} take, before the command's
 * place (its parent's path) and the global flags are known.
 *
 * @since 0.1.0
 */
export type Declaration = (parent: ReadonlyArray<string>, global: GlobalFlags) => Node

/**
 * The flags every command takes, by the key its handler reads them under.
 *
 * @since 0.1.0
 */
export type GlobalFlags = Readonly<Record<string, Flag<unknown>>>

const unknownArgument = (words: ReadonlyArray<string>): ValidationError.ValidationError =>
  ValidationError.invalidValue(HelpDoc.p(`Received unknown argument: '${words[0] ?? ""}'`))

const infoOf = ({ options: _, ...info }: Flag<unknown>): FlagInfo => info
const argInfoOf = ({ args: _, ...info }: Arg<unknown>): ArgInfo => info

/**
 * A command with a handler. `args` are positional, in order; `flags` its own
 * flags; the handler gets both by key, and the global flags' values as `global`.
 *
 * @since 0.1.0
 */
export const leaf =
  <
    const A extends Readonly<Record<string, Arg<unknown>>>,
    const F extends Readonly<Record<string, Flag<unknown>>>,
    E
  >(spec: {
    readonly name: string
    readonly summary: string
    readonly details?: ReadonlyArray<string>
    readonly examples: ReadonlyArray<string>
    readonly args: A
    readonly flags: F
    readonly handler: (config: Values<A> & Values<F> & { readonly global: GlobalOptions }) => Effect.Effect<void, E, Environment>
  }): Declaration =>
  (parent, global) => {
    const config = {
      global: Object.fromEntries(Object.entries(global).map(([key, flag]) => [key, flag.options])),
      ...Object.fromEntries(Object.entries(spec.args).map(([key, arg]) => [key, arg.args])),
      ...Object.fromEntries(Object.entries(spec.flags).map(([key, flag]) => [key, flag.options]))
    }
    // safe: `config` holds each flag's and argument's parser under its key (the global
    // flags' under `global`), so the value @effect/cli parses it to is `Values` of them.
    const handler = spec.handler as (config: unknown) => Effect.Effect<void, E, Environment>
    const command = Command.make(spec.name, config, handler)
    return {
      path: [...parent, spec.name],
      summary: spec.summary,
      details: spec.details ?? [],
      examples: spec.examples,
      args: Object.values(spec.args).map(argInfoOf),
      flags: [...Object.values(global), ...Object.values(spec.flags)].map(infoOf),
      children: [],
      run: (words) =>
        Effect.flatMap(
          CommandDescriptor.parse(command.descriptor, [spec.name, ...words], CliConfig.defaultConfig),
          (directive): Effect.Effect<void, unknown, Environment> =>
            directive._tag === "UserDefined" && directive.leftover.length === 0
              ? command.transform(command.handler(directive.value), directive.value)
              : // Words left over, or taken for one of @effect/cli's own flags (the command
                // line handles those before the command parses): an unknown argument.
                Effect.fail(unknownArgument(directive._tag === "UserDefined" ? directive.leftover : words))
        )
    }
  }

/**
 * A command with subcommands (and no handler of its own).
 *
 * @since 0.1.0
 */
export const group =
  (spec: {
    readonly name: string
    readonly summary: string
    readonly examples: ReadonlyArray<string>
    readonly commands: ReadonlyArray<Declaration>
  }): Declaration =>
  (parent, global) => {
    const path = [...parent, spec.name]
    return {
      path,
      summary: spec.summary,
      details: [],
      examples: spec.examples,
      args: [],
      flags: [],
      children: spec.commands.map((declare) => declare(path, global))
    }
  }

/**
 * The table: `commands` under the root (`cf-accounts`, the empty path), each
 * taking the `global` flags.
 *
 * @since 0.1.0
 */
export const make = (spec: {
  readonly summary: string
  readonly global: GlobalFlags
  readonly builtins: ReadonlyArray<FlagInfo>
  readonly commands: ReadonlyArray<Declaration>
}): Table => ({
  root: {
    path: [],
    summary: spec.summary,
    details: [],
    examples: [],
    args: [],
    flags: [],
    children: spec.commands.map((declare) => declare([], spec.global))
  },
  global: Object.values(spec.global).map(infoOf),
  builtins: spec.builtins
})

/**
 * The node at `path`, if there is one.
 *
 * @since 0.1.0
 */
export const find = (root: Node, path: ReadonlyArray<string>): Node | undefined =>
  path.reduce<Node | undefined>((node, word) => node?.children.find((child) => child.path.at(-1) === word), root)

/**
 * The spellings of a flag: `--output`, `-o`.
 *
 * @since 0.1.0
 */
export const spellings = (flag: FlagInfo): ReadonlyArray<string> => [`--${flag.name}`, ...flag.aliases.map((alias) => `-${alias}`)]

