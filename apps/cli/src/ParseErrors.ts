/**
 * The messages of a command line that does not parse, said the way people read
 * them, from the command table: an unknown command or flag gets the nearest
 * known one (`did you mean`), a missing flag or argument points at the
 * command's help, a repeated flag or one without its value says so.
 *
 * @since 0.1.0
 */
import * as HelpDoc from "@effect/cli/HelpDoc"
import type * as ValidationError from "@effect/cli/ValidationError"
import * as CommandTable from "./CommandTable.js"
import { sanitize } from "./internal/terminal.js"

/**
 * The edit distance (Levenshtein) between `a` and `b`.
 *
 * @since 0.1.0
 */
export const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The candidate `word` was probably meant to be: the nearest within an edit
 * distance of 2, else the first that starts with it; `undefined` when none is near.
 *
 * @since 0.1.0
 */
export const suggest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  let best: { readonly candidate: string; readonly distance: number } | undefined
  for (const candidate of candidates) {
    const d = distance(word, candidate)
    if (d <= 2 && (best === undefined || d < best.distance)) best = { candidate, distance: d }
  }
  const bare = word.replace(/^-+/, "")
  return best?.candidate ?? (bare.length >= 2 ? candidates.find((c) => c.replace(/^-+/, "").startsWith(bare)) : undefined)
}

const didYouMean = (word: string, candidates: ReadonlyArray<string>): string => {
  const suggestion = suggest(word, candidates)
  return suggestion === undefined || suggestion === word ? "" : ` (did you mean '${suggestion}'?)`
}

const quoted = (names: ReadonlyArray<string>): string => names.map((name) => `'${name}'`).join(", ")

const names = (node: CommandTable.Node): ReadonlyArray<string> => node.children.map((child) => child.path.at(-1) ?? "")

/**
 * `cf-accounts` and the path of `node`, as errors name a command.
 *
 * @since 0.1.0
 */
export const commandName = (node: CommandTable.Node): string => ["cf-accounts", ...node.path].join(" ")

/**
 * A word that is not one of the commands of `node` (the root or a group).
 *
 * @since 0.1.0
 */
export const unknownCommand = (node: CommandTable.Node, word: string): string =>
  node.path.length === 0
    ? `unknown command '${word}'${didYouMean(word, [...names(node), "help"])}; use one of ${quoted(names(node))}, or 'help'`
    : `unknown command '${word}' for '${commandName(node)}'${didYouMean(word, names(node))}; use one of ${quoted(names(node))}`

/**
 * No command after the root or a group (global flags only).
 *
 * @since 0.1.0
 */
export const missingCommand = (node: CommandTable.Node): string =>
  node.path.length === 0
    ? `missing command: use one of ${quoted(names(node))}, or 'help'`
    : `missing command for '${commandName(node)}': use one of ${quoted(names(node))}`

const leaves = (node: CommandTable.Node): ReadonlyArray<CommandTable.Node> =>
  node.children.length === 0 ? [node] : node.children.flatMap(leaves)

/**
 * The flags valid at `node`: a command's own and the global ones, `--help` and
 * `--log-level` everywhere, and before any command `--version` and `--completions`.
 */
const validAt = (table: CommandTable.Table, node: CommandTable.Node): ReadonlyArray<string> => {
  const builtins = table.builtins.filter((flag) => node.path.length === 0 || (flag.name !== "version" && flag.name !== "completions"))
  const own = node.children.length === 0 ? node.flags : table.global
  return [...own, ...builtins].map((flag) => `--${flag.name}`)
}

/**
 * A flag (`name`, without its `=value`) given before the command, at `node`
 * (the root or a group), that is not one every command takes: where it goes
 * when a command has it, else the nearest flag valid there, else the nearest
 * flag of a command below with where that goes.
 *
 * @since 0.1.0
 */
export const flagBeforeCommand = (table: CommandTable.Table, node: CommandTable.Node, name: string): string => {
  const after = (owner: CommandTable.Node, flag: string) => {
    const command = owner.path.slice(0, node.path.length + 1)
    const words = [...command, ...(command.length < owner.path.length ? ["<command>"] : [])].join(" ")
    return `'cf-accounts ${words} ${flag}'`
  }
  const owner = leaves(node).find((leaf) => leaf.flags.some((flag) => CommandTable.spellings(flag).includes(name)))
  if (owner !== undefined) return `option '${name}' before the command; it goes after it, as in ${after(owner, name)}`
  const here = suggest(name, validAt(table, node))
  if (here !== undefined) return `unknown option '${name}' (did you mean '${here}'?)`
  // Near a flag of a command below: that one does go after its command.
  const below = [...new Set(leaves(node).flatMap((leaf) => leaf.flags.map((flag) => `--${flag.name}`)))]
  const meant = suggest(name, below)
  const meantOwner = meant === undefined ? undefined : leaves(node).find((leaf) => leaf.flags.some((flag) => `--${flag.name}` === meant))
  return meant === undefined || meantOwner === undefined
    ? `unknown option '${name}'`
    : `unknown option '${name}' (did you mean '${meant}'?); it goes after the command, as in ${after(meantOwner, meant)}`
}

