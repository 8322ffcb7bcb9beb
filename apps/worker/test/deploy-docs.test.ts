/**
 * The deploy guide (docs/deploy.md, and the README's Deploy section) against the installed wrangler
 * and the worker's own configuration, without starting wrangler: every `npx wrangler ...` line is
 * checked against test/fixtures/wrangler-help.json, the flags and positionals that
 * `npx wrangler <command> --help` listed when `pnpm --filter @cf-accounts/worker wrangler-help`
 * (scripts/wrangler-help.mjs) last ran, and the names the guide uses against wrangler.jsonc and `Env`.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { QueueNames } from "../src/platform/Env.js"

const REGENERATE = "run `pnpm --filter @cf-accounts/worker wrangler-help` and commit test/fixtures/wrangler-help.json"

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8")

// ---- the snapshot and wrangler's version ----

const Flag = Schema.Struct({
  names: Schema.NonEmptyArray(Schema.String),
  /** `null`: the help names no type; taken as a switch. */
  type: Schema.NullOr(Schema.Literal("boolean", "string", "number", "array", "count")),
  choices: Schema.optional(Schema.Array(Schema.String))
})
type Flag = typeof Flag.Type

const Command = Schema.Struct({
  flags: Schema.Array(Flag),
  positionals: Schema.optional(
    Schema.Array(Schema.Struct({ name: Schema.String, required: Schema.Boolean, variadic: Schema.Boolean }))
  )
})
type Command = typeof Command.Type

const Snapshot = Schema.Struct({
  wranglerVersion: Schema.String,
  commands: Schema.Record({ key: Schema.String, value: Command })
})

const snapshot = Schema.decodeUnknownSync(Snapshot)(JSON.parse(read("./fixtures/wrangler-help.json")))

const installedWrangler = Schema.decodeUnknownSync(Schema.Struct({ version: Schema.String }))(
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve("wrangler/package.json"), "utf8"))
).version

// ---- the worker's configuration ----

/** wrangler.jsonc as JSON: comments and trailing commas dropped, strings (`https://...`) left alone. */
const stripJsonc = (text: string): string => {
  let out = ""
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') {
      const start = i
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++
      out += text.slice(start, i + 1)
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++
      out += "\n"
    } else if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1
      if (i === 0) throw new Error("wrangler.jsonc: unterminated comment")
    } else {
      out += c
    }
  }
  return out.replace(/,(\s*[}\]])/g, "$1")
}

const WranglerConfig = Schema.Struct({
  name: Schema.String,
  triggers: Schema.Struct({ crons: Schema.Array(Schema.String) }),
  vars: Schema.Record({ key: Schema.String, value: Schema.String }),
  assets: Schema.Struct({ binding: Schema.String }),
  d1_databases: Schema.NonEmptyArray(
    Schema.Struct({ binding: Schema.String, database_name: Schema.String, database_id: Schema.String })
  ),
  queues: Schema.Struct({
    producers: Schema.Array(Schema.Struct({ binding: Schema.String, queue: Schema.String })),
    consumers: Schema.Array(Schema.Struct({ queue: Schema.String, dead_letter_queue: Schema.optional(Schema.String) }))
  })
})

const config = Schema.decodeUnknownSync(WranglerConfig)(JSON.parse(stripJsonc(read("../wrangler.jsonc"))))
const database = config.d1_databases[0]

const configQueues = new Set([
  ...config.queues.producers.map((p) => p.queue),
  ...config.queues.consumers.flatMap((c) => [c.queue, ...(c.dead_letter_queue === undefined ? [] : [c.dead_letter_queue])])
])

/** The members `Env` declares (`DB`, `ADMIN_TOKEN`, ...), read from its source. */
const envMembers = (() => {
  const source = read("../src/platform/Env.ts")
  const body = /export interface Env \{\n([\s\S]*?)\n\}/.exec(source)?.[1]
  if (body === undefined) throw new Error("src/platform/Env.ts: no `export interface Env`")
  return new Set([...body.matchAll(/^\s+readonly (\w+)\??:/gm)].map((m) => m[1]!))
})()

