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
 * A flag (`name`, without its `=value`) given before the command, at `node`
 * (the root or a group), that is not one every command takes: where it goes
 * when a command has it, else the nearest flag.
 *
 * @since 0.1.0
 */
export const flagBeforeCommand = (table: CommandTable.Table, node: CommandTable.Node, name: string): string => {
  const owner = leaves(node).find((leaf) => leaf.flags.some((flag) => CommandTable.spellings(flag).includes(name)))
  if (owner !== undefined) {
    const command = owner.path.slice(0, node.path.length + 1)
    const words = [...command, ...(command.length < owner.path.length ? ["<command>"] : [])].join(" ")
    return `option '${name}' before the command; it goes after it, as in 'cf-accounts ${words} ${name}'`
  }
  const global = [...table.global, ...table.builtins].map((flag) => `--${flag.name}`)
  const suggestion = suggest(name, global)
  // The command line's own flags (--version, --completions, ...) do go before the command.
  const builtin = table.builtins.some((flag) => suggestion === `--${flag.name}`)
  const where = builtin ? "" : " before the command; options go after it, as in 'cf-accounts list --verbose'"
  return `unknown option '${name}'${suggestion === undefined ? "" : ` (did you mean '${suggestion}'?)`}${where}`
}

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
 * The message for a parse failure of `leaf`'s `words` (the words after its
 * path), from @effect/cli's `text`: `missing --name (see 'cf-accounts create
 * --help')`, an unknown flag with the nearest one, a flag repeated or without its
 * value; anything else (a bad value, with its rule) as it was.
 *
 * @since 0.1.0
 */
export const explain = (
  table: CommandTable.Table,
  leaf: CommandTable.Node,
  words: ReadonlyArray<string>,
  text: string
): string => {
  const missing = [
    ...[...text.matchAll(/Expected to find option: '(-[^']*)'/g)].map((match) => match[1]),
    ...[...text.matchAll(/Missing argument (<[^>]*>)/g)].map((match) => match[1])
  ]
  if (missing.length > 0) return `missing ${missing.join(", ")} (see '${commandName(leaf)} --help')`
  // The parser's two ways of saying it (the second when the flag is near a required one).
  const unknown =
    /^Received unknown argument: '(-[^']*)'/.exec(text)?.[1] ?? /^The flag '(-[^']*)' is not recognized\./.exec(text)?.[1]
  if (unknown === undefined) return text
  // The parser says "unknown" of a flag it knows when it is repeated or its value is missing.
  const name = unknown.split("=", 1)[0] ?? ""
  const flag = leaf.flags.find((f) => CommandTable.spellings(f).includes(name))
  if (flag !== undefined) {
    const spellings = CommandTable.spellings(flag)
    const uses = words.filter((word) => spellings.includes(word.split("=", 1)[0] ?? word)).length
    if (uses > 1) return `'${spellings.join("' or '")}' may be given only once`
    if (flag.value !== undefined) return `'${name}' needs a value`
  }
  const flags = [...leaf.flags, ...table.builtins].map((f) => `--${f.name}`)
  return `unknown option '${unknown}'${didYouMean(name, flags)}`
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
