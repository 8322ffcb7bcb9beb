/**
 * The completion scripts, run in the real shells: bash with COMP_WORDS,
 * COMP_CWORD and COMPREPLY; zsh with `words` and `CURRENT` (compadd and
 * _describe stand in for the completion system); fish with `complete -C`.
 * .ci/run installs zsh and fish where they are missing.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"

const dir = mkdtempSync(join(tmpdir(), "cf-accounts-completions-"))

const scriptFile = (shell: string) =>
  Effect.map(runCli(["--completions", shell]), (r) => {
    assert.strictEqual(r.code, 0, r.stderr)
    const file = join(dir, `cf-accounts.${shell}`)
    writeFileSync(file, r.stdout)
    return { file, text: r.stdout }
  })

/** The words typed so far; the last is the one being completed ("" after a space). */
const cases: ReadonlyArray<readonly [ReadonlyArray<string>, ReadonlyArray<string>]> = [
  [["li"], ["list"]],
  [["list", "--per"], ["--per-page"]],
  [["list", "-o", ""], ["table", "json", "ndjson"]],
  [["get", "--output", ""], ["table", "json", "ndjson"]],
  [["list", "--direction", ""], ["asc", "desc"]],
  [["create", "--type", ""], ["standard", "enterprise"]],
  [["update", "0123456789abcdef0123456789abcdef", "--enforce-twofactor", ""], ["true", "false"]],
  [["list", "--log-level", "w"], ["warning"]],
  [["profile", ""], ["get", "set"]],
  [["profile", "set", "--business-e"], ["--business-email"]],
  [["batch-move", "--to", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "--one"], ["--one-by-one"]],
  [["help", "pro"], ["profile"]],
  [["--comp"], ["--completions"]],
  [["--completions", ""], ["bash", "zsh", "fish"]],
  // A free value completes nothing (not file names).
  [["list", "--name", ""], []]
]

const sorted = (words: ReadonlyArray<string>) => [...words].sort()

const shellQuote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`

describe("completions", () => {
  it.effect("bash: COMPREPLY for commands, flags and flag values", () =>
    Effect.gen(function* () {
      const { file } = yield* scriptFile("bash")
      for (const [typed, expected] of cases) {
        const words = ["cf-accounts", ...typed].map(shellQuote).join(" ")
        const out = execFileSync(
          "bash",
          ["--norc", "-c", `source ${shellQuote(file)}; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _cf_accounts; printf '%s\\n' "\${COMPREPLY[@]}"`],
          { encoding: "utf8" }
        )
        assert.deepStrictEqual(sorted(out.split("\n").filter((w) => w !== "")), sorted(expected), typed.join(" "))
      }
      // Every command completes after the executable.
      const all = execFileSync(
        "bash",
        ["--norc", "-c", `source ${shellQuote(file)}; COMP_WORDS=(cf-accounts ''); COMP_CWORD=1; _cf_accounts; echo "\${COMPREPLY[*]}"`],
        { encoding: "utf8" }
      )
      assert.strictEqual(all.trim(), "list get create update delete move batch-move organizations profile help")
      const registered = execFileSync("bash", ["--norc", "-c", `source ${shellQuote(file)}; complete -p cf-accounts`], {
        encoding: "utf8"
      })
      assert.include(registered, "-F _cf_accounts cf-accounts")
    }))

  it.effect("zsh: the same candidates, with descriptions", () =>
    Effect.gen(function* () {
      const { file } = yield* scriptFile("zsh")
      // compadd and _describe print the candidates they were given; _describe's
      // prefix matching is zsh's, so only candidates that start with the word count.
      const stubs = `compadd() { shift; print -rl -- "\${(@P)1}" }; _describe() { print -rl -- "\${(@P)4}" }`
      for (const [typed, expected] of cases) {
        const words = ["cf-accounts", ...typed].map(shellQuote).join(" ")
        const out = execFileSync(
          "zsh",
          ["-f", "-c", `source ${shellQuote(file)}; ${stubs}; words=(${words}); CURRENT=${typed.length + 1}; _cf_accounts`],
          { encoding: "utf8" }
        )
        const current = typed.at(-1) ?? ""
        const names = out
          .split("\n")
          .filter((line) => line !== "")
          .map((line) => line.replace(/(?<!\\):.*$/, ""))
          .filter((name) => name.startsWith(current))
        assert.deepStrictEqual(sorted(names), sorted(expected), typed.join(" "))
      }
      const described = execFileSync(
        "zsh",
        ["-f", "-c", `source ${shellQuote(file)}; ${stubs}; words=(cf-accounts ''); CURRENT=2; _cf_accounts`],
        { encoding: "utf8" }
      )
      assert.include(described, "profile:Show or replace an account's business profile")
    }))

  it.effect("fish: the same candidates; every description is one line", () =>
    Effect.gen(function* () {
      const { file, text } = yield* scriptFile("fish")
      for (const [typed, expected] of cases) {
        const line = ["cf-accounts", ...typed].join(" ")
        const out = execFileSync("fish", ["--no-config", "-c", `source ${shellQuote(file)}; complete -C ${shellQuote(line)}`], {
          encoding: "utf8"
        })
        const names = out
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => l.split("\t")[0] ?? "")
        assert.deepStrictEqual(sorted(names), sorted(expected), line)
      }
      for (const entry of text.split("\n").filter((l) => l.startsWith("complete ") && l !== "complete -c cf-accounts -f")) {
        assert.match(entry, /^complete -c cf-accounts .*-d '(?:[^'\\\n]|\\.)*'$/, entry)
      }
      const described = execFileSync(
        "fish",
        ["--no-config", "-c", `source ${shellQuote(file)}; complete -C 'cf-accounts list --per-'`],
        { encoding: "utf8" }
      )
      assert.strictEqual(described, "--per-page\tAccounts per page, 5 to 50 (default 20)\n")
    }))

  it.effect("an unknown shell: exit 2 naming the shells", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["--completions", "tcsh"])
      assert.strictEqual(r.code, 2)
      assert.strictEqual(r.stdout, "")
      assert.include(r.stderr, "Invalid --completions: must be one of bash, zsh, fish")
    }))
})
