import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EmulatorService } from "../src/Emulator.js"
import type { FaultConfig } from "../src/FaultConfig.js"
import { call, withEmulator } from "./support.js"

const elapsed = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const start = performance.now()
    const result = yield* effect
    return [result, performance.now() - start] as const
  })

const setFaults = (emulator: EmulatorService, config: FaultConfig) =>
  call(emulator, "PUT", "/__emulator/faults", { body: config, anonymous: true })

describe("faults", () => {
  it.effect("status: answers the configured 5xx with a JSON error envelope", () =>
    withEmulator({ seedAccounts: 1, faults: { rules: [{ kind: "status", status: 503 }] } }, (emulator) =>
      Effect.gen(function* () {
        const reply = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(reply.status, 503)
        assert.strictEqual(reply.json.success, false)
        assert.strictEqual(reply.json.errors[0].code, 10503)
      })
    )
  )

  it.effect("rate_limit: 429 with Retry-After (seconds) and retry-after-ms", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ kind: "rate_limit", retryAfterSeconds: 0, times: 1 }] })
        const first = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(first.status, 429)
        assert.strictEqual(first.headers.get("retry-after"), "0")
        assert.strictEqual(first.json.errors[0].code, 971)
        yield* setFaults(emulator, { rules: [{ kind: "rate_limit", retryAfterMs: 1500, times: 1 }] })
        const second = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(second.headers.get("retry-after"), "2")
        assert.strictEqual(second.headers.get("retry-after-ms"), "1500")
        const third = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(third.status, 200)
      })
    )
  )

  it.effect("edge_error: a 5xx HTML page (520 by default)", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ kind: "edge_error", times: 1 }, { kind: "edge_error", status: 522 }] })
        const first = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(first.status, 520)
        assert.match(first.headers.get("content-type") ?? "", /^text\/html/)
        assert.include(first.text, "<h1>Error 520</h1>")
        assert.isUndefined(first.json)
        const second = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(second.status, 522)
      })
    )
  )

  it.effect("reset_before: the connection drops and the write is not applied", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ route: "POST /accounts", kind: "reset_before", times: 1 }] })
        const result = yield* Effect.either(call(emulator, "POST", "/accounts", { body: { name: "Lost" } }))
        assert.isTrue(Either.isLeft(result))
        assert.strictEqual(emulator.state.size, 0)
        const retried = yield* call(emulator, "POST", "/accounts", { body: { name: "Lost" } })
        assert.strictEqual(retried.status, 200)
        assert.strictEqual(emulator.state.size, 1)
      })
    )
  )

  it.effect("reset_after: the write is applied, then the connection drops", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ route: "POST /accounts", kind: "reset_after", times: 1 }] })
        const result = yield* Effect.either(call(emulator, "POST", "/accounts", { body: { name: "Ghost" } }))
        assert.isTrue(Either.isLeft(result))
        assert.strictEqual(emulator.state.size, 1)
        const listed = yield* call(emulator, "GET", "/accounts?name=ghost")
        assert.strictEqual(listed.json.result_info.total_count, 1)
      })
    )
  )

  it.effect("latency: adds ms plus jitter before answering, only on the named route", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ route: "GET /accounts", kind: "latency", ms: 150, jitterMs: 50 }] })
        const [slowReply, slowMs] = yield* elapsed(call(emulator, "GET", "/accounts"))
        assert.strictEqual(slowReply.status, 200)
        assert.isAtLeast(slowMs, 145)
        const id = emulator.state.accountIds()[0]
        const [, fastMs] = yield* elapsed(call(emulator, "GET", `/accounts/${id}`))
        assert.isBelow(fastMs, 140)
      })
    )
  )

  it.live("slow: a client with a shorter timeout gives up; one that waits gets the answer", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ kind: "slow", ms: 300 }] })
        const timedOut = yield* Effect.either(call(emulator, "GET", "/accounts").pipe(Effect.timeout(100)))
        assert.isTrue(Either.isLeft(timedOut))
        const [reply, ms] = yield* elapsed(call(emulator, "GET", "/accounts"))
        assert.strictEqual(reply.status, 200)
        assert.isAtLeast(ms, 295)
      })
    )
  )

  it.effect("truncate: a 200 whose body is the first half of the JSON", () =>
    withEmulator({ seedAccounts: 3 }, (emulator) =>
      Effect.gen(function* () {
        const full = yield* call(emulator, "GET", "/accounts")
        yield* setFaults(emulator, { rules: [{ kind: "truncate", times: 1 }] })
        const cut = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(cut.status, 200)
        assert.isUndefined(cut.json)
        assert.strictEqual(cut.text, full.text.slice(0, Math.floor(full.text.length / 2)))
        assert.strictEqual(cut.headers.get("content-length"), String(cut.text.length))
      })
    )
  )

  it.effect("repeat_page: page N answers page N-1 again; page 1 is neither changed nor counted", () =>
    withEmulator({ seedAccounts: 30 }, (emulator) =>
      Effect.gen(function* () {
        const page1 = yield* call(emulator, "GET", "/accounts?per_page=10&page=1")
        yield* setFaults(emulator, { rules: [{ kind: "repeat_page" }] })
        const first = yield* call(emulator, "GET", "/accounts?per_page=10&page=1")
        assert.strictEqual(first.text, page1.text)
        const second = yield* call(emulator, "GET", "/accounts?per_page=10&page=2")
        assert.strictEqual(second.text, page1.text)
        const stats = yield* call(emulator, "GET", "/__emulator/stats")
        assert.deepStrictEqual(stats.json.routes["GET /accounts"], {
          requests: 3,
          faults: 1,
          faultsByKind: { repeat_page: 1 }
        })
      })
    )
  )

  it.effect("times: a rule considers only the first N matching requests", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        yield* setFaults(emulator, { rules: [{ route: "GET /accounts", kind: "status", status: 500, times: 2 }] })
        const statuses: Array<number> = []
        for (let i = 0; i < 4; i++) statuses.push((yield* call(emulator, "GET", "/accounts")).status)
        assert.deepStrictEqual(statuses, [500, 500, 200, 200])
      })
    )
  )

  it.effect("probability: the same seed gives the same faults, another seed others", () =>
    Effect.gen(function* () {
      const pattern = (seed: number) =>
        withEmulator({ faults: { seed, rules: [{ kind: "status", status: 502, probability: 0.5 }] } }, (emulator) =>
          Effect.gen(function* () {
            const statuses: Array<number> = []
            for (let i = 0; i < 32; i++) statuses.push((yield* call(emulator, "GET", "/accounts")).status)
            const stats = yield* call(emulator, "GET", "/__emulator/stats")
            return { statuses, faults: stats.json.routes["GET /accounts"].faults as number }
          })
        )
      const a = yield* pattern(11)
      const b = yield* pattern(11)
      const c = yield* pattern(12)
      assert.deepStrictEqual(a, b)
      assert.notDeepEqual(a.statuses, c.statuses)
      assert.strictEqual(a.faults, a.statuses.filter((s) => s === 502).length)
      assert.isTrue(a.faults > 4 && a.faults < 28, `${a.faults} of 32`)
    })
  )

  it.effect("PUT /__emulator/faults restarts the generator from the seed", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        const config: FaultConfig = { seed: 5, rules: [{ kind: "status", status: 500, probability: 0.3 }] }
        const run = Effect.gen(function* () {
          yield* setFaults(emulator, config)
          const statuses: Array<number> = []
          for (let i = 0; i < 20; i++) statuses.push((yield* call(emulator, "GET", "/accounts")).status)
          return statuses
        })
        assert.deepStrictEqual(yield* run, yield* run)
      })
    )
  )
})

