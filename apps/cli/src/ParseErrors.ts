/**
 * Errors found while parsing the command line (a bad argument or flag value, an
 * unknown flag or command, a missing argument) printed like every other failure:
 * one line on stderr, `cf-accounts <command>: <message>`, secrets removed.
 * @effect/cli prints them itself, through `Console.error`, followed by a blank
 * line; this replaces that `Console.error` for the run.
 *
 * @since 0.1.0
 */
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as CommandTree from "./CommandTree.js"
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
  /** The long flags it (or, for a group, any of its subcommands) accepts, as `--name`. */
  readonly flags: ReadonlyArray<string>
  /** Those flags with every spelling (`--output`, `-o`) and whether they take a value. */
  readonly options: ReadonlyArray<{ readonly spellings: ReadonlyArray<string>; readonly valued: boolean }>
}

const flagsOf = (node: CommandTree.Node): ReadonlyArray<CommandTree.Flag> =>
  node.children.length === 0 ? node.flags : node.children.flatMap(flagsOf)

/**
 * The names of a command (a node of the command tree) and of its subcommands.
 *
 * @since 0.1.0
 */
export const namesOf = (node: CommandTree.Node): CommandNames => ({
  names: node.path.slice(-1),
  children: node.children.map((child) => child.path.at(-1) ?? ""),
  flags: [...new Set(flagsOf(node).map((flag) => `--${flag.name}`))],
  options: flagsOf(node).map((flag) => ({
    spellings: [`--${flag.name}`, ...flag.aliases.map((alias) => `-${alias}`)],
    valued: flag.value !== undefined
  }))
})

/**
 * The flags every command accepts (`--output`, `--base-url`, `--verbose`), and
 * those the command line handles itself (`--help`, `--version`, ...).
 *
 * @since 0.1.0
 */
export const globalFlags = (subcommands: ReadonlyArray<CommandNames>): ReadonlyArray<string> => {
  const [first, ...rest] = subcommands
  const shared = (first?.flags ?? []).filter((flag) => rest.every((command) => command.flags.includes(flag)))
  return [...shared, ...CommandTree.builtinFlags.map((flag) => `--${flag.name}`)]
}

/** Whether `word` (`-o`, `--output`, `--output=json`) is a flag every command accepts. */
const isSharedFlag = (subcommands: ReadonlyArray<CommandNames>, word: string): boolean => {
  const name = word.split("=", 1)[0] ?? word
  return (
    subcommands.length > 0 &&
    subcommands.every((command) => command.options.some((option) => option.spellings.includes(name)))
  )
}

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

/**
 * The parser's message (`text`, one line) said the way people read it: an
 * unknown command or flag gets the nearest known one (`did you mean`); an
 * unknown subcommand of a group lists that group's subcommands; a flag before
 * the command says flags go after it. Anything else is returned as it was.
 *
 * @since 0.1.0
 */
export const explain = (subcommands: ReadonlyArray<CommandNames>, args: ReadonlyArray<string>, text: string): string => {
  const [first, second] = args
  const top = subcommands.find((command) => first !== undefined && command.names.includes(first))
  if (text.startsWith("Invalid subcommand")) {
    const all = subcommands.flatMap((command) => command.names)
    // Global flags before the command are moved after it; left first, no command followed them.
    if (first !== undefined && isSharedFlag(subcommands, first)) return `missing command: use one of ${quoted(all)}, or 'help'`
    if (first?.startsWith("-")) {
      const name = first.split("=", 1)[0] ?? first
      const owner = subcommands.find((command) => command.options.some((option) => option.spellings.includes(name)))
      if (owner !== undefined) {
        const command = [...owner.names.slice(0, 1), ...(owner.children.length > 0 ? ["<command>"] : [])].join(" ")
        return `option '${name}' before the command; it goes after it, as in 'cf-accounts ${command} ${name}'`
      }
      const suggestion = suggest(name, globalFlags(subcommands))
      // The command line's own flags (--version, --completions, ...) do go before the command.
      const rootFlag = CommandTree.builtinFlags.some((flag) => suggestion === `--${flag.name}`)
      const where = rootFlag ? "" : " before the command; options go after it, as in 'cf-accounts list --verbose'"
      return `unknown option '${name}'${suggestion === undefined ? "" : ` (did you mean '${suggestion}'?)`}${where}`
    }
    if (top !== undefined && top.children.length > 0) {
      if (second === undefined || isSharedFlag(subcommands, second)) {
        return `missing command for 'cf-accounts ${first}': use one of ${quoted(top.children)}`
      }
      const word = second
      return `unknown command '${word}' for 'cf-accounts ${first}'${didYouMean(word, top.children)}; use one of ${quoted(top.children)}`
    }
    return `unknown command '${first ?? ""}'${didYouMean(first ?? "", [...all, "help"])}; use one of ${quoted(all)}, or 'help'`
  }
  // The parser's two ways of saying it (the second when the flag is near a required one).
  const unknown =
    /^Received unknown argument: '(-[^']*)'/.exec(text)?.[1] ?? /^The flag '(-[^']*)' is not recognized\./.exec(text)?.[1]
  // The parser says "unknown" of a flag it knows when it is repeated or its value is missing.
  const name = unknown?.split("=", 1)[0] ?? ""
  const option = top?.options.find((o) => o.spellings.includes(name))
  if (option !== undefined) {
    const uses = args.filter((arg) => option.spellings.includes(arg.split("=", 1)[0] ?? arg)).length
    if (uses > 1) return `'${option.spellings.join("' or '")}' may be given only once`
    if (option.valued) return `'${name}' needs a value`
  }
  if (unknown !== undefined && top !== undefined) {
    const flags = [...new Set([...top.flags, ...globalFlags(subcommands)])]
    // Said as the root says it ("unknown option"), not in the parser's words.
    return `unknown option '${unknown}'${didYouMean(name, flags)}`
  }
  return text
}

/**
 * The arguments with `help [command...]` turned into `[command...] --help`
 * (`help help` is the root's help, as `help` is not a command of its own).
 *
 * @since 0.1.0
 */
export const helpArgs = (args: ReadonlyArray<string>): ReadonlyArray<string> =>
  args[0] === "help" ? [...args.slice(args[1] === "help" ? 2 : 1), "--help"] : args

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
          return text === "" ? Effect.void : stdio.err(`${name}: ${explain(subcommands, args, text)}\n`)
        }
        return Effect.withConsole(effect, { ...console, error })
      })
    )
