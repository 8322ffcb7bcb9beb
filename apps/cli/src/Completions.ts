/**
 * Shell completion scripts for bash, zsh and fish, generated from the command
 * table ({@link CommandTable}): subcommands, each command's flags, the values
 * of flags that take one of a few words (`-o table|json|ndjson`, `--direction
 * asc|desc`, `--type`, `--log-level`, ...), and file names for a flag whose
 * value is a path (`-f`, `--out`, `--plan`: `valueKind: "path"` in the table).
 * Flags with other free values complete nothing, rather than file names. An
 * argument with a few values (`completion SHELL`) completes them as a group
 * completes its commands.
 *
 * @since 0.1.0
 */
import * as CommandTable from "./CommandTable.js"

/**
 * The shells a script is generated for.
 *
 * @since 0.1.0
 */
export type Shell = "bash" | "zsh" | "fish"

interface Entry {
  /** The command path, words separated by spaces (`""` for the root). */
  readonly path: string
  readonly node: CommandTable.Node
  /** Its subcommands (the root also has `help`), or its argument's values, with their summaries. */
  readonly commands: ReadonlyArray<readonly [string, string]>
  readonly flags: ReadonlyArray<CommandTable.FlagInfo>
}

const rootOnly = new Set(["version", "completions"])

const entries = (table: CommandTable.Table): ReadonlyArray<Entry> => {
  const walk = (node: CommandTable.Node): ReadonlyArray<Entry> => {
    const root = node.path.length === 0
    const builtins = table.builtins.filter((flag) => root || !rootOnly.has(flag.name))
    const own = node.children.length === 0 ? node.flags : table.global
    const flags = [...own.filter((flag) => !builtins.some((b) => b.name === flag.name)), ...builtins]
    const values = (node.args[0]?.choices ?? []).map((choice): readonly [string, string] => [choice, node.args[0]?.description ?? ""])
    const commands = [...node.children.map((child): readonly [string, string] => [child.path.at(-1) ?? "", child.summary]), ...values]
    const entry: Entry = {
      path: node.path.join(" "),
      node,
      commands: root ? [...commands, ["help", "Help for a command"]] : commands,
      flags
    }
    return [entry, ...node.children.flatMap(walk)]
  }
  // `help [command...]` completes the command words only: `help profile <TAB>` offers get and set.
  const help = (node: CommandTable.Node): ReadonlyArray<Entry> => [
    {
      path: ["help", ...node.path].join(" "),
      node,
      commands: node.children.map((child): readonly [string, string] => [child.path.at(-1) ?? "", child.summary]),
      flags: []
    },
    ...node.children.flatMap(help)
  ]
  return [...walk(table.root), ...help(table.root)]
}

const allFlags = (list: ReadonlyArray<Entry>): ReadonlyArray<CommandTable.FlagInfo> => {
  const seen = new Map<string, CommandTable.FlagInfo>()
  for (const entry of list) for (const flag of entry.flags) if (!seen.has(flag.name)) seen.set(flag.name, flag)
  return [...seen.values()]
}

const { spellings } = CommandTable