const bindings = new Set([
  ...config.d1_databases.map((d) => d.binding),
  ...config.queues.producers.map((p) => p.binding),
  config.assets.binding
])
/** Secrets: what `Env` reads that wrangler.jsonc neither binds nor sets as a var. */
const secretNames = new Set([...envMembers].filter((name) => !bindings.has(name) && !(name in config.vars)))
/** Environment variables wrangler itself reads (its credentials and account), named by the guide. */
const WRANGLER_ENVIRONMENT = new Set(["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"])

// ---- the docs' wrangler lines ----

interface DocLine {
  /** `docs/deploy.md:42`, for messages. */
  readonly where: string
  readonly text: string
}

/** The `npx wrangler ...` lines of a Markdown text's ```sh blocks, trailing comments dropped. */
const wranglerLines = (file: string, markdown: string, firstLine = 1): Array<DocLine> => {
  const lines: Array<DocLine> = []
  let inSh = false
  markdown.split("\n").forEach((line, i) => {
    const fence = /^```(\w*)/.exec(line.trim())
    if (fence) {
      inSh = !inSh && fence[1] === "sh"
      return
    }
    const at = line.indexOf("npx wrangler")
    if (inSh && at >= 0) {
      lines.push({ where: `${file}:${firstLine + i}`, text: line.slice(at).replace(/\s+#.*$/, "").trim() })
    }
  })
  return lines
}

const guide = read("../docs/deploy.md")
const readme = read("../README.md")

/** The README's `## Deploy` section (up to the next `## `), with the line it starts on. */
const readmeDeploy = (() => {
  const start = readme.search(/^## Deploy\b/m)
  if (start < 0) return { text: "", firstLine: 1 }
  const rest = readme.slice(start)
  const end = rest.slice(1).search(/^## /m)
  return { text: end < 0 ? rest : rest.slice(0, end + 1), firstLine: readme.slice(0, start).split("\n").length }
})()

const guideLines = wranglerLines("docs/deploy.md", guide)
const docLines = [...guideLines, ...wranglerLines("README.md", readmeDeploy.text, readmeDeploy.firstLine)]

/**
 * Shell words: whitespace-separated, quotes kept together and removed, a `<placeholder with spaces>`
 * one word; stops at a pipe or `&&`.
 */
const shellWords = (text: string): Array<string> => {
  const words: Array<string> = []
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(<[^>]*>)|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? m[3] ?? m[4]!
    if (m[4] !== undefined && ["|", "&&", "||", ";", ">", "2>&1"].includes(word)) break
    words.push(word)
  }
  return words
}

interface ParsedLine {
  readonly line: DocLine
  readonly command: string
  readonly positionals: ReadonlyArray<string>
  /** Each flag as written (`--message`) with its value, when it takes one. */
  readonly flags: ReadonlyArray<{ readonly name: string; readonly value: string | undefined }>
  readonly problems: ReadonlyArray<string>
}

const isPlaceholder = (value: string) => /^<.*>$/.test(value) || value.startsWith("$")

const findFlag = (command: Command, name: string): Flag | undefined =>
  command.flags.find((flag) => flag.names.includes(name)) ??
  // yargs negates any boolean: `--no-minify`.
  (name.startsWith("--no-")
    ? command.flags.find((flag) => flag.type === "boolean" && flag.names.includes(`--${name.slice(5)}`))
    : undefined)

/** A line split into its command (the longest run of leading words the snapshot knows), flags and positionals. */
const parse = (line: DocLine): ParsedLine => {
  const words = shellWords(line.text).slice(2)
  const label = `${line.where}: \`${line.text}\``
  let length = 0
  for (let n = 1; n <= words.length && /^[a-z][a-z0-9-]*$/.test(words[n - 1]!); n++) {
    if (words.slice(0, n).join(" ") in snapshot.commands) length = n
  }
  if (length === 0) {
    return {
      line,
      command: "",
      positionals: [],
      flags: [],
      problems: [`${label}: no command of the snapshot begins this line (new or renamed?): ${REGENERATE}`]
    }
  }
  const command = words.slice(0, length).join(" ")
  const spec = snapshot.commands[command]!
  const problems: Array<string> = []
  const positionals: Array<string> = []
  const flags: Array<{ name: string; value: string | undefined }> = []
  const rest = words.slice(length)
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!
    if (!word.startsWith("-") || word === "-") {
      positionals.push(word)
      continue
    }
    const [name, inline] = word.includes("=") ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)] : [word, undefined]
    const flag = findFlag(spec, name)
    if (flag === undefined) {
      const known = spec.flags.flatMap((f) => f.names).join(", ")
      problems.push(
        `${label}: \`wrangler ${command}\` has no flag ${name} in wrangler ${snapshot.wranglerVersion} (it has ${known})`
      )
      flags.push({ name, value: inline })
      continue
    }
    const takesValue = flag.type !== null && flag.type !== "boolean" && flag.type !== "count"
    const value = inline ?? (takesValue ? rest[++i] : undefined)
    if (takesValue && value === undefined) problems.push(`${label}: ${name} needs a value`)
    if (value !== undefined && flag.choices !== undefined && !isPlaceholder(value) && !flag.choices.includes(value)) {
      problems.push(`${label}: ${name} ${value} is not one of ${flag.choices.join(", ")}`)
    }
    flags.push({ name, value })
  }
  const expected = spec.positionals ?? []
  const required = expected.filter((p) => p.required).length
  const variadic = expected.some((p) => p.variadic)
  if (positionals.length < required || (!variadic && positionals.length > expected.length)) {
    const usage = expected.map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`)).join(" ")
    problems.push(`${label}: \`wrangler ${command}\` takes ${usage || "no positionals"}, the line gives ${positionals.length}`)
  }
  return { line, command, positionals, flags, problems }
}