/**
 * A flag `name` (without its `=value`) that `leaf` does not take: the nearest
 * flag valid there, if one is near.
 *
 * @since 0.1.0
 */
export const unknownOption = (table: CommandTable.Table, leaf: CommandTable.Node, name: string): string =>
  `unknown option '${name}'${didYouMean(name, validAt(table, leaf))}`

const seeHelp = (node: CommandTable.Node): string => `(see '${commandName(node)} --help')`

/**
 * Flags and arguments (`--name`, `<ACCOUNT_ID>`) that `node` needs and was not given.
 *
 * @since 0.1.0
 */
export const missing = (node: CommandTable.Node, names: ReadonlyArray<string>): string => `missing ${names.join(", ")} ${seeHelp(node)}`

/**
 * A flag (`name` as given) with no value after it.
 *
 * @since 0.1.0
 */
export const needsValue = (node: CommandTable.Node, name: string): string => `${name} needs a value ${seeHelp(node)}`

/**
 * A switch given a value (`given`: `--dry-run=no`, or `--dry-run no`).
 *
 * @since 0.1.0
 */
export const takesNoValue = (name: string, given: string): string =>
  `${name} takes no value (got ${JSON.stringify(given)}); give it alone to turn it on`

/**
 * A positional argument more than `node` takes.
 *
 * @since 0.1.0
 */
export const unexpectedArgument = (node: CommandTable.Node, word: string): string =>
  `unexpected argument '${word}' ${seeHelp(node)}`

/**
 * A flag given twice.
 *
 * @since 0.1.0
 */
export const repeated = (flag: CommandTable.FlagInfo): string => `'${CommandTable.spellings(flag).join("' or '")}' may be given only once`

/**
 * What @effect/cli's message says, on one line: colours removed, blank lines
 * dropped, the other lines joined with `; `.
 *
 * @since 0.1.0
 */
export const oneLine = (text: string): string =>
  sanitize(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("; ")

/**
 * The sentences of @effect/cli (and of {@link CommandTable}'s leftover check)
 * that {@link explain} reads. The command line finds unknown, repeated and
 * missing flags, missing values and arguments itself, from the table, before
 * the parser runs; these are the parser's words for the same, should one reach
 * it. Each is pinned by a test against the parser itself (test/ParseErrors.test.ts),
 * so a change of wording upstream fails a test instead of showing raw messages.
 *
 * @since 0.1.0
 */
export const parserSays = {
  missingOption: /Expected to find option: '(-[^']*)'/,
  missingArgument: /Missing argument (<[^>]*>)/,
  missingValue: /Expected a value following option: '(-[^']*)'/,
  unknown: /^Received unknown argument: '([^']*)'/,
  corrected: /^The flag '(-[^']*)' is not recognized\./
} as const

/**
 * The message for a parse failure of `leaf`'s `words` (the words after its
 * path), from @effect/cli's `text`, in the command line's words: `missing
 * --name (see 'cf-accounts create --help')`, `--name needs a value (see ...)`,
 * an unknown flag with the nearest one, an unexpected argument; anything else
 * (a bad value, with its rule) as it was.
 *
 * @since 0.1.0
 */
export const explain = (
  table: CommandTable.Table,
  leaf: CommandTable.Node,
  _words: ReadonlyArray<string>,
  text: string
): string => {
  const missingNames = [
    ...[...text.matchAll(new RegExp(parserSays.missingOption, "g"))].map((match) => match[1] ?? ""),
    ...[...text.matchAll(new RegExp(parserSays.missingArgument, "g"))].map((match) => match[1] ?? "")
  ]
  if (missingNames.length > 0) return missing(leaf, missingNames)
  const noValue = parserSays.missingValue.exec(text)?.[1]
  if (noValue !== undefined) return needsValue(leaf, noValue)
  const unknown = parserSays.unknown.exec(text)?.[1] ?? parserSays.corrected.exec(text)?.[1]
  if (unknown === undefined) return text
  return unknown.startsWith("-") ? unknownOption(table, leaf, unknown.split("=", 1)[0] ?? unknown) : unexpectedArgument(leaf, unknown)
}

/**
 * The message for `error`, a parse failure of `leaf`'s `words`.
 *
 * @since 0.1.0
 */
export const fromValidationError = (
  table: CommandTable.Table,
  leaf: CommandTable.Node,
  words: ReadonlyArray<string>,
  error: ValidationError.ValidationError
): string => explain(table, leaf, words, oneLine(HelpDoc.toAnsiText(error.error)))