describe("admin routes", () => {
  it.effect("stats count requests and faults per route template; reset-stats clears them", () =>
    withEmulator({ seedAccounts: 2 }, (emulator) =>
      Effect.gen(function* () {
        const [id] = emulator.state.accountIds()
        yield* setFaults(emulator, { rules: [{ route: "GET /accounts/{account_id}", kind: "status", status: 503, times: 1 }] })
        yield* call(emulator, "GET", `/accounts/${id}`)
        yield* call(emulator, "GET", `/accounts/${id}`)
        yield* call(emulator, "GET", `/accounts/${id}/organizations`)
        yield* call(emulator, "GET", "/accounts", { anonymous: true })
        const stats = yield* call(emulator, "GET", "/__emulator/stats")
        assert.deepStrictEqual(stats.json.routes["GET /accounts/{account_id}"], {
          requests: 2,
          faults: 1,
          faultsByKind: { status: 1 }
        })
        assert.strictEqual(stats.json.routes["GET /accounts/{account_id}/organizations"].requests, 1)
        assert.strictEqual(stats.json.routes["GET /accounts"].requests, 1)
        yield* call(emulator, "POST", "/__emulator/reset-stats")
        const cleared = yield* call(emulator, "GET", "/__emulator/stats")
        assert.deepStrictEqual(cleared.json, { routes: {} })
      })
    )
  )

  it.effect("faults: GET returns the config; PUT rejects an invalid one with 400 and keeps the old", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        const config: FaultConfig = { seed: 1, rules: [{ kind: "latency", ms: 1 }] }
        const put = yield* setFaults(emulator, config)
        assert.strictEqual(put.status, 200)
        const bad = yield* call(emulator, "PUT", "/__emulator/faults", {
          body: { rules: [{ kind: "status", status: 418 }] }
        })
        assert.strictEqual(bad.status, 400)
        assert.strictEqual(bad.json.error, "invalid fault config: rules.0.status must be one of 500, 501, 502, 503, 504, 408")
        const unknown = yield* call(emulator, "PUT", "/__emulator/faults", { body: { rules: [{ kind: "explode" }] } })
        assert.include(unknown.json.error, "rules.0.kind must be one of status, rate_limit")
        const got = yield* call(emulator, "GET", "/__emulator/faults")
        assert.deepStrictEqual(got.json, config)
      })
    )
  )

  it.effect("organizations lists the hierarchy root first with parent ids", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        const reply = yield* call(emulator, "GET", "/__emulator/organizations", { anonymous: true })
        const orgs: Array<{ id: string; name: string; parent_id: string | null }> = reply.json.organizations
        assert.strictEqual(orgs.length, 4)
        assert.strictEqual(orgs[0]?.parent_id, null)
        const ids = new Set(orgs.map((o) => o.id))
        for (const org of orgs.slice(1)) assert.isTrue(ids.has(org.parent_id ?? ""))
        assert.isTrue(orgs.some((o) => o.parent_id !== null && o.parent_id !== orgs[0]?.id), "has a grandchild")
      })
    )
  )
})
