import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as ListAccountsParams from "@cf-accounts/core/ListAccountsParams"
import { Listing } from "../src/index.js"
import { fail, makeFake, ok, type Reply } from "./fakeHttp.js"
import { account, clientFor, idOf } from "./fixtures.js"

/** A server holding `count` accounts; `totalCount` may lie. */
const server = (
  count: number,
  options: { readonly totalCount?: number; readonly override?: (page: number) => Reply | undefined } = {}
) => {
  const accounts = Array.from({ length: count }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))
  return makeFake((request) => {
    const page = Number(request.url.searchParams.get("page") ?? "1")
    const perPage = Number(request.url.searchParams.get("per_page") ?? "20")
    const special = options.override?.(page)
    if (special !== undefined) return special
    const slice = accounts.slice((page - 1) * perPage, page * perPage)
    return ok(slice, {
      result_info: { page, per_page: perPage, count: slice.length, total_count: options.totalCount ?? count }
    })
  })
}

const pagesRequested = (fake: ReturnType<typeof makeFake>) =>
  fake.requests.map((r) => Number(r.url.searchParams.get("page")))

describe("totalCountBounds: total_count counts the listing without search parameters", () => {
  it("bounds a listing that only pages, sizes or orders; not one with a search parameter", () => {
    assert.isTrue(Listing.totalCountBounds({}))
    assert.isTrue(Listing.totalCountBounds({ per_page: 50, direction: "desc" }))
    assert.isTrue(Listing.totalCountBounds({ name: undefined }))
    assert.isFalse(Listing.totalCountBounds({ name: "acme" }))
    assert.isFalse(Listing.totalCountBounds({ name: "", per_page: 5 }))
    // the paging parameters are core's ListAccountsParams fields but the search one, name
    const every = { page: 2, per_page: 5, direction: "asc" } as const
    assert.deepStrictEqual(Object.keys(ListAccountsParams.ListAccountsParams.fields).sort(), [...Object.keys(every), "name"].sort())
    assert.isTrue(Listing.totalCountBounds(every))
    // a parameter that is not known to page, size or order the listing is taken as a search one
    assert.isFalse(Listing.totalCountBounds({ per_page: 5, unknown: "x" } as Parameters<typeof Listing.totalCountBounds>[0]))
  })
})

