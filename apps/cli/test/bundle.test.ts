/**
 * Smoke tests of the BUILT bundle (dist/cf-accounts.js) as users run it: a
 * subprocess with its own exit code, stdout and stderr. Every other CLI test runs
 * the command tree in process (test/support/cli.ts).
 */
import { readFileSync } from "node:fs"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, json, lines, runBundle } from "./support/cli.js"

// A subprocess on a busy 2-core machine: a hang guard, not a speed check.
const SUBPROCESS = 60_000

layer(Emulator.layer({ seedAccounts: 7 }))("the bundle", (it) => {
  it.effect(
    "--version prints the package version on one line; --help the root help; exit 0",
    () =>
      Effect.gen(function* () {
        const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
        const version = yield* runBundle(["--version"])
        assert.strictEqual(version.code, 0)
        assert.strictEqual(version.stdout, `${pkg.version}\n`)
        const help = yield* runBundle(["--help"])
        assert.strictEqual(help.code, 0)
        assert.include(help.stdout, "$ cf-accounts <command> [flags]")
      }),
    SUBPROCESS
  )

  it.effect(
    "list against the emulator, global flags after the command's: exit 0, ndjson",
    () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runBundle(["list", "--per-page", "5", "-o", "ndjson", "--log-level", "none"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(lines(r).length, 5)
      }),
    SUBPROCESS
  )

  it.effect(
    "a mistyped command: exit 2, one line with a did-you-mean",
    () =>
      Effect.gen(function* () {
        const r = yield* runBundle(["lst"])
        assert.strictEqual(r.code, 2)
        assert.strictEqual(r.stdout, "")
        assert.match(r.stderr, /^cf-accounts: unknown command 'lst' \(did you mean 'list'\?\)[^\n]*\n$/)
      }),
    SUBPROCESS
  )

  it.effect(
    "an account that does not exist: exit 4",
    () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runBundle(["get", "0123456789abcdef0123456789abcdef"], envFor(emulator))
        assert.strictEqual(r.code, 4)
        assert.match(r.stderr, /^cf-accounts get: /)
      }),
    SUBPROCESS
  )

  it.effect(
    // A write through the bundle: update, not create, which waits a real second before its POST
    // (the subprocess runs on the real clock); create itself is tested in process.
    "update then get: the account round-trips as json",
    () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const id = emulator.state.accountIds()[0]!
        const updated = yield* runBundle(["update", id, "--name", "Bundle Co", "-o", "json"], envFor(emulator))
        assert.strictEqual(updated.code, 0, updated.stderr)
        assert.strictEqual((json(updated) as { id: string }).id, id)
        const got = yield* runBundle(["get", id, "-o", "json"], envFor(emulator))
        assert.strictEqual(got.code, 0, got.stderr)
        assert.strictEqual((json(got) as { name: string }).name, "Bundle Co")
      }),
    SUBPROCESS
  )

  it.effect(
    "the bash completion script from the bundle defines its function",
    () =>
      Effect.gen(function* () {
        const r = yield* runBundle(["--completions", "bash"])
        assert.strictEqual(r.code, 0)
        assert.include(r.stdout, "complete -F _cf_accounts cf-accounts")
      }),
    SUBPROCESS
  )
})
