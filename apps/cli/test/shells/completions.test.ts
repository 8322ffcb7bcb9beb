/**
 * The zsh and fish completion scripts, run in the real shells on the same cases
 * as bash: zsh with `words` and `CURRENT` (compadd and _describe stand in for
 * the completion system), fish with `complete -C`. Run by `pnpm test:shells`,
 * apart from `pnpm test`, because both shells must be installed; .ci/run
 * installs them where they are missing.
 */
import { execFileSync } from "node:child_process"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { afterEquals, cases, filesDir, inlineCases, scriptFile, shellQuote, sorted } from "../support/completions.js"

describe("completions in zsh and fish", () => {
  it.effect("zsh: the same candidates, with descriptions", () =>
    Effect.gen(function* () {
      const { file } = yield* scriptFile("zsh")
      // compadd and _describe print the candidates they were given; _describe's
      // prefix matching is zsh's, so only candidates that start with the word count.
      // compset stands for zsh's: it moves `--flag=` out of the word being matched.
      // _cf_accounts returns 1 when it offers nothing (zsh's "no matches").
      // _files stands for zsh's: it offers the files of the directory the shell is in.
      const stubs = `compset() { [[ $words[CURRENT] == *=* ]] }; compadd() { shift; print -rl -- "\${(@P)1}" }; _describe() { print -rl -- "\${(@P)4}" }; _files() { print -rl -- *(N) }`
      for (const [typed, expected] of [...cases, ...inlineCases]) {
        const words = ["cf-accounts", ...typed].map(shellQuote).join(" ")
        const out = execFileSync(
          "zsh",
          ["-f", "-c", `source ${shellQuote(file)}; ${stubs}; words=(${words}); CURRENT=${typed.length + 1}; _cf_accounts || true`],
          { encoding: "utf8", cwd: filesDir }
        )
        const last = typed.at(-1) ?? ""
        // After `--flag=` only the value is matched (compset moved the rest out).
        const current = last.startsWith("--") && last.includes("=") ? last.slice(last.indexOf("=") + 1) : last
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
      for (const [typed, expected, inline] of [
        ...cases.map(([t, e]) => [t, e, false] as const),
        ...inlineCases.map(([t, e]) => [t, e, true] as const)
      ]) {
        const line = ["cf-accounts", ...typed].join(" ")
        const out = execFileSync("fish", ["--no-config", "-c", `source ${shellQuote(file)}; complete -C ${shellQuote(line)}`], {
          encoding: "utf8",
          cwd: filesDir
        })
        const names = out
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => l.split("\t")[0] ?? "")
        // fish completes the whole `--flag=value` word.
        assert.deepStrictEqual(sorted(inline ? afterEquals(names) : names), sorted(expected), line)
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

})
