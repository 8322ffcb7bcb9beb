import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/Emulator.js"
import { call } from "./support.js"

const TOTAL = 10_000

layer(Emulator.layer({ seed: 9, seedAccounts: TOTAL }))("pagination over 10,000 accounts", (it) => {
  const walk = (perPage: number, direction: "asc" | "desc") =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const ids: Array<string> = []
      let pages = 0
      for (let page = 1; ; page++) {
        const reply = yield* call(emulator, "GET", `/accounts?page=${page}&per_page=${perPage}&direction=${direction}`)
        const info = reply.json.result_info
        assert.strictEqual(info.total_count, TOTAL)
        assert.strictEqual(info.page, page)
        assert.strictEqual(info.per_page, perPage)
        assert.strictEqual(info.count, reply.json.result.length)
        if (info.count === 0) break
        pages++
        for (const account of reply.json.result) ids.push(account.id)
        if (info.count < perPage) break
      }
      return { ids, pages, emulator }
    })

  describe("walking every page", () => {
    it.effect("per_page 50 asc: 200 pages, every account exactly once, in creation order", () =>
      Effect.gen(function* () {
        const { ids, pages, emulator } = yield* walk(50, "asc")
        assert.strictEqual(pages, 200)
        assert.strictEqual(ids.length, TOTAL)
        assert.strictEqual(new Set(ids).size, TOTAL)
        assert.deepStrictEqual(ids, [...emulator.state.accountIds()])
      })
    )

    it.effect("per_page 37 desc: 271 pages (last one partial), reverse order, each once", () =>
      Effect.gen(function* () {
        const { ids, pages, emulator } = yield* walk(37, "desc")
        assert.strictEqual(pages, Math.ceil(TOTAL / 37))
        assert.strictEqual(new Set(ids).size, TOTAL)
        assert.deepStrictEqual(ids, [...emulator.state.accountIds()].reverse())
      })
    )
  })
})
