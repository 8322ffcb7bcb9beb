/**
 * The command line as data, read from the @effect/cli command definitions
 * themselves: each command's path, summary, examples, arguments and flags (with
 * their value type and, when the value is one of a few words, those words). Help
 * ({@link ./Help.ts}), shell completions ({@link ./Completions.ts}) and the
 * did-you-mean of parse errors all read this one tree, so none of them keeps a
 * second list of commands or flags.
 *
 * A command's description is plain text: the first paragraph is its summary,
 * lines that start with `$ ` are examples, other paragraphs are details.
 *
 * @since 0.1.0
 */
import type * as Command from "@effect/cli/Command"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"

/**
 * A flag: `--name`, its one-letter aliases, the name of its value (`undefined`
 * for a switch), the words the value may be (from a value name like `asc|desc`).
 *
 * @since 0.1.0
 */
export interface Flag {
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly value: string | undefined
  readonly choices: ReadonlyArray<string>
  readonly description: string
  readonly required: boolean
}

/**
 * A positional argument.
 *
 * @since 0.1.0
 */
export interface Arg {
  readonly name: string
  readonly variadic: boolean
  readonly description: string
}

/**
 * A command and its subcommands.
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
  readonly args: ReadonlyArray<Arg>
  readonly flags: ReadonlyArray<Flag>
  readonly children: ReadonlyArray<Node>
}

// The shapes below are @effect/cli's instruction objects (its `internal/` modules,
// which it does not export). They are read, never built; the help and completion
// tests render every command from them, so a change of shape fails those tests.
interface SpanShape {
  readonly _tag: string
  readonly value?: unknown
  readonly left?: SpanShape
  readonly right?: SpanShape
}
interface DocShape {
  readonly _tag: string
  readonly value?: SpanShape
  readonly blocks?: ReadonlyArray<DocShape>
  readonly left?: DocShape
  readonly right?: DocShape
}
interface SingleOption {
  readonly _tag: "Single"
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly primitiveType: { readonly _tag: string }
  readonly description: DocShape
  readonly pseudoName: Option.Option<string>
}
type OptionsShape =
  | SingleOption
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Map" | "WithDefault" | "WithFallback"; readonly options: OptionsShape }
  | { readonly _tag: "Both" | "OrElse"; readonly left: OptionsShape; readonly right: OptionsShape }
  | { readonly _tag: "Variadic" | "KeyValueMap"; readonly argumentOption: SingleOption }
type ArgsShape =
  | { readonly _tag: "Single"; readonly pseudoName: Option.Option<string>; readonly description: DocShape }
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Map" | "WithDefault" | "WithFallbackConfig"; readonly args: ArgsShape }
  | { readonly _tag: "Variadic"; readonly args: ArgsShape }
  | { readonly _tag: "Both"; readonly left: ArgsShape; readonly right: ArgsShape }
type DescriptorShape =
  | {
      readonly _tag: "Standard" | "GetUserInput"
      readonly name: string
      readonly description: DocShape
      readonly options?: OptionsShape
      readonly args?: ArgsShape
    }
  | { readonly _tag: "Map"; readonly command: DescriptorShape }
  | { readonly _tag: "Subcommands"; readonly parent: DescriptorShape; readonly children: ReadonlyArray<DescriptorShape> }

const spanText = (span: SpanShape | undefined): string => {
  if (span === undefined) return ""
  if (span._tag === "Sequence") return spanText(span.left) + spanText(span.right)
  if (typeof span.value === "string") return span.value
  return spanText(span.value as SpanShape | undefined) // safe: Code, Strong, Weak and Error wrap a span
}

const docText = (doc: DocShape): string => {
  switch (doc._tag) {
    case "Sequence":
      return [doc.left, doc.right].flatMap((d) => (d === undefined ? [] : [docText(d)])).filter((t) => t !== "").join("\n\n")
    case "Blocks":
      return (doc.blocks ?? []).map(docText).join("\n\n")
    default:
      return spanText(doc.value)
  }
}

const flag = (
  name: string,
  aliases: ReadonlyArray<string>,
  value: string | undefined,
  description: string,
  choices: ReadonlyArray<string> = value?.includes("|") ? value.split("|") : []
): Flag => ({ name, aliases, value, choices, description, required: false })

const flagsOf = (options: OptionsShape, required: boolean): ReadonlyArray<Flag> => {
  switch (options._tag) {
    case "Empty":
      return []
    case "Single": {
      const isSwitch = options.primitiveType._tag === "Bool"
      const value = isSwitch ? undefined : Option.getOrElse(options.pseudoName, () => "text")
      return [{ ...flag(options.name, options.aliases, value, docText(options.description)), required: required && !isSwitch }]
    }
    case "Map":
      return flagsOf(options.options, required)
    case "WithDefault":
    case "WithFallback":
      return flagsOf(options.options, false)
    case "Both":
    case "OrElse":
      return [...flagsOf(options.left, required), ...flagsOf(options.right, required)]
    case "Variadic":
    case "KeyValueMap":
      return flagsOf(options.argumentOption, required)
  }
}

const argsOf = (args: ArgsShape, variadic: boolean): ReadonlyArray<Arg> => {
  switch (args._tag) {
    case "Empty":
      return []
    case "Single":
      return [{ name: Option.getOrElse(args.pseudoName, () => "ARG"), variadic, description: docText(args.description) }]
    case "Map":
    case "WithDefault":
    case "WithFallbackConfig":
      return argsOf(args.args, variadic)
    case "Variadic":
      return argsOf(args.args, true)
    case "Both":
      return [...argsOf(args.left, variadic), ...argsOf(args.right, variadic)]
  }
}

const fromDescriptor = (descriptor: DescriptorShape, parent: ReadonlyArray<string>): Node => {
  switch (descriptor._tag) {
    case "Map":
      return fromDescriptor(descriptor.command, parent)
    case "Subcommands": {
      const node = fromDescriptor(descriptor.parent, parent)
      return { ...node, children: descriptor.children.map((child) => fromDescriptor(child, node.path)) }
    }
    default: {
      const paragraphs = docText(descriptor.description)
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p !== "")
      const examples = paragraphs.flatMap((p) => p.split("\n")).filter((line) => line.startsWith("$ "))
      const prose = paragraphs.filter((p) => !p.startsWith("$ "))
      return {
        // The root is named by the executable, not a word to type.
        path: parent.length === 0 && descriptor.name === "cf-accounts" ? [] : [...parent, descriptor.name],
        summary: prose[0] ?? "",
        details: prose.slice(1),
        examples: examples.map((line) => line.slice(2)),
        args: descriptor.args === undefined ? [] : argsOf(descriptor.args, false),
        flags: descriptor.options === undefined ? [] : flagsOf(descriptor.options, true),
        children: []
      }
    }
  }
}

/**
 * The tree of `command` (the root, `cf-accounts`, has the empty path).
 *
 * @since 0.1.0
 */
