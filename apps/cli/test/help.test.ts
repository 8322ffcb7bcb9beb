/**
 * --help on every command (with an example), the exit codes in the root help,
 * --version, and shell completions.
 */
import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as HelpText from "../src/HelpText.js"
import { runCli } from "./support/cli.js"

const commands = [
  ["list"],
  ["get"],
  ["create"],
  ["update"],
  ["delete"],
  ["move"],
  ["batch-move"],
  ["organizations"],
  ["profile"],
  ["profile", "get"],
  ["profile", "set"]
]

describe("help", () => {
  describe.concurrent("every command", () => {
    for (const command of commands) {
      it.effect(`${command.join(" ")} --help shows an example`, () =>
        Effect.gen(function* () {
          const r = yield* runCli([...command, "--help"])
          assert.strictEqual(r.code, 0, r.stderr)
          assert.include(r.stdout, `Example: cf-accounts ${command.join(" ")}`)
          // stdout is not a terminal: no colour sequences.
          assert.notInclude(r.stdout, "\u001b")
        }))
    }
  })

  it.effect("the root help lists every command and the exit codes", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["--help"])
      assert.strictEqual(r.code, 0)
      const text = r.stdout
      assert.notInclude(text, "\u001b")
      for (const [command] of commands) assert.include(text, `- ${command}`)
      for (const code of ["0  success", "2  invalid usage", "3  authentication", "4  not found", "5  rate limited", "6  listing incomplete", "1  any other"]) {
        assert.include(text, code)
      }
      assert.include(text, "CLOUDFLARE_API_TOKEN")
    }))

  it.effect("'help' and 'help list' print the help, exit 0; list's --name says the API matches part of the name", () =>
    Effect.gen(function* () {
      const root = yield* runCli(["help"])
      assert.strictEqual(root.code, 0, root.stderr)
      assert.include(root.stdout, "- batch-move")
      const list = yield* runCli(["help", "list"])
      assert.strictEqual(list.code, 0, list.stderr)
      assert.include(list.stdout, "Example: cf-accounts list")
      assert.include(list.stdout, "Only accounts whose name contains this text")
    }))

  it("colours are kept only on a terminal without NO_COLOR", () => {
    assert.isFalse(HelpText.plain(true, undefined))
    assert.isFalse(HelpText.plain(true, ""))
    assert.isTrue(HelpText.plain(true, "1"))
    assert.isTrue(HelpText.plain(false, undefined))
  })

  it.effect("help without NO_COLOR, piped, has no colours either", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["get", "--help"], { NO_COLOR: "" })
      assert.strictEqual(r.code, 0)
      assert.include(r.stdout, "Example: cf-accounts get")
      assert.notInclude(r.stdout, "\u001b")
    }))

  it.effect("--version prints the package version", () =>
    Effect.gen(function* () {
      const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
      const r = yield* runCli(["--version"])
      assert.strictEqual(r.code, 0)
      assert.strictEqual(r.stdout.trim(), pkg.version)
    }))

  it.effect("shell completions for bash, zsh and fish", () =>
    Effect.gen(function* () {
      for (const shell of ["bash", "zsh", "fish"]) {
        const r = yield* runCli(["--completions", shell])
        assert.strictEqual(r.code, 0)
        assert.include(r.stdout, "batch-move")
      }
    }))
})
