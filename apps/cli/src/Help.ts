/**
 * Help, rendered from the command table ({@link CommandTable}) in the manner of
 * `gh` and `wrangler`: plain text within 80 columns, the root's help within 40
 * lines (usage, one line per command, global flags, environment variables, exit
 * codes, where to read more) and each command's within 30 (usage with the full
 * path, one flag per line with its value and default, examples).
 *
 * @since 0.1.0
 */
import * as ClientOptions from "@cf-accounts/client/ClientOptions"
import * as Credentials from "@cf-accounts/client/Credentials"
import type * as CommandTable from "./CommandTable.js"
import * as ExitCode from "./ExitCode.js"

/**
 * The width help is laid out for.
 *
 * @since 0.1.0
 */
export const width = 80

/**
 * Where to read more.
 *
 * @since 0.1.0
 */
export const readme = "https://github.com/cf-accounts/cf-accounts/tree/main/apps/cli#readme"

// The names are the client's: it reads them (the CLI reads none itself).
const environment: ReadonlyArray<readonly [string, string]> = [
  [Credentials.variables.token, "API token (the preferred credential)"],
  [`${Credentials.variables.key}, ${Credentials.variables.email}`, "Global API key and its user's email"],
  [Credentials.variables.userServiceKey, "Origin CA key (user service key)"],
  [ClientOptions.baseUrlVariable, "API base URL, as --base-url"]
]

const sentence = (text: string): string => text.replace(/\.$/, "")

const columns = (rows: ReadonlyArray<readonly [string, string]>): ReadonlyArray<string> => {
  const left = Math.max(...rows.map(([l]) => l.length))
  return rows.map(([l, r]) => `  ${l.padEnd(left)}  ${r}`.trimEnd())
}

const wrap = (text: string, indent = ""): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/)) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else {
      line = line === "" ? word : `${line} ${word}`
    }
  }
  if (line !== "") lines.push(indent + line)
  return lines
}

/**
 * A command line as lines within the width, continued with ` \\`: a line breaks
 * only before a flag, so a flag stays with its value and quoted words are not split.
 */
const example = (line: string): ReadonlyArray<string> => {
  const words = (line.match(/"[^"]*"|\S+/g) ?? []).reduce<Array<string>>((units, word) => {
    const last = units.at(-1)
    if (last?.startsWith("-") && !last.includes(" ") && !word.startsWith("-")) units[units.length - 1] = `${last} ${word}`
    else units.push(word)
    return units
  }, [])
  const lines: Array<string> = []
  let current = "  $"
  for (const word of words) {
    if (current.trim() !== "$" && current.length + 1 + word.length + 2 > width) {
      lines.push(`${current} \\`)
      current = `     ${word}`
    } else {
      current = `${current} ${word}`
    }
  }
  return [...lines, current]
}

/** `Business name` as `business name`; a word in capitals (`API`) stays. */
const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text)

const flagRow = (flag: CommandTable.FlagInfo): readonly [string, string] => {
  const alias = flag.aliases[0]
  const names = `${alias === undefined ? "    " : `-${alias}, `}--${flag.name}`
  return [
    flag.value === undefined ? names : `${names} ${flag.value}`,
    flag.required ? `Required: ${lowerFirst(sentence(flag.description))}` : sentence(flag.description)
  ]
}

const section = (title: string, lines: ReadonlyArray<string>): ReadonlyArray<string> =>
  lines.length === 0 ? [] : ["", title, ...lines]

const usageOf = (node: CommandTable.Node): string => {
  const words = ["$ cf-accounts", ...node.path]
  if (node.children.length > 0) return [...words, "<command>", "[flags]"].join(" ")
  const args = node.args.map((arg) => (arg.variadic ? `${arg.name}...` : arg.name))
  return [...words, ...args, "[flags]"].join(" ")
}

const commandRows = (node: CommandTable.Node): ReadonlyArray<readonly [string, string]> =>
  node.children.map((child) => [child.path.at(-1) ?? "", sentence(child.summary)])

/**
 * `cf-accounts --help`.
 *
 * @since 0.1.0
 */
export const root = (table: CommandTable.Table): string => {
  const tree = table.root
  const global = [...table.global, ...table.builtins]
  const codes = ExitCode.meanings.map(([code, meaning]) => `${code} ${meaning}`)
  const codeLines: Array<string> = []
  for (const code of codes) {
    const last = codeLines.at(-1)
    if (last !== undefined && last.length + 3 + code.length <= width) codeLines[codeLines.length - 1] = `${last}   ${code}`
    else codeLines.push(`  ${code}`)
  }
  return [
    sentence(tree.summary),
    ...section("Usage", ["  $ cf-accounts <command> [flags]"]),
    ...section("Commands", columns([...commandRows(tree), ["help", "Help for a command, as in: cf-accounts help list"]])),
    ...section("Global flags", columns(global.map(flagRow))),
    ...section("Environment variables", columns(environment)),
    ...section("Exit codes", codeLines),
    ...section("Learn more", ["  cf-accounts help <command>, or cf-accounts <command> --help", `  ${readme}`]),
    ""
  ].join("\n")
}

/**
 * `cf-accounts <command> --help`.
 *
 * @since 0.1.0
 */
export const command = (table: CommandTable.Table, node: CommandTable.Node): string => {
  const global = [...table.global, ...table.builtins.filter((flag) => flag.name !== "completions" && flag.name !== "version")]
  const own = node.flags.filter((flag) => !global.some((g) => g.name === flag.name))
  return [
    sentence(node.summary),
    ...section("Usage", [`  ${usageOf(node)}`]),
    ...node.details.flatMap((paragraph) => ["", ...wrap(paragraph)]),
    ...section("Commands", columns(commandRows(node))),
    ...section("Arguments", columns(node.args.map((arg) => [arg.name, sentence(arg.description)]))),
    ...section("Flags", columns(own.map(flagRow))),
    ...section("Global flags", columns(global.map(flagRow))),
    ...section("Examples", node.examples.flatMap(example)),
    ""
  ].join("\n")
}

/**
 * The help for the command at `node`: the root's or a command's.
 *
 * @since 0.1.0
 */
export const render = (table: CommandTable.Table, node: CommandTable.Node): string =>
  node === table.root ? root(table) : command(table, node)
