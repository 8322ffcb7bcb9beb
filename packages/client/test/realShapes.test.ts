/**
 * The Promise and Effect APIs on accounts of the real API's shape: nulls,
 * settings the spec does not list, `legacy_flags`, microsecond `created_on`, and a
 * `type` the spec does not list. Every field is kept as sent.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Credentials from "../src/Credentials.js"
import { createAccountsClient } from "../src/promise.js"
import { makeFake, ok } from "./fakeHttp.js"
import { clientFor, idOf, realAccount } from "./fixtures.js"

/** Accounts as the real API sends them (core's corpus), every third of a type the spec does not list. */
const accounts = Array.from({ length: 12 }, (_, i) =>
  realAccount({ id: idOf(i + 1), name: `Example account ${i + 1}`, ...(i % 3 === 2 ? { type: "partner" } : {}) })
)

const fake = () =>
  makeFake((request) => {
    const page = Number(request.url.searchParams.get("page"))
    const slice = accounts.slice((page - 1) * 5, page * 5)
    return ok(slice, { result_info: { page, per_page: 5, count: slice.length, total_count: accounts.length } })
  })

describe("the real API's account shape", () => {
  it("the Promise client's all() lists every account exactly as sent", async () => {
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake().client })
    try {
      const listed: Array<unknown> = []
      for await (const account of client.all({ per_page: 5 })) listed.push(account)
      assert.deepStrictEqual(listed, accounts)
    } finally {
      await client.close()
    }
  })

  it.effect("the Effect client's all() lists every account exactly as sent", () =>
    Effect.gen(function* () {
      const client = yield* clientFor(fake())
      const listed = yield* Stream.runCollect(client.all({ per_page: 5 }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(listed) as ReadonlyArray<unknown>, accounts)
    }))
})
