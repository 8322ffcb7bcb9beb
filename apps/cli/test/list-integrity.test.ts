/**
 * `list --all` against listings that are not a consistent snapshot (the emulator's
 * listing faults): exit 6 with the reason on stderr, nothing printed by default,
 * the rows as they came with --allow-partial; a listing that recovers on a
 * restart prints every account once and exits 0.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, runCli, withFaults } from "./support/cli.js"

const ALL = ["list", "--all", "--per-page", "50", "-o", "ndjson"]

const ids = (stdout: string): Array<string> =>
  stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (JSON.parse(line) as { id: string }).id)

layer(Emulator.layer({ seedAccounts: 200 }))("list --all integrity", (it) => {
  it.effect("a clean listing exits 0 and prints every account once", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* runCli(ALL, envFor(emulator))
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(ids(r.stdout), [...emulator.state.accountIds()])
      assert.strictEqual(r.stderr, "")
    }))

  it.effect("a total_count below the truth: exit 6, the reason on stderr, nothing on stdout", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* withFaults(emulator.origin, [{ kind: "lie_total", total: 60 }], runCli(ALL, envFor(emulator)))
      assert.strictEqual(r.code, 6, r.stderr)
      assert.strictEqual(r.stdout, "")
      assert.match(
        r.stderr,
        /^cf-accounts list: GET \/accounts listing incomplete after 4 passes \(\d+ pages, 50 unique accounts, total_count 60\): page 2 has 50 accounts, past total_count 60\. Try again later$/m
      )
      assert.strictEqual(r.stderr.trimEnd().split("\n").at(-1)?.startsWith("cf-accounts list: "), true)
    }))

  it.effect("a total_count too small by whole pages (100): exit 6, caught by the page after the last", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* withFaults(emulator.origin, [{ kind: "lie_total", total: 100 }], runCli(ALL, envFor(emulator)))
      assert.strictEqual(r.code, 6, r.stderr)
      assert.strictEqual(r.stdout, "")
      assert.match(r.stderr, /cf-accounts list: .*: page 3 has 50 accounts, past total_count 100\. Try again later$/m)
    }))

  it.effect("--allow-partial prints the rows as they arrive, each once, and still exits 6", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* withFaults(
        emulator.origin,
        [{ kind: "page_size", page: 3, perPage: 20 }],
        runCli([...ALL, "--allow-partial"], envFor(emulator))
      )
      assert.strictEqual(r.code, 6, r.stderr)
      assert.deepStrictEqual(ids(r.stdout), emulator.state.accountIds().slice(0, 100))
      assert.match(r.stderr, /cf-accounts list: .*page 3 has per_page 20, not the 50 asked for\. Try again later$/m)
    }))

  it.effect("an empty page in the middle, once: the listing restarts and prints every account once (exit 0)", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* withFaults(
        emulator.origin,
        [{ kind: "empty_page", page: 3, times: 1 }],
        runCli(ALL, envFor(emulator))
      )
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(ids(r.stdout), [...emulator.state.accountIds()])
    }))

  it.effect("10 accounts created while listing in descending order: each account once, the oldest included", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* withFaults(
        emulator.origin,
        [{ kind: "mutate", page: 2, create: 10, times: 1 }],
        runCli([...ALL, "--direction", "desc"], envFor(emulator))
      )
      assert.strictEqual(r.code, 0, r.stderr)
      const listed = ids(r.stdout)
      assert.strictEqual(new Set(listed).size, listed.length, "an account printed twice")
      assert.deepStrictEqual([...listed].sort(), [...emulator.state.accountIds()].sort())
      assert.strictEqual(listed.length, 210)
    }))

  it.effect("one account deleted and one created while listing (asc): every account that existed throughout, each once", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const before = [...emulator.state.accountIds()]
      const r = yield* withFaults(
        emulator.origin,
        [{ kind: "mutate", page: 2, delete: 1, create: 1, times: 1 }],
        runCli([...ALL, "--direction", "asc"], envFor(emulator))
      )
      assert.strictEqual(r.code, 0, r.stderr)
      const listed = ids(r.stdout)
      const after = new Set(emulator.state.accountIds())
      assert.strictEqual(new Set(listed).size, listed.length, "an account printed twice")
      for (const id of before.filter((id) => after.has(id))) assert.include(listed, id, "an account that existed throughout is missing")
      for (const id of after) assert.include(listed, id)
    }))

  it.effect("--single-pass reads the listing once; --single-pass without --all is a usage error", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* runCli([...ALL, "--single-pass"], envFor(emulator))
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(ids(r.stdout), [...emulator.state.accountIds()])
      const usage = yield* runCli(["list", "--single-pass"], envFor(emulator))
      assert.strictEqual(usage.code, 2)
      assert.match(usage.stderr, /--single-pass applies only with --all/)
    }))
})
