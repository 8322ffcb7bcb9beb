/**
 * What the completion tests share: the generated script written to a file, and
 * the cases (the words typed so far, the last being completed) with the
 * candidates every shell must offer.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./cli.js"

const dir = mkdtempSync(join(tmpdir(), "cf-accounts-completions-"))

/**
 * The directory the shells complete in: a flag whose value is a path offers
 * these files; no other flag offers any.
 */
export const filesDir = mkdtempSync(join(tmpdir(), "cf-accounts-completion-files-"))
for (const name of ["policy.yaml", "plan.json", "notes.txt"]) writeFileSync(join(filesDir, name), "")

export const scriptFile = (shell: string) =>
  Effect.map(runCli(["completion", shell]), (r) => {
    assert.strictEqual(r.code, 0, r.stderr)
    const file = join(dir, `cf-accounts.${shell}`)
    writeFileSync(file, r.stdout)
    return { file, text: r.stdout }
  })

/** The words typed so far; the last is the one being completed ("" after a space). */
export const cases: ReadonlyArray<readonly [ReadonlyArray<string>, ReadonlyArray<string>]> = [
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
  [["help", "profile", ""], ["get", "set"]],
  [["help", "list", ""], []],
  // An argument with a few values completes them: completion SHELL.
  [["completion", ""], ["bash", "zsh", "fish"]],
  [["--comp"], ["--completions"]],
  [["--completions", ""], ["bash", "zsh", "fish"]],
  // A free value completes nothing (not file names).
  [["list", "--name", ""], []],
  [["update", "0123456789abcdef0123456789abcdef", "--abuse-contact-email", ""], []],
  // A path completes the files there (filesDir).
  [["audit", "-f", ""], ["notes.txt", "plan.json", "policy.yaml"]],
  [["plan", "--file", "pol"], ["policy.yaml"]],
  [["plan", "--out", "pl"], ["plan.json"]],
  [["apply", "--plan", "p"], ["plan.json", "policy.yaml"]],
  // A flag's value already given is skipped: still list's flags, root-only ones left out.
  [
    ["list", "-o", "json", "--"],
    ["--output", "--base-url", "--verbose", "--name", "--direction", "--page", "--per-page", "--all", "--allow-partial", "--single-pass", "--log-level", "--help"]
  ],
  // The policy commands' own flags.
  [
    ["plan", "--"],
    ["--output", "--base-url", "--verbose", "--file", "--declared-only", "--out", "--log-level", "--help"]
  ],
  [["apply", "--pl"], ["--plan"]],
  [["apply", "--y"], ["--yes"]],
  [["plan", "-o", ""], ["table", "json", "ndjson"]],
  // A value that is also a command's name is a value, not the command.
  [["profile", "-o", "get", ""], ["get", "set"]],
  // A nested command's own flags.
  [
    ["profile", "set", "--"],
    ["--output", "--base-url", "--verbose", "--business-name", "--business-email", "--business-phone", "--business-address", "--external-metadata", "--dry-run", "--log-level", "--help"]
  ]
]

/**
 * `--flag=value` typed as one word (the last), and the values offered after the
 * "=": shells that complete the whole word show them as `--flag=value`.
 */
export const inlineCases: ReadonlyArray<readonly [ReadonlyArray<string>, ReadonlyArray<string>]> = [
  [["list", "--output="], ["table", "json", "ndjson"]],
  [["list", "--output=j"], ["json"]],
  [["list", "--direction=d"], ["desc"]],
  [["apply", "--plan=pl"], ["plan.json"]],
  [["list", "--name="], []],
  // A switch takes no value: nothing, rather than flags after the "=".
  [["list", "--all="], []]
]

/** The value part of `--flag=value` candidates. */
export const afterEquals = (words: ReadonlyArray<string>) => words.map((word) => word.slice(word.indexOf("=") + 1))

export const sorted = (words: ReadonlyArray<string>) => [...words].sort()

export const shellQuote = (word: string) => `'${word.replace(/'/g, "'\\''")}'`

