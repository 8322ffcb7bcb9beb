/**
 * Help in the manner of gh and wrangler, rendered from the command table: the
 * root's within 40 lines, each command's within 30, all within 80 columns;
 * `help [command]`, `--help` in any position, `--version` on one line; and the
 * README shows `--help` and `list --help` exactly as they print.
 */
import { readFileSync } from "node:fs"
import * as Credentials from "@cf-accounts/client/Credentials"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as CommandTable from "../src/CommandTable.js"
import { table } from "../src/Commands.js"
import * as ExitCode from "../src/ExitCode.js"
import { version } from "../src/Version.js"
import { runCli } from "./support/cli.js"

const leaves = (node: CommandTable.Node): ReadonlyArray<CommandTable.Node> => [node, ...node.children.flatMap(leaves)]
const commands = leaves(table.root).filter((node) => node !== table.root)

const lines = (text: string) => text.replace(/\n$/, "").split("\n")

const assertShape = (text: string, maxLines: number) => {
  assert.isAtMost(lines(text).length, maxLines, text)
  for (const line of lines(text)) assert.isAtMost(line.length, 80, `too wide: ${line}`)
  assert.notInclude(text, "\u001b")
  assert.notInclude(text, "A user-defined piece of text")
  assert.notInclude(text, "This setting is optional")
  assert.notMatch(text, /\n\n\n/)
  assert.notInclude(text, "--wizard")
}