const parsed = docLines.map(parse)
const guideParsed = parsed.filter((p) => p.line.where.startsWith("docs/"))
const uses = (command: string) => parsed.filter((p) => p.command === command)

describe("the wrangler snapshot", () => {
  it("was taken with the installed wrangler", () => {
    if (snapshot.wranglerVersion !== installedWrangler) {
      assert.fail(
        `test/fixtures/wrangler-help.json was taken with wrangler ${snapshot.wranglerVersion}, ` +
          `but wrangler ${installedWrangler} is installed: ${REGENERATE}`
      )
    }
  })

  it("holds exactly the commands the docs use", () => {
    assert.deepStrictEqual(
      Object.keys(snapshot.commands).sort(),
      [...new Set(parsed.map((p) => p.command))].sort(),
      `the docs' wrangler commands changed: ${REGENERATE}`
    )
  })
})

describe("docs/deploy.md's wrangler lines", () => {
  it("cover every step from an empty account to a rollback", () => {
    const commands = new Set(guideParsed.map((p) => p.command))
    for (const step of [
      "login",
      "d1 create",
      "queues create",
      "d1 migrations apply",
      "secret put",
      "deploy",
      "tail",
      "deployments list",
      "versions list",
      "rollback"
    ]) {
      assert.isTrue(commands.has(step), `docs/deploy.md shows no \`npx wrangler ${step}\``)
    }
  })

  it("use only commands, flags and positionals the installed wrangler has", () => {
    assert.isAbove(docLines.length, 10)
    assert.deepStrictEqual(
      parsed.flatMap((p) => p.problems),
      []
    )
  })

  it("apply migrations remotely, as `pnpm run db:migrate:remote` does", () => {
    const scripts = Schema.decodeUnknownSync(
      Schema.Struct({ scripts: Schema.Record({ key: Schema.String, value: Schema.String }) })
    )(JSON.parse(read("../package.json"))).scripts
    const applies = uses("d1 migrations apply").filter((p) => p.line.where.startsWith("docs/"))
    assert.isAbove(applies.length, 0)
    for (const apply of applies) {
      assert.deepStrictEqual(apply.flags, [{ name: "--remote", value: undefined }], apply.line.where)
      assert.deepStrictEqual(
        shellWords(apply.line.text).slice(1),
        shellWords(scripts["db:migrate:remote"] ?? ""),
        `${apply.line.where}: differs from package.json's db:migrate:remote`
      )
    }
  })
})