describe("pages and all", () => {
  it.effect("stop when page * per_page reaches total_count", () =>
    Effect.gen(function* () {
      const fake = server(12)
      const client = yield* clientFor(fake)
      const names = Chunk.toReadonlyArray(yield* Stream.runCollect(client.all({ per_page: 5 }))).map((a) => a.name)
      assert.deepStrictEqual(names, Array.from({ length: 12 }, (_, i) => `acct-${i + 1}`))
      assert.deepStrictEqual(pagesRequested(fake).sort(), [1, 2, 3])
    }))

  it.effect("an exact multiple fetches the page after the last, which must be empty and is not emitted", () =>
    Effect.gen(function* () {
      const fake = server(10)
      const client = yield* clientFor(fake)
      const pages = yield* Stream.runCollect(client.pages({ per_page: 5 }))
      assert.strictEqual(Chunk.size(pages), 2)
      assert.deepStrictEqual(pagesRequested(fake).sort(), [1, 2, 3])
    }))

  it.effect("a short last page is the end: nothing past it is fetched", () =>
    Effect.gen(function* () {
      const fake = server(12)
      const client = yield* clientFor(fake)
      yield* Stream.runDrain(client.pages({ per_page: 5 }))
      assert.deepStrictEqual(pagesRequested(fake).sort(), [1, 2, 3])
    }))

  /**
   * Lists 12 accounts 5 a page whose page 2 is first answered with `firstAnswer`
   * (a page that breaks a check), then as it should be: the names listed.
   */
  const listedAfterRestart = (firstAnswer: (accounts: ReadonlyArray<ReturnType<typeof account>>) => ReadonlyArray<unknown>) =>
    Effect.gen(function* () {
      let served = 0
      const accounts = Array.from({ length: 12 }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))
      const fake = server(12, {
        override: (page) => {
          if (page !== 2 || served++ > 0) return undefined
          const result = firstAnswer(accounts)
          return ok(result, { result_info: { page: 2, per_page: 5, count: result.length, total_count: 12 } })
        }
      })
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(Stream.runCollect(client.all({ per_page: 5 })))
      yield* TestClock.adjust(Duration.seconds(1))
      return Chunk.toReadonlyArray(yield* Fiber.join(fiber)).map((a) => a.name)
    })
  const twelve = Array.from({ length: 12 }, (_, i) => `acct-${i + 1}`)

  it.effect("a page that lists an account twice restarts the listing, and its accounts are still listed once", () =>
    Effect.gen(function* () {
      // Pass 1: page 2 lists acct-6 twice (acct-6, acct-7, acct-6, ...). Its accounts
      // were never emitted, so pass 2 must emit them (none lost, none twice).
      const names = yield* listedAfterRestart((a) => [a[5]!, a[6]!, a[5]!, a[8]!, a[9]!])
      assert.deepStrictEqual(names, twelve)
    }))

  it.effect("a page short of total_count restarts the listing, and the accounts it did list are still listed once", () =>
    Effect.gen(function* () {
      const names = yield* listedAfterRestart((a) => a.slice(5, 8))
      assert.deepStrictEqual(names, twelve)
    }))

  it.effect("default per_page is 50 and parameters are passed on every page", () =>
    Effect.gen(function* () {
      const fake = server(3)
      const client = yield* clientFor(fake)
      yield* Stream.runDrain(client.all({ name: "acct", direction: "desc" }))
      const query = Object.fromEntries(fake.requests[0]!.url.searchParams)
      assert.deepStrictEqual(query, { name: "acct", direction: "desc", per_page: "50", page: "1" })
    }))

  it.effect("an empty first page is one page and no more requests", () =>
    Effect.gen(function* () {
      const fake = server(0)
      const client = yield* clientFor(fake)
      const accounts = yield* Stream.runCollect(client.all())
      assert.strictEqual(Chunk.size(accounts), 0)
      assert.strictEqual(fake.requests.length, 1)
    }))

  it.effect("without total_count, pages are fetched one at a time and the listing stops after a short page", () =>
    Effect.gen(function* () {
      // Page 2 is short; every other page is full of accounts not seen before, so
      // only the short-page rule stops the stream.
      const fake = makeFake((request) => {
        const page = Number(request.url.searchParams.get("page"))
        const size = page === 2 ? 3 : 5
        const items = Array.from({ length: size }, (_, i) => account(idOf(page * 100 + i), `p${page}-${i}`))
        return ok(items, { result_info: { page, per_page: 5, count: size } })
      })
      const client = yield* clientFor(fake, { prefetch: 4 })
      const accounts = Chunk.toReadonlyArray(yield* Stream.runCollect(client.all({ per_page: 5 })))
      assert.deepStrictEqual(
        accounts.map((a) => a.name),
        ["p1-0", "p1-1", "p1-2", "p1-3", "p1-4", "p2-0", "p2-1", "p2-2"]
      )
      assert.deepStrictEqual(pagesRequested(fake), [1, 2])
    }))

  it.effect("an unknown option value is an InvalidInputError, before any request", () =>
    Effect.gen(function* () {
      const fake = server(3)
      const client = yield* clientFor(fake)
      for (const params of [{ maxPasses: 0 }, { maxPages: 1.5 }]) {
        const error = yield* Effect.flip(Stream.runDrain(client.pages(params)))
        if (error._tag !== "InvalidInputError") return assert.fail(`unexpected ${error._tag}`)
        assert.strictEqual(error.field, Object.keys(params)[0])
      }
      assert.strictEqual(fake.requests.length, 0)
    }))

  it.effect("prefetches up to `prefetch` pages at once and emits them in order", () =>
    Effect.gen(function* () {
      let inFlight = 0
      let maxInFlight = 0
      const accounts = Array.from({ length: 50 }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))
      const fake = makeFake((request) =>
        Effect.gen(function* () {
          const page = Number(request.url.searchParams.get("page"))
          inFlight++
          maxInFlight = Math.max(maxInFlight, inFlight)
          // later pages answer sooner, so completion order is not page order
          yield* Effect.sleep(Duration.millis(1000 - page * 50))
          inFlight--
          const slice = accounts.slice((page - 1) * 5, page * 5)
          return ok(slice, { result_info: { page, per_page: 5, count: slice.length, total_count: 50 } })
        })
      )
      const client = yield* clientFor(fake, { prefetch: 4 })
      const fiber = yield* Effect.fork(Stream.runCollect(client.all({ per_page: 5 })))
      yield* TestClock.adjust("1 minute")
      const result = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      assert.deepStrictEqual(
        result.map((a) => a.name),
        accounts.map((a) => a.name)
      )
      // pages 1..10 and the page after the last (10 is full), fetched in the same window as 8..10
      assert.deepStrictEqual(pagesRequested(fake), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
      assert.strictEqual(maxInFlight, 4)
    }))

  it.effect("an answered page makes room for the next at once, while the reader is busy, up to twice prefetch held", () =>
    Effect.gen(function* () {
      const fake = server(100)
      const client = yield* clientFor(fake, { prefetch: 2 })
      const gate = yield* Deferred.make<void>()
      const reader = yield* Effect.fork(
        Stream.runForEach(client.pages({ per_page: 5 }), (page) => (page.result_info?.page === 2 ? Deferred.await(gate) : Effect.void))
      )
      // The reader holds page 2; the pages after it are answered at once.
      for (let i = 0; i < 1000 && fake.requests.length < 6; i++) yield* Effect.yieldNow()
      for (let i = 0; i < 100; i++) yield* Effect.yieldNow()
      // Page 1, page 2 (being read), then pages 3..6 fetched and held (2 × prefetch), not one more:
      // waiting for the reader to pull would have stopped at page 3.
      assert.deepStrictEqual(pagesRequested(fake), [1, 2, 3, 4, 5, 6])
      yield* Deferred.succeed(gate, undefined)
      yield* Fiber.join(reader)
      assert.strictEqual(fake.requests.length, 21)
    }))

  it.effect("a listing read only in part interrupts the pages still being fetched ahead", () =>
    Effect.gen(function* () {
      let interrupted = 0
      const accounts = Array.from({ length: 50 }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))
      const fake = makeFake((request) => {
        const page = Number(request.url.searchParams.get("page"))
        const slice = accounts.slice((page - 1) * 5, page * 5)
        const reply = ok(slice, { result_info: { page, per_page: 5, count: slice.length, total_count: 50 } })
        // pages after 2 never answer until interrupted
        return page <= 2 ? reply : Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted++))
      })
      const client = yield* clientFor(fake, { prefetch: 4 })
      const names = Chunk.toReadonlyArray(yield* Stream.runCollect(Stream.take(client.all({ per_page: 5 }), 10)))
      assert.deepStrictEqual(
        names.map((a) => a.name),
        accounts.slice(0, 10).map((a) => a.name)
      )
      // pages 2..5 went out together after page 1, page 6 as soon as page 2 was answered (4 at a
      // time); pages 3..6 were still in flight and are interrupted when the stream ends
      assert.deepStrictEqual(pagesRequested(fake), [1, 2, 3, 4, 5, 6])
      assert.strictEqual(interrupted, 4)
    }))

  it.effect("a failure mid-stream is the stream's error, after the pages before it", () =>
    Effect.gen(function* () {
      const fake = server(30, { override: (page) => (page === 3 ? fail(403, [{ code: 9, message: "denied" }]) : undefined) })
      const client = yield* clientFor(fake, { prefetch: 1 })
      const seen: Array<number> = []
      const error = yield* Effect.flip(
        Stream.runForEach(client.pages({ per_page: 5 }), (page) => Effect.sync(() => seen.push(page.result_info?.page ?? 0)))
      )
      assert.strictEqual(error._tag, "PermissionDeniedError")
      assert.deepStrictEqual(seen, [1, 2])
    }))

  it.effect("list returns one page with its result_info", () =>
    Effect.gen(function* () {
      const fake = server(12)
      const client = yield* clientFor(fake)
      const page = yield* client.list({ page: 3, per_page: 5 })
      assert.strictEqual(page.result.length, 2)
      assert.deepStrictEqual(page.result_info, { page: 3, per_page: 5, count: 2, total_count: 12 })
    }))
})
