#!/usr/bin/env node
// Writes test/fixtures/wrangler-help.json: for every wrangler command that docs/deploy.md (and the
// README's Deploy section) shows as an `npx wrangler ...` line, the flags and positionals that
// `npx wrangler <command> --help` lists. test/deploy-docs.test.ts checks the docs against this
// snapshot without starting wrangler, and fails when the snapshot was taken with another wrangler
// version than the one installed:
//
//   pnpm --filter @cf-accounts/worker wrangler-help
//
// Only `--help` is run (with --no-install, so npx never asks the registry): nothing talks to
// Cloudflare. Which words of a line are the command is found by walking wrangler's own help from
// the top: `wrangler --help` lists `wrangler d1`, `wrangler d1 --help` lists `wrangler d1 migrations`,
// and so on, so a positional (`cf-accounts`) is never taken for a command.
import { execFile } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"

const run = promisify(execFile)
const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const output = join(root, "test/fixtures/wrangler-help.json")

/** The `npx wrangler ...` command lines of a Markdown text's ```sh blocks, without trailing comments. */
const wranglerLines = (markdown) => {
  const lines = []
  let inSh = false
  for (const line of markdown.split("\n")) {
    const fence = line.trim().match(/^```(\w*)/)
    if (fence) {
      inSh = !inSh && fence[1] === "sh"
      continue
    }
    const at = line.indexOf("npx wrangler")
    if (inSh && at >= 0) lines.push(line.slice(at).replace(/\s+#.*$/, "").trim())
  }
  return lines
}

/** The README's `## Deploy` section, up to the next `## ` heading. */
const deploySection = (readme) => {
  const start = readme.search(/^## Deploy\b/m)
  if (start < 0) return ""
  const rest = readme.slice(start + 1)
  const end = rest.search(/^## /m)
  return end < 0 ? rest : rest.slice(0, end)
}

/** The words after `npx wrangler` up to the first flag, quote or placeholder. */
const leadingWords = (line) => {
  const words = []
  for (const word of line.split(/\s+/).slice(2)) {
    if (!/^[a-z][a-z0-9-]*$/.test(word)) break
    words.push(word)
  }
  return words
}

const helpCache = new Map()
const help = (words) => {
  const key = words.join(" ")
  if (!helpCache.has(key)) {
    helpCache.set(
      key,
      run("npx", ["--no-install", "wrangler", ...words, "--help"], {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", FORCE_COLOR: "0" },
        maxBuffer: 16 * 1024 * 1024
      }).then(
        ({ stdout }) => stdout,
        (error) => {
          throw new Error(`npx wrangler ${key} --help failed: ${error.stderr || error.message}`)
        }
      )
    )
  }
  return helpCache.get(key)
}

/** The lines of a help text's section (`COMMANDS`, `POSITIONALS`, `GLOBAL FLAGS`, `OPTIONS`). */
const section = (text, title) => {
  const lines = text.split("\n")
  const start = lines.indexOf(title)
  if (start < 0) return []
  const body = []
  for (const line of lines.slice(start + 1)) {
    if (/^[A-Z][A-Z ]+$/.test(line)) break
    body.push(line)
  }
  return body
}

/**
 * The subcommands a group's help lists, e.g. `create` and `migrations` for `d1`. The top-level help
 * groups them under several headings (COMMANDS, ACCOUNT, STORAGE & DATABASES, ...), so every indented
 * `wrangler ...` line counts.
 */
const subcommands = (text, words) => {
  const prefix = ["wrangler", ...words].join(" ")
  const names = new Set()
  for (const line of text.split("\n")) {
    const match = line.match(/^\s+(wrangler(?: [a-z0-9-]+)+)/)
    if (!match) continue
    const parts = match[1].split(" ")
    if (parts.slice(0, -1).join(" ") === prefix) names.add(parts.at(-1))
  }
  return names
}

/** The command a line runs: the longest run of its leading words that wrangler knows as commands. */
const resolveCommand = async (line) => {
  const words = leadingWords(line)
  const command = []
  for (const word of words) {
    const known = subcommands(await help(command), command)
    if (!known.has(word)) break
    command.push(word)
  }
  if (command.length === 0) throw new Error(`no wrangler command in: ${line}`)
  // A group (`d1`, `d1 migrations`) runs nothing: the next word is a command wrangler does not have.
  if (subcommands(await help(command), command).size > 0) {
    throw new Error(`${line}: wrangler ${command.join(" ")} has no command "${words[command.length] ?? ""}"`)
  }
  return command
}

const TYPE = /\[(boolean|string|number|array|count)\]/

/**
 * Flags of a help text: each with all its names (`--message`, `-m`), its type when it says one
 * (`null`: none given, taken as a switch) and its choices when it lists them.
 */
const flags = (text) => {
  const entries = []
  for (const title of ["GLOBAL FLAGS", "OPTIONS"]) {
    let current
    for (const line of section(text, title)) {
      const match = line.match(/^\s+((?:-{1,2}[A-Za-z0-9][\w-]*)(?:, -{1,2}[A-Za-z0-9][\w-]*)*)(?:\s{2,}(.*))?$/)
      if (match) {
        current = { names: match[1].split(", "), text: match[2] ?? "" }
        entries.push(current)
      } else if (current !== undefined && line.trim() !== "") {
        current.text += ` ${line.trim()}`
      }
    }
  }
  return entries.map(({ names, text }) => {
    const choices = text.match(/\[choices: ((?:"[^"]*"(?:, )?)+)\]/)?.[1]
    // A flag with choices and no type (`tail --format`) still takes a value.
    const type = text.match(TYPE)?.[1] ?? (choices === undefined ? null : "string")
    return { names, type, ...(choices === undefined ? {} : { choices: JSON.parse(`[${choices}]`) }) }
  })
}

/** Positionals from the usage line, e.g. `wrangler d1 migrations apply <database>`. */
const positionals = (text, command) => {
  const usage = text.split("\n")[0] ?? ""
  const expected = ["wrangler", ...command].join(" ")
  if (usage !== expected && !usage.startsWith(`${expected} `)) {
    throw new Error(`unexpected usage line for "${command.join(" ")}": ${usage}`)
  }
  return [...usage.slice(expected.length).matchAll(/([<[])([\w-]+)(\.\.)?[>\]]/g)].map((m) => ({
    name: m[2],
    required: m[1] === "<",
    variadic: m[3] !== undefined
  }))
}

const docs = [
  readFileSync(join(root, "docs/deploy.md"), "utf8"),
  deploySection(readFileSync(join(root, "README.md"), "utf8"))
]
const lines = docs.flatMap(wranglerLines)
const commands = new Map()
for (const command of await Promise.all(lines.map(resolveCommand))) commands.set(command.join(" "), command)

const version = createRequire(import.meta.url)("wrangler/package.json").version
const snapshot = { wranglerVersion: version, commands: {} }
for (const key of [...commands.keys()].sort()) {
  const text = await help(commands.get(key))
  const found = positionals(text, commands.get(key))
  snapshot.commands[key] = { flags: flags(text), ...(found.length > 0 ? { positionals: found } : {}) }
}
// One line per flag and per positional keeps the file short and its diffs readable.
const json = JSON.stringify(snapshot, null, 2).replace(/\{\n\s+"(names|name)"[^}]*\}/g, (entry) =>
  JSON.stringify(JSON.parse(entry)).replace(/,"/g, ', "').replace(/":/g, '": ')
)
writeFileSync(output, `${json}\n`)
console.log(`wrangler ${version}: ${commands.size} commands from ${lines.length} lines -> ${output}`)
for (const key of Object.keys(snapshot.commands)) console.log(`  wrangler ${key}`)
