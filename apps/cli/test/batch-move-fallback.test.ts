/**
 * End to end: `batch-move` against an emulator whose batch endpoint is not
 * implemented (it falls back to single moves), and `--one-by-one` against a normal
 * one. Checks every account's outcome in json, table and ndjson, where the emulator
 * says each account now lives, and the requests it saw.
 */
import { Emulator, type EmulatorService } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, json, lines, requestsByRoute, resetStats, runCli } from "./support/cli.js"

const BATCH = "POST /accounts/move"
const SINGLE = "POST /accounts/{account_id}/move"

/** Three seeded accounts that are not in `destination` yet, and that organization. */
const pick = (emulator: EmulatorService, index: number) => {
  const destination = emulator.state.organizations[index]!
  const ids = emulator.state
    .accountIds()
    .filter((id) => emulator.state.account(id)?.orgId !== destination.id)
    .slice(0, 3)
  assert.strictEqual(ids.length, 3)
  return { destination, ids }
}

/** Where the emulator says each account lives: its `managed_by` and the leaf of its organizations. */
const placement = (emulator: EmulatorService, ids: ReadonlyArray<string>) =>
  ids.map((id) => {
    const record = emulator.state.account(id)!
    return {
      managed_by: emulator.state.toAccount(record).managed_by?.parent_org_id,
      leaf: emulator.state.chain(record.orgId).at(-1)?.id
    }
  })

const everywhere = (ids: ReadonlyArray<string>, orgId: string) => ids.map(() => ({ managed_by: orgId, leaf: orgId }))

layer(Emulator.layer({ seed: 4, seedAccounts: 10, batchMove: "not_implemented" }))("batch endpoint not implemented", (it) => {
  describe("batch-move falls back to single moves", () => {
    it.effect("json: one batch attempt, then one single move per account; every account moved", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const { destination, ids } = pick(emulator, 3)
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["batch-move", "--to", destination.id, ...ids, "-o", "json"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.match(
          r.stderr,
          /^cf-accounts batch-move: the batch endpoint is not available \(POST \/accounts\/move answered 501: Not implemented \(code 10501\) \[cf-ray [0-9a-f]{16}-EMU\]\); moving each account with the single-move endpoint\n$/
        )
        const outcomes = json(r) as Array<{ account_id: string; moved: boolean }>
        assert.deepStrictEqual(
          outcomes.map((o) => [o.account_id, o.moved]).sort(),
          ids.map((id) => [id, true]).sort()
        )
        assert.deepStrictEqual(placement(emulator, ids), everywhere(ids, destination.id))
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [BATCH]: 1, [SINGLE]: ids.length })
      }))

    it.effect("table and ndjson: a row or a line per account", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const { destination, ids } = pick(emulator, 1)
        yield* resetStats(emulator.origin)
        const t = yield* runCli(["batch-move", "--to", destination.id, ...ids, "-o", "table"], env)
        assert.strictEqual(t.code, 0, t.stderr)
        const rows = t.stdout.trimEnd().split("\n")
        assert.match(rows[0] ?? "", /^ACCOUNT_ID\s+MOVED\s+MESSAGE$/)
        assert.deepStrictEqual(
          rows.slice(1).map((row) => row.split(/\s+/).slice(0, 2)).sort(),
          ids.map((id) => [id, "yes"]).sort()
        )
        assert.deepStrictEqual(placement(emulator, ids), everywhere(ids, destination.id))
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [BATCH]: 1, [SINGLE]: ids.length })

        const back = pick(emulator, 2)
        yield* resetStats(emulator.origin)
        const nd = yield* runCli(["batch-move", "--to", back.destination.id, ...back.ids, "-o", "ndjson"], env)
        assert.strictEqual(nd.code, 0, nd.stderr)
        assert.deepStrictEqual(
          (lines(nd) as Array<{ account_id: string; moved: boolean }>).map((o) => [o.account_id, o.moved]).sort(),
          back.ids.map((id) => [id, true]).sort()
        )
        assert.deepStrictEqual(placement(emulator, back.ids), everywhere(back.ids, back.destination.id))
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [BATCH]: 1, [SINGLE]: back.ids.length })
      }))

    it.effect("an account that fails its single move is reported, and sets the exit code", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const { destination, ids } = pick(emulator, 1)
        const missing = "00000000000000000000000000000000"
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["batch-move", "--to", destination.id, ids[0]!, missing, "-o", "json"], envFor(emulator))
        assert.strictEqual(r.code, 4, r.stderr)
        const byId = new Map((json(r) as Array<{ account_id: string; moved: boolean; message?: string }>).map((o) => [o.account_id, o]))
        assert.strictEqual(byId.get(ids[0]!)?.moved, true)
        assert.strictEqual(byId.get(missing)?.moved, false)
        assert.match(byId.get(missing)?.message ?? "", /404/)
        assert.match(r.stderr, /^cf-accounts batch-move: 1 of 2 failed/m)
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [BATCH]: 1, [SINGLE]: 2 })
      }))
  })
})