export const fromCommand = <Name extends string, R, E, A>(command: Command.Command<Name, R, E, A>): Node =>
  // safe: a command's descriptor is one of the instruction shapes above (see their comment)
  fromDescriptor(command.descriptor as unknown as DescriptorShape, [])

/**
 * The node at `path`, if there is one.
 *
 * @since 0.1.0
 */
export const find = (root: Node, path: ReadonlyArray<string>): Node | undefined =>
  path.reduce<Node | undefined>((node, word) => node?.children.find((child) => child.path.at(-1) === word), root)

/**
 * The node named by the leading words of `args` (stopping at the first flag or
 * at a word that is not a subcommand), and whether a word that should have been
 * a subcommand was not one.
 *
 * @since 0.1.0
 */
export const resolve = (root: Node, args: ReadonlyArray<string>): { readonly node: Node; readonly unknown: boolean } => {
  let node = root
  for (const word of args) {
    if (word.startsWith("-") || node.children.length === 0) break
    const child = node.children.find((c) => c.path.at(-1) === word)
    if (child === undefined) return { node, unknown: true }
    node = child
  }
  return { node, unknown: false }
}

/**
 * The flags the command line itself handles, before the commands parse theirs:
 * accepted in any position (before `--`).
 *
 * @since 0.1.0
 */
export const builtinFlags: ReadonlyArray<Flag> = [
  flag(
    "log-level",
    [],
    "level",
    "Lowest level logged (default warning)",
    LogLevel.allLevels.map((level) => level._tag.toLowerCase())
  ),
  flag("completions", [], "bash|zsh|fish", "Print the completion script for a shell"),
  flag("help", ["h"], undefined, "Show help for a command"),
  flag("version", [], undefined, "Print the version")
]

/**
 * The flags every subcommand accepts (`--output`, `--base-url`, `--verbose`):
 * those of the first leaf that every other leaf has too.
 *
 * @since 0.1.0
 */
export const sharedFlags = (root: Node): ReadonlyArray<Flag> => {
  const leaves = (node: Node): ReadonlyArray<Node> => (node.children.length === 0 ? [node] : node.children.flatMap(leaves))
  const [first, ...rest] = leaves(root).filter((leaf) => leaf !== root)
  return (first?.flags ?? []).filter((flag) => rest.every((leaf) => leaf.flags.some((f) => f.name === flag.name)))
}
