/**
 * The bash completion script, run in bash with COMP_WORDS, COMP_CWORD and
 * COMPREPLY. zsh and fish run the same cases in test/shells (`pnpm test:shells`,
 * which needs both shells installed; .ci/run installs them).
 */
import { execFileSync } from "node:child_process"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"
import { cases, scriptFile, shellQuote, sorted } from "./support/completions.js"

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

  it.effect("an unknown shell: exit 2 naming the shells", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["--completions", "tcsh"])
      assert.strictEqual(r.code, 2)
      assert.strictEqual(r.stdout, "")
      assert.include(r.stderr, "Invalid --completions: must be one of bash, zsh, fish")
    }))
})