describe("the names docs/deploy.md uses", () => {
  it("the D1 database is wrangler.jsonc's, and its id goes to d1_databases[0].database_id", () => {
    for (const p of parsed.filter((p) => p.command.startsWith("d1 "))) {
      assert.strictEqual(p.positionals[0], database.database_name, `${p.line.where}: \`${p.line.text}\``)
    }
    assert.include(guide, "`d1_databases[0].database_id`")
    assert.include(guide, `\`${database.binding}\``)
  })

  it("the queues it creates are exactly wrangler.jsonc's producers, consumers and dead-letter queue, as Env names them", () => {
    assert.deepStrictEqual([...configQueues].sort(), Object.values(QueueNames).sort())
    const created = guideParsed.filter((p) => p.command === "queues create").map((p) => p.positionals[0])
    assert.deepStrictEqual(created.sort(), [...configQueues].sort())
    for (const p of uses("queues create")) assert.isTrue(configQueues.has(p.positionals[0] ?? ""), p.line.where)
  })

  it("the secrets it sets are exactly the ones Env reads and wrangler.jsonc does not set", () => {
    assert.deepStrictEqual([...secretNames].sort(), ["ADMIN_TOKEN", "CLOUDFLARE_API_TOKEN"])
    const set = guideParsed.filter((p) => p.command === "secret put").map((p) => p.positionals[0])
    assert.deepStrictEqual(set.sort(), [...secretNames].sort())
    for (const p of uses("secret put")) assert.isTrue(secretNames.has(p.positionals[0] ?? ""), p.line.where)
  })

  it("the Worker is wrangler.jsonc's, in `tail`, `--name` and its workers.dev URL", () => {
    for (const p of uses("tail")) assert.strictEqual(p.positionals[0] ?? config.name, config.name, p.line.where)
    for (const p of parsed) {
      for (const flag of p.flags.filter((f) => f.name === "--name")) {
        assert.strictEqual(flag.value, config.name, p.line.where)
      }
    }
    assert.include(guide, `https://${config.name}.<subdomain>.workers.dev`)
  })

  it("the cron schedule is wrangler.jsonc's triggers.crons", () => {
    assert.include(guide, "`triggers.crons`")
    for (const cron of config.triggers.crons) assert.include(guide, `\`${cron}\``)
  })

  it("every variable it names is a var of wrangler.jsonc, a member of Env, or one wrangler reads", () => {
    const named = new Set([...guide.matchAll(/`(?:vars\.)?([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!))
    for (const name of named) {
      assert.isTrue(
        name in config.vars || envMembers.has(name) || WRANGLER_ENVIRONMENT.has(name),
        `docs/deploy.md names \`${name}\`, which neither wrangler.jsonc, Env nor wrangler knows`
      )
    }
    for (const name of [...guide.matchAll(/`vars\.(\w+)`/g)].map((m) => m[1]!)) {
      assert.isTrue(name in config.vars && envMembers.has(name), `vars.${name} is not in wrangler.jsonc and Env`)
    }
    for (const name of ["ACCESS_TEAM_DOMAIN", "ACCESS_AUD", ...secretNames]) assert.isTrue(named.has(name), name)
  })
})
