/**
 * The listing faults, as raw responses: each makes `GET /accounts` answer what a
 * listing that is not a consistent snapshot looks like, and only where it says.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EmulatorService } from "../src/Emulator.js"
import { type FaultConfig, kinds, parseFaultConfig } from "../src/FaultConfig.js"
import { call, withEmulator } from "./support.js"

const setFaults = (emulator: EmulatorService, config: FaultConfig) =>
  call(emulator, "PUT", "/__emulator/faults", { body: config, anonymous: true })

interface Listed {
  readonly ids: ReadonlyArray<string>
  readonly info: Record<string, number> | undefined
}

const page = (emulator: EmulatorService, n: number, query = "per_page=50") =>
  Effect.map(call(emulator, "GET", `/accounts?${query}&page=${n}`), (reply): Listed => {
    assert.strictEqual(reply.status, 200)
    return { ids: reply.json.result.map((a: { id: string }) => a.id), info: reply.json.result_info }
  })

const faulted = (emulator: EmulatorService) => emulator.faults.stats().routes["GET /accounts"]?.faults ?? 0

describe("listing faults", () => {
  it.effect("lie_total: total_count is the configured number, the pages are the truth", () =>
    withEmulator({ seedAccounts: 200, faults: { rules: [{ kind: "lie_total", total: 60 }] } }, (emulator) =>
      Effect.gen(function* () {
        const second = yield* page(emulator, 2)
        assert.deepStrictEqual(second.info, { page: 2, per_page: 50, total_pages: 2, count: 50, total_count: 60 })
        assert.deepStrictEqual(second.ids, emulator.state.accountIds().slice(50, 100))
      })
    )
  )

  it.effect("empty_page: only page K answers no accounts, and times limits it", () =>
    withEmulator({ seedAccounts: 200, faults: { rules: [{ kind: "empty_page", page: 3, times: 1 }] } }, (emulator) =>
      Effect.gen(function* () {
        const before = yield* page(emulator, 2)
        assert.strictEqual(before.ids.length, 50)
        const empty = yield* page(emulator, 3)
        assert.deepStrictEqual(empty.info, { page: 3, per_page: 50, total_pages: 4, count: 0, total_count: 200 })
        assert.deepStrictEqual((yield* page(emulator, 3)).ids, emulator.state.accountIds().slice(100, 150))
        assert.strictEqual(faulted(emulator), 1)
      })
    )
  )

  it.effect("page_size: from page K on, pages are cut (and reported) at perPage", () =>
    withEmulator({ seedAccounts: 200, faults: { rules: [{ kind: "page_size", page: 3, perPage: 20 }] } }, (emulator) =>
      Effect.gen(function* () {
        assert.strictEqual((yield* page(emulator, 2)).ids.length, 50)
        const third = yield* page(emulator, 3)
        assert.deepStrictEqual(third.info, { page: 3, per_page: 20, total_pages: 10, count: 20, total_count: 200 })
        assert.deepStrictEqual(third.ids, emulator.state.accountIds().slice(40, 60))
      })
    )
  )

  it.effect("mutate: deletes the oldest and creates new accounts when page K is asked for, then answers", () =>
    withEmulator(
      { seedAccounts: 200, faults: { rules: [{ kind: "mutate", page: 2, delete: 10, create: 3, times: 1 }] } },
      (emulator) =>
        Effect.gen(function* () {
          const original = emulator.state.accountIds()
          yield* page(emulator, 1)
          assert.strictEqual(emulator.state.accountIds().length, 200)
          const second = yield* page(emulator, 2)
          const now = emulator.state.accountIds()
          assert.strictEqual(second.info?.total_count, 193)
          assert.deepStrictEqual(now.slice(0, 190), original.slice(10))
          assert.deepStrictEqual(second.ids, now.slice(50, 100))
          yield* page(emulator, 2)
          assert.strictEqual(emulator.state.accountIds().length, 193, "times: 1 mutates once")
        })
    )
  )

  it.effect("older_page: page N answers page N-2 (or N-back), reported as that page; earlier pages are untouched", () =>
    withEmulator({ seedAccounts: 200, faults: { rules: [{ kind: "older_page" }] } }, (emulator) =>
      Effect.gen(function* () {
        const ids = emulator.state.accountIds()
        assert.deepStrictEqual((yield* page(emulator, 2)).ids, ids.slice(50, 100))
        const fourth = yield* page(emulator, 4)
        assert.strictEqual(fourth.info?.page, 2)
        assert.deepStrictEqual(fourth.ids, ids.slice(50, 100))
        yield* setFaults(emulator, { rules: [{ kind: "older_page", back: 1 }] })
        assert.deepStrictEqual((yield* page(emulator, 4)).ids, ids.slice(100, 150))
      })
    )
  )

  it.effect("no_total_count and no_result_info leave out what they name", () =>
    withEmulator({ seedAccounts: 200, faults: { rules: [{ kind: "no_total_count", times: 1 }, { kind: "no_result_info" }] } }, (emulator) =>
      Effect.gen(function* () {
        const first = yield* page(emulator, 1)
        assert.deepStrictEqual(first.info, { page: 1, per_page: 50, count: 50 })
        const second = yield* page(emulator, 2)
        assert.isUndefined(second.info)
        assert.deepStrictEqual(second.ids, emulator.state.accountIds().slice(50, 100))
      })
    )
  )

  it.effect("listing faults consider only GET /accounts", () =>
    withEmulator({ seedAccounts: 3, faults: { rules: [{ kind: "no_result_info" }] } }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        assert.strictEqual((yield* call(emulator, "GET", `/accounts/${id}`)).status, 200)
        assert.strictEqual(faulted(emulator), 0)
      })
    )
  )

  it("the new kinds are listed and validated", () => {
    for (const kind of ["lie_total", "empty_page", "page_size", "mutate", "older_page", "no_total_count", "no_result_info"]) {
      assert.include(kinds, kind)
    }
    const bad = parseFaultConfig(JSON.stringify({ rules: [{ kind: "empty_page", page: 0 }] }))
    assert.deepStrictEqual(bad, Either.left("invalid fault config: rules.0.page must be a whole number of at least 1"))
  })
})