/** The first paragraph of `text`, on one line. */
const oneLine = (text: string): string => (text.split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").replace(/\.$/, "").trim()

/** `text` in single quotes for zsh (and bash): a quote ends the string, is escaped, and starts a new one. */
const zshQuote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`

/** `text` in single quotes for fish, where a backslash escapes a quote or a backslash. */
const fishQuote = (text: string): string => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`

/** The shell's cases for a flag's value: `files` for a path, else `reply` with its words (none for free text). */
const valueCases = (list: ReadonlyArray<Entry>, indent: string, reply: (words: string) => string, files: string): string =>
  allFlags(list)
    .filter((flag) => flag.value !== undefined)
    .map((flag) => `${indent}${spellings(flag).join("|")}) ${flag.valueKind === "path" ? files : reply(flag.choices.join(" "))} ;;`)
    .join("\n")

const pathCases = (list: ReadonlyArray<Entry>, indent: string): string =>
  list
    .filter((entry) => entry.path !== "")
    .map((entry) => `${indent}"${entry.path}") cmdpath="${entry.path}" ;;`)
    .join("\n")

/** The shell function body that finds the command path among `words` before the cursor. */
const walkPath = (list: ReadonlyArray<Entry>, words: string, from: string, to: string): string => {
  const valued = allFlags(list)
    .filter((flag) => flag.value !== undefined)
    .flatMap(spellings)
    .join("|")
  return `  local cmdpath="" word skip=0 i
  for ((i = ${from}; i < ${to}; i++)); do
    word="${words}[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$word" in
      ${valued}) skip=1; continue ;;
      -*) continue ;;
    esac
    case "\${cmdpath:+$cmdpath }$word" in
${pathCases(list, "      ")}
    esac
  done`
}

const bash = (table: CommandTable.Table): string => {
  const list = entries(table)
  const candidates = list
    .map((entry) => {
      const commands = entry.commands.map(([name]) => name).join(" ")
      const flags = entry.flags.flatMap(spellings).join(" ")
      return `    "${entry.path}") commands="${commands}"; flags="${flags}" ;;`
    })
    .join("\n")
  return `# bash completion for cf-accounts. Load it with: source <(cf-accounts completion bash)
_cf_accounts() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" prefix="" inline=0
  if ((COMP_CWORD > 0)); then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  COMPREPLY=()
  # --flag=value: bash splits it at "=" when COMP_WORDBREAKS has "=" (the default), else it is one word.
  if [[ "$cur" == "=" ]] && ((COMP_CWORD > 1)); then
    cur="" inline=1
  elif [[ "$prev" == "=" ]] && ((COMP_CWORD > 2)); then
    prev="\${COMP_WORDS[COMP_CWORD-2]}" inline=1
  elif [[ "$cur" == --*=* ]]; then
    prev="\${cur%%=*}" prefix="\${cur%%=*}=" cur="\${cur#*=}" inline=1
  fi
  if ((COMP_CWORD > 1)); then
    case "$prev" in
${valueCases(
  list,
  "      ",
  (words) => `COMPREPLY=($(compgen -P "$prefix" -W "${words}" -- "$cur")); return 0`,
  `COMPREPLY=($(compgen -P "$prefix" -f -- "$cur")); return 0`
)}
    esac
  fi
  if ((inline)); then return 0; fi
${walkPath(list, "${COMP_WORDS", "1", "COMP_CWORD")}
  local commands="" flags=""
  case "$cmdpath" in
${candidates}
  esac
  if [[ "$cur" == -* || -z "$commands" ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
  fi
  return 0
}
complete -F _cf_accounts cf-accounts
`
}

const zsh = (table: CommandTable.Table): string => {
  const list = entries(table)
  const describe = (pairs: ReadonlyArray<readonly [string, string]>) =>
    pairs.map(([name, summary]) => zshQuote(`${name.replace(/:/g, "\\:")}:${oneLine(summary)}`)).join(" ")
  const candidates = list
    .map((entry) => {
      const flags = entry.flags.flatMap((flag) =>
        spellings(flag).map((spelling): readonly [string, string] => [spelling, flag.description])
      )
      return `    "${entry.path}") commands=(${describe(entry.commands)}); flags=(${describe(flags)}) ;;`
    })
    .join("\n")
  return `#compdef cf-accounts
# zsh completion for cf-accounts. Load it with: source <(cf-accounts completion zsh)
_cf_accounts() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" inline=0
  local -a values commands flags
  # --flag=value: the value is completed after the "=".
  if [[ "$cur" == --*=* ]]; then
    prev="\${cur%%=*}" cur="\${cur#*=}" inline=1
    compset -P '*='
  fi
  if ((CURRENT > 2)); then
    case "$prev" in
${valueCases(list, "      ", (words) => `values=(${words}); compadd -a values; return 0`, "_files; return")}
    esac
  fi
  if ((inline)); then return 1; fi
${walkPath(list, "${words", "2", "CURRENT")}
  case "$cmdpath" in
${candidates}
  esac
  if [[ "$cur" == -* || \${#commands} -eq 0 ]]; then
    _describe -t flags 'flag' flags
  else
    _describe -t commands 'command' commands
  fi
}
if (( $+functions[compdef] )); then compdef _cf_accounts cf-accounts; fi
`
}

const fish = (table: CommandTable.Table): string => {
  const list = entries(table)
  const quote = (text: string) => fishQuote(oneLine(text))
  const lines = list.flatMap((entry) => {
    const when = `-n '__cf_accounts_at "${entry.path}"'`
    const commands = entry.commands.map(
      ([name, summary]) => `complete -c cf-accounts ${when} -f -a ${name} -d ${quote(summary)}`
    )
    const flags = entry.flags.map((flag) => {
      const short = flag.aliases.map((alias) => ` -s ${alias}`).join("")
      const value =
        flag.value === undefined
          ? ""
          : flag.valueKind === "path"
            ? " -r -F"
            : flag.choices.length > 0
              ? ` -x -a '${flag.choices.join(" ")}'`
              : " -x"
      return `complete -c cf-accounts ${when} -l ${flag.name}${short}${value} -d ${quote(flag.description)}`
    })
    return [...commands, ...flags]
  })
  const valued = allFlags(list)
    .filter((flag) => flag.value !== undefined)
    .flatMap(spellings)
    .join(" ")
  const paths = list
    .filter((entry) => entry.path !== "")
    .map((entry) => `'${entry.path}'`)
    .join(" ")
  return `# fish completion for cf-accounts. Load it with: cf-accounts completion fish | source
function __cf_accounts_at --description 'Whether the command line so far names this cf-accounts command'
    set -l cmdpath ''
    set -l skip 0
    for word in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        if contains -- $word ${valued}
            set skip 1
            continue
        end
        string match -q -- '-*' $word; and continue
        set -l next (string trim -- "$cmdpath $word")
        contains -- $next ${paths}; and set cmdpath $next
    end
    test "$cmdpath" = "$argv[1]"
end
complete -c cf-accounts -f
${lines.join("\n")}
`
}

/**
 * The completion script for `shell`.
 *
 * @since 0.1.0
 */
export const script = (table: CommandTable.Table, shell: Shell): string =>
  shell === "zsh" ? zsh(table) : shell === "fish" ? fish(table) : bash(table)