layer(Emulator.layer({ seed: 4, seedAccounts: 10 }))("batch endpoint implemented", (it) => {
  it.effect("--one-by-one never calls the batch endpoint; json and table report every account", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const { destination, ids } = pick(emulator, 3)
      yield* resetStats(emulator.origin)
      const r = yield* runCli(["batch-move", "--one-by-one", "--to", destination.id, ...ids, "-o", "json"], env)
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual(r.stderr, "")
      assert.deepStrictEqual(
        (json(r) as Array<{ account_id: string; moved: boolean }>).map((o) => [o.account_id, o.moved]).sort(),
        ids.map((id) => [id, true]).sort()
      )
      assert.deepStrictEqual(placement(emulator, ids), everywhere(ids, destination.id))
      assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [SINGLE]: ids.length })

      const back = pick(emulator, 1)
      yield* resetStats(emulator.origin)
      const t = yield* runCli(["batch-move", "--one-by-one", "--concurrency", "1", "--to", back.destination.id, ...back.ids, "-o", "table"], env)
      assert.strictEqual(t.code, 0, t.stderr)
      assert.deepStrictEqual(
        t.stdout.trimEnd().split("\n").slice(1).map((row) => row.split(/\s+/).slice(0, 2)),
        back.ids.map((id) => [id, "yes"])
      )
      assert.deepStrictEqual(placement(emulator, back.ids), everywhere(back.ids, back.destination.id))
      assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [SINGLE]: back.ids.length })
    }))

  describe("batch-move without --one-by-one", () => {
    it.effect("a destination that does not exist is reported as such: no fallback to single moves", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const { ids } = pick(emulator, 2)
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["batch-move", "--to", "f".repeat(32), ...ids, "-o", "json"], envFor(emulator))
        assert.strictEqual(r.code, 4)
        assert.strictEqual(r.stdout, "")
        assert.match(r.stderr, /^cf-accounts batch-move: POST \/accounts\/move failed with 404 Not Found: Organization not found \(code 1004\)[^\n]*\n$/)
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [BATCH]: 1 })
      }))


    it.effect("an account that does not exist exits 4, the same as with --one-by-one", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const { destination, ids } = pick(emulator, 1)
        const missing = "00000000000000000000000000000000"
        for (const extra of [[], ["--one-by-one"]]) {
          const r = yield* runCli(["batch-move", ...extra, "--to", destination.id, ids[0]!, missing, "-o", "json"], envFor(emulator))
          assert.strictEqual(r.code, 4, `${extra.join(" ")}: ${r.stderr}`)
          const byId = new Map((json(r) as Array<{ account_id: string; moved: boolean }>).map((o) => [o.account_id, o.moved]))
          assert.deepStrictEqual([byId.get(ids[0]!), byId.get(missing)], [true, false])
        }
      }))

    it.effect("uses the batch endpoint only", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const { destination, ids } = pick(emulator, 2)
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["batch-move", "--to", destination.id, ...ids, "-o", "ndjson"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(lines(r).length, ids.length)
        assert.deepStrictEqual(placement(emulator, ids), everywhere(ids, destination.id))
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { [BATCH]: 1 })
      }))
  })
})