describe("help", () => {
  it("the table has every command, with their flags and the values of choice flags from core's schemas", () => {
    assert.deepStrictEqual(
      commands.map((node) => node.path.join(" ")),
      ["list", "get", "create", "update", "delete", "move", "batch-move", "organizations", "profile", "profile get", "profile set", "audit", "plan", "apply", "completion"]
    )
    const flag = (path: ReadonlyArray<string>, name: string) =>
      CommandTable.find(table.root, path)?.flags.find((f) => f.name === name)
    assert.deepStrictEqual(flag(["list"], "output")?.choices, ["table", "json", "ndjson"])
    assert.deepStrictEqual(flag(["list"], "output")?.aliases, ["o"])
    assert.deepStrictEqual(flag(["list"], "direction")?.choices, ["asc", "desc"])
    assert.deepStrictEqual(flag(["create"], "type")?.choices, ["standard", "enterprise"])
    assert.isTrue(flag(["create"], "name")?.required)
    assert.isFalse(flag(["list"], "name")?.required)
    assert.isUndefined(flag(["list"], "all")?.value)
  })

  // One line per command (twelve, with audit, plan and apply) and three of exit codes: 44 lines.
  it.effect("cf-accounts --help: at most 44 lines of 80 columns; commands, global flags, environment, exit codes, README", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["--help"])
      assert.strictEqual(r.code, 0, r.stderr)
      assertShape(r.stdout, 44)
      const text = r.stdout
      assert.include(text, "\n  $ cf-accounts <command> [flags]\n")
      for (const node of table.root.children) {
        const line = lines(text).find((l) => l.startsWith(`  ${node.path[0]} `))
        assert.include(line, node.summary.replace(/\.$/, ""), `one line for ${node.path[0]}`)
      }
      assert.match(text, /\n {2}help +Help for a command/)
      for (const name of ["-o, --output table|json|ndjson", "--base-url url", "-v, --verbose", "--log-level level", "-h, --help", "--version", "--completions bash|zsh|fish"]) {
        assert.include(text, name)
      }
      for (const variable of Object.values(Credentials.variables)) assert.include(text, variable)
      assert.include(text, "CLOUDFLARE_API_USER_SERVICE_KEY")
      assert.include(text, "CLOUDFLARE_BASE_URL")
      for (const [code, meaning] of ExitCode.meanings) assert.include(text, `${code} ${meaning}`)
      assert.include(text, "https://github.com/cf-accounts/cf-accounts/tree/main/apps/cli#readme")
    }))

  describe.concurrent("every command's --help", () => {
    for (const node of commands) {
      const path = node.path.join(" ")
      it.effect(`${path}: at most 30 lines; usage with the full path, one line per flag, examples`, () =>
        Effect.gen(function* () {
          const r = yield* runCli([...node.path, "--help"])
          assert.strictEqual(r.code, 0, r.stderr)
          assertShape(r.stdout, 30)
          // Only the root offers what is about the whole program.
          assert.notInclude(r.stdout, "--completions")
          assert.notInclude(r.stdout, "--version")
          assert.include(r.stdout, `\nUsage\n  $ cf-accounts ${path} `)
          for (const flag of node.flags) {
            const names = `${flag.aliases.length > 0 ? `-${flag.aliases[0]}, ` : "    "}--${flag.name}`
            const line = lines(r.stdout).find((l) => l.startsWith(`  ${names} `) || l === `  ${names}`)
            assert.isDefined(line, `--${flag.name} in ${path} --help`)
            if (flag.value !== undefined) assert.include(line, `--${flag.name} ${flag.value} `)
          }
          const examples = lines(r.stdout).filter((l) => l.startsWith("  $ cf-accounts ") && !l.includes("[flags]"))
          assert.isAtLeast(examples.length, 1)
          assert.isAtMost(examples.length, 3)
          for (const example of examples) assert.isTrue(example.startsWith(`  $ cf-accounts ${path}`), example)
        }))
    }
  })

  it.effect("defaults are shown: --per-page, --page, --concurrency, --type, --output", () =>
    Effect.gen(function* () {
      const list = (yield* runCli(["list", "--help"])).stdout
      assert.match(list, /--per-page int +.*\(default 20\)/)
      assert.match(list, /--page int +.*\(default 1\)/)
      assert.match(list, /-o, --output table\|json\|ndjson +.*default: table on a tty, else json/)
      // The API matches part of the name.
      assert.match(list, /--name text +Accounts whose name contains this text/)
      assert.match((yield* runCli(["batch-move", "--help"])).stdout, /--concurrency int +.*\(default 4\)/)
      assert.match((yield* runCli(["create", "--help"])).stdout, /--type standard\|enterprise +.*\(default standard\)/)
    }))

  it.effect("help, help list, no arguments, and --help after arguments and flags: exit 0", () =>
    Effect.gen(function* () {
      const root = (yield* runCli(["--help"])).stdout
      for (const args of [["help"], [], ["help", "help"]]) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(r.stdout, root)
      }
      const list = (yield* runCli(["list", "--help"])).stdout
      for (const args of [["help", "list"], ["list", "-o", "json", "--help"], ["list", "-h"], ["-o", "json", "list", "--help"]]) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(r.stdout, list, args.join(" "))
      }
      const get = yield* runCli(["get", "0123456789abcdef0123456789abcdef", "--help"])
      assert.strictEqual(get.code, 0, get.stderr)
      assert.include(get.stdout, "$ cf-accounts get ACCOUNT_ID [flags]")
      const set = yield* runCli(["help", "profile", "set"])
      assert.include(set.stdout, "$ cf-accounts profile set ACCOUNT_ID [flags]")
      assert.include(set.stdout, "Required: business name")
    }))

  it.effect("help for an unknown command: exit 2 with a did-you-mean, no help printed", () =>
    Effect.gen(function* () {
      for (const args of [["help", "lst"], ["lst", "--help"]]) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 2)
        assert.strictEqual(r.stdout, "")
        assert.include(r.stderr, "unknown command 'lst' (did you mean 'list'?)")
      }
      // A word far from every command gets the list of commands, and no guess.
      const far = yield* runCli(["help", "nosuch"])
      assert.strictEqual(far.code, 2)
      assert.strictEqual(far.stdout, "")
      assert.strictEqual(
        far.stderr,
        "cf-accounts: unknown command 'nosuch'; use one of 'list', 'get', 'create', 'update', 'delete', 'move', 'batch-move', 'organizations', 'profile', 'audit', 'plan', 'apply', 'completion', or 'help'\n"
      )
    }))

  it.effect("a group named alone shows its own help (not @effect/cli's): exit 0", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["profile"])
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual(r.stdout, (yield* runCli(["profile", "--help"])).stdout)
      assert.include(r.stdout, "\nUsage\n  $ cf-accounts profile <command> [flags]\n")
    }))

  it.effect("--version prints the version and a newline, nothing else, before any command", () =>
    Effect.gen(function* () {
      for (const args of [["--version"], ["-o", "json", "--version"]]) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 0)
        assert.strictEqual(r.stdout, `${version}\n`)
        assert.strictEqual(r.stderr, "")
      }
    }))

  it.effect("--log-level takes a level in any position; a bad one exits 2 naming the levels", () =>
    Effect.gen(function* () {
      const bad = yield* runCli(["list", "--log-level", "loud"])
      assert.strictEqual(bad.code, 2)
      assert.include(bad.stderr, "Invalid --log-level: must be one of all, trace, debug, info, warning, error, fatal, none")
      // Accepted after the command's flags: the run gets as far as the missing credentials.
      const none = yield* runCli(["list", "--per-page", "5", "-o", "ndjson", "--log-level", "none"])
      assert.strictEqual(none.code, 2)
      assert.include(none.stderr, "no credentials")
      assert.notInclude(none.stderr, "unknown argument")
    }))

  it.effect("the global flags of the root help work before the command too", () =>
    Effect.gen(function* () {
      for (const args of [
        ["-o", "json", "--log-level", "none", "list", "--per-page", "5"],
        ["--output=ndjson", "-v", "--base-url", "http://127.0.0.1:9/client/v4", "profile", "get", "0123456789abcdef0123456789abcdef"]
      ]) {
        const r = yield* runCli(args)
        // Parsed: the run gets as far as the missing credentials.
        assert.strictEqual(r.code, 2)
        assert.include(r.stderr, "no credentials", args.join(" "))
      }
      const typo = yield* runCli(["--verbos", "list"])
      assert.strictEqual(typo.code, 2)
      // --verbose works before the command too: no advice to move it.
      assert.strictEqual(typo.stderr, "cf-accounts: unknown option '--verbos' (did you mean '--verbose'?)\n")
    }))

  it.effect("the README shows cf-accounts --help and cf-accounts list --help exactly as they print", () =>
    Effect.gen(function* () {
      const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")
      for (const args of [["--help"], ["list", "--help"]]) {
        const r = yield* runCli(args)
        const block = `\`\`\`console\n$ cf-accounts ${args.join(" ")}\n${r.stdout}\`\`\``
        assert.include(readme, block, `README block for cf-accounts ${args.join(" ")}`)
      }
    }))
})
