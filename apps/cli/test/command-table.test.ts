/**
 * What the command table gives a new user: one style for a missing flag or
 * argument (pointing at the command's help), the credentials message once with
 * where to create a token, a base URL without a scheme echoed, no fiber noise
 * under -v, `completion SHELL`, and help whose examples break only between flags.
 */
import { readdirSync, readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as CommandTable from "../src/CommandTable.js"
import { table } from "../src/Commands.js"
import * as Runner from "../src/Runner.js"
import { runCli } from "./support/cli.js"
import { capture } from "./support/stdio.js"

const ID = "0123456789abcdef0123456789abcdef"
const TOKEN = { CLOUDFLARE_API_TOKEN: "t".repeat(40) }

describe("the command table", () => {
  it.effect("a missing flag or argument: one style, pointing at the command's help (exit 2)", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["create"], "cf-accounts create: missing --name (see 'cf-accounts create --help')\n"],
        [["get"], "cf-accounts get: missing <ACCOUNT_ID> (see 'cf-accounts get --help')\n"],
        [["move", ID], "cf-accounts move: missing --to (see 'cf-accounts move --help')\n"],
        [["profile", "get"], "cf-accounts profile get: missing <ACCOUNT_ID> (see 'cf-accounts profile get --help')\n"],
        [["completion"], "cf-accounts completion: missing <SHELL> (see 'cf-accounts completion --help')\n"]
      ]
      for (const [args, message] of cases) {
        const r = yield* runCli(args, TOKEN)
        assert.strictEqual(r.code, 2, args.join(" "))
        assert.strictEqual(r.stdout, "")
        assert.strictEqual(r.stderr, message)
      }
    }))

  it.effect("no credentials: each variable named once, and where to create a token", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["get", ID])
      assert.strictEqual(r.code, 2)
      assert.strictEqual(
        r.stderr,
        "cf-accounts get: no credentials: set CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL, or CLOUDFLARE_API_USER_SERVICE_KEY). Create an API token at https://dash.cloudflare.com/profile/api-tokens\n"
      )
      for (const variable of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_USER_SERVICE_KEY"]) {
        assert.strictEqual(r.stderr.split(variable).length - 1, 1, variable)
      }
    }))

  it.effect("a base URL without a scheme is echoed, with the https:// URL it may have meant", () =>
    Effect.gen(function* () {
      const expected = (name: string) =>
        `cf-accounts get: Configuration error (${name}): is not an absolute URL (got "api.cloudflare.com/client/v4": a base URL starts with https://); did you mean "https://api.cloudflare.com/client/v4"?\n`
      const flag = yield* runCli(["get", ID, "--base-url", "api.cloudflare.com/client/v4"], TOKEN)
      assert.strictEqual(flag.code, 2)
      assert.strictEqual(flag.stderr, expected("--base-url"))
      const variable = yield* runCli(["get", ID], { ...TOKEN, CLOUDFLARE_BASE_URL: "api.cloudflare.com/client/v4" })
      assert.strictEqual(variable.code, 2)
      assert.strictEqual(variable.stderr, expected("CLOUDFLARE_BASE_URL"))
      // --dry-run resolves the URL it prints by the same rule, and says the same.
      const dry = yield* runCli(["create", "--name", "x", "--dry-run", "--base-url", "api.cloudflare.com/client/v4"])
      assert.strictEqual(dry.code, 2)
      assert.include(dry.stderr, '(got "api.cloudflare.com/client/v4": a base URL starts with https://)')
    }))

  it.effect("--verbose shows no 'Fiber terminated' line for a fiber that failed (as a retried attempt's does)", () =>
    Effect.gen(function* () {
      const { err, layer } = capture()
      yield* Effect.gen(function* () {
        const done = yield* Deferred.make<void>()
        const fiber = yield* Effect.fork(Effect.ensuring(Effect.fail("attempt failed"), Deferred.succeed(done, undefined)))
        yield* Deferred.await(done)
        yield* Fiber.await(fiber)
        yield* Effect.logDebug("retrying")
      }).pipe(Runner.withStderrLogger(true), Effect.provide(layer))
      assert.deepStrictEqual(err, ["[debug] retrying\n"])
    }))

  it.effect("completion bash|zsh|fish prints the script (as --completions does); another shell exits 2", () =>
    Effect.gen(function* () {
      for (const shell of ["bash", "zsh", "fish"]) {
        const r = yield* runCli(["completion", shell])
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(r.stdout, (yield* runCli(["--completions", shell])).stdout)
        assert.include(r.stdout, `cf-accounts completion ${shell}`)
      }
      const bash = yield* runCli(["completion", "bash"])
      assert.include(bash.stdout, "complete -F _cf_accounts cf-accounts")
      const bad = yield* runCli(["completion", "tcsh"])
      assert.strictEqual(bad.code, 2)
      assert.strictEqual(bad.stderr, 'cf-accounts completion: Invalid SHELL: must be one of bash, zsh, fish (got "tcsh")\n')
    }))

  it.effect("help is built from the table: each command's summary and examples; an example never breaks between a flag and its value", () =>
    Effect.gen(function* () {
      const nodes = (node: CommandTable.Node): ReadonlyArray<CommandTable.Node> => [node, ...node.children.flatMap(nodes)]
      for (const node of nodes(table.root).filter((n) => n !== table.root)) {
        const r = yield* runCli([...node.path, "--help"])
        assert.isTrue(r.stdout.startsWith(`${node.summary.replace(/\.$/, "")}\n`), node.path.join(" "))
        const text = r.stdout.replace(/ \\\n +/g, " ")
        for (const example of node.examples) assert.include(text, `$ ${example}\n`)
        // A line is continued (` \\`) between flags or arguments, never between a flag and its value.
        const valued = node.flags.filter((flag) => flag.value !== undefined).flatMap(CommandTable.spellings)
        for (const [, last] of r.stdout.matchAll(/(\S+) \\\n/g)) assert.notInclude(valued, last, r.stdout)
      }
      const update = yield* runCli(["update", "--help"])
      assert.include(update.stdout, "\\\n     --enforce-twofactor true\n")
    }))

  it("nothing in src reads @effect/cli's internal objects", () => {
    const dir = new URL("../src/", import.meta.url)
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"))
    assert.isAbove(files.length, 10)
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), "utf8")
      assert.notMatch(text, /@effect\/cli\/internal|\.descriptor as |DescriptorShape|withConsole/, file)
    }
  })
})
