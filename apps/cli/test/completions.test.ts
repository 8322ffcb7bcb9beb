/**
 * The bash completion script, run in bash with COMP_WORDS, COMP_CWORD and
 * COMPREPLY. zsh and fish run the same cases in test/shells (`pnpm test:shells`,
 * which needs both shells installed; .ci/run installs them).
 */
import { execFileSync } from "node:child_process"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"
import { afterEquals, cases, filesDir, inlineCases, scriptFile, shellQuote, sorted } from "./support/completions.js"

/** COMPREPLY for `typed` (the words after the executable, the last being completed), in bash with `set -u`. */
const bashComplete = (file: string, typed: ReadonlyArray<string>): ReadonlyArray<string> => {
  const words = ["cf-accounts", ...typed].map(shellQuote).join(" ")
  // `set -u`, as some people keep in their interactive shell: no unset variable may be read.
  const out = execFileSync(
    "bash",
    ["--norc", "-c", `set -u; source ${shellQuote(file)}; COMP_WORDS=(${words}); COMP_CWORD=${typed.length}; _cf_accounts; printf '%s\\n' "\${COMPREPLY[@]}"`],
    { encoding: "utf8", cwd: filesDir }
  )
  return out.split("\n").filter((w) => w !== "")
}

// bash runs once per case: subprocesses on a busy 2-core machine, so a hang guard, not a speed check.
const SUBPROCESS = 60_000

describe("completions", () => {
  it.effect("bash: COMPREPLY for commands, flags and flag values", () =>
    Effect.gen(function* () {
      const { file } = yield* scriptFile("bash")
      for (const [typed, expected] of cases) {
        assert.deepStrictEqual(sorted(bashComplete(file, typed)), sorted(expected), typed.join(" "))
      }
      // Every command completes after the executable.
      const all = execFileSync(
        "bash",
        ["--norc", "-c", `source ${shellQuote(file)}; COMP_WORDS=(cf-accounts ''); COMP_CWORD=1; _cf_accounts; echo "\${COMPREPLY[*]}"`],
        { encoding: "utf8" }
      )
      assert.strictEqual(all.trim(), "list get create update delete move batch-move organizations profile audit plan apply completion help")
      const registered = execFileSync("bash", ["--norc", "-c", `source ${shellQuote(file)}; complete -p cf-accounts`], {
        encoding: "utf8"
      })
      assert.include(registered, "-F _cf_accounts cf-accounts")
    }), SUBPROCESS)

  it.effect("bash: --flag=value, split at '=' (COMP_WORDBREAKS has it by default) or one word", () =>
    Effect.gen(function* () {
      const { file } = yield* scriptFile("bash")
      for (const [typed, expected] of inlineCases) {
        const last = typed.at(-1) ?? ""
        const flag = last.slice(0, last.indexOf("="))
        const value = last.slice(last.indexOf("=") + 1)
        const before = typed.slice(0, -1)
        // As bash splits it: `--output` `=` with the cursor on "=", or `--output` `=` `j`.
        const split = value === "" ? [...before, flag, "="] : [...before, flag, "=", value]
        assert.deepStrictEqual(sorted(bashComplete(file, split)), sorted(expected), split.join(" "))
        // One word: the whole word is replaced, so each candidate keeps its `--flag=`.
        const whole = bashComplete(file, typed)
        for (const word of whole) assert.isTrue(word.startsWith(`${flag}=`), word)
        assert.deepStrictEqual(sorted(afterEquals(whole)), sorted(expected), typed.join(" "))
      }
    }), SUBPROCESS)

  it.effect("an unknown shell: exit 2 naming the shells", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["--completions", "tcsh"])
      assert.strictEqual(r.code, 2)
      assert.strictEqual(r.stdout, "")
      assert.include(r.stderr, "Invalid --completions: must be one of bash, zsh, fish")
    }))
})
