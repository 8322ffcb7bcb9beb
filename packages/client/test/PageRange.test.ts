/**
 * `pageRange`: pages `from..to` of a listing planned from page 1's `total_count`,
 * each checked as `pages` checks it, failing at the first page that breaks a check
 * with IncompleteListingError and never restarting.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import type { IncompleteListingError } from "@cf-accounts/core/CloudflareError"
import type { PageRangeParams, Service, StreamError } from "../src/AccountsClient.js"
import { makeFake, ok } from "./fakeHttp.js"
import { account, clientFor, idOf } from "./fixtures.js"

/** What the fake server does to one page: serve another page, size or count, no accounts, or create accounts first. */
interface Twist {
  readonly serve?: number
  readonly perPage?: number
  readonly total?: number
  readonly created?: number
  readonly empty?: boolean
}

/** `count` accounts in creation order; `twists` bends the answer for the pages it names. */
const server = (count: number, twists: Record<number, Twist> = {}) => {
  const accounts = Array.from({ length: count }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))
  const fake = makeFake((request) => {
    const page = Number(request.url.searchParams.get("page"))
    const twist = twists[page] ?? {}
    for (let i = 0; i < (twist.created ?? 0); i++) accounts.push(account(idOf(accounts.length + 1), "new"))
    const perPage = twist.perPage ?? Number(request.url.searchParams.get("per_page"))
    const shown = twist.serve ?? page
    const slice = twist.empty ? [] : accounts.slice((shown - 1) * perPage, shown * perPage)
    const total_count = twist.total ?? accounts.length
    return ok(slice, { result_info: { page: shown, per_page: perPage, count: slice.length, total_count } })
  })
  return { fake, accounts }
}

const range = (client: Service, params: Partial<PageRangeParams> = {}) =>
  Effect.either(
    Stream.runCollect(client.pageRange({ per_page: 50, direction: "asc", from: 2, to: 4, total: 200, ...params }))
  )

const incomplete = (end: Either.Either<unknown, StreamError>): IncompleteListingError => {
  if (Either.isRight(end)) return assert.fail("the range succeeded")
  if (end.left._tag !== "IncompleteListingError") return assert.fail(`unexpected ${end.left._tag}: ${end.left.message}`)
  return end.left
}

const pagesAsked = (fake: ReturnType<typeof makeFake>) => fake.requests.map((r) => Number(r.url.searchParams.get("page")))

describe("pageRange", () => {
  it.effect("emits pages from..to in order, with the parameters asked for, up to the last page the count leaves", () =>
    Effect.gen(function* () {
      const { fake, accounts } = server(180)
      const end = yield* range(yield* clientFor(fake), { to: 4, total: 180 })
      if (Either.isLeft(end)) return assert.fail(end.left.message)
      const pages = Chunk.toReadonlyArray(end.right)
      assert.deepStrictEqual(
        pages.map((p) => [p.result_info?.page, p.result.length]),
        [
          [2, 50],
          [3, 50],
          [4, 30]
        ]
      )
      assert.deepStrictEqual(
        pages.flatMap((p) => p.result.map((a) => a.id)),
        accounts.slice(50).map((a) => a.id)
      )
      assert.deepStrictEqual(pagesAsked(fake), [2, 3, 4])
      for (const request of fake.requests) {
        assert.strictEqual(request.url.searchParams.get("per_page"), "50")
        assert.strictEqual(request.url.searchParams.get("direction"), "asc")
      }
    }))

  it.effect("a range ending at a full last page also reads the page after it, which must be empty and is not emitted", () =>
    Effect.gen(function* () {
      const { fake } = server(200)
      const end = yield* range(yield* clientFor(fake), { to: 4, total: 200 })
      if (Either.isLeft(end)) return assert.fail(end.left.message)
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(end.right).map((p) => p.result_info?.page),
        [2, 3, 4]
      )
      assert.deepStrictEqual(pagesAsked(fake), [2, 3, 4, 5])
      // a range that ends before the last page reads nothing past it
      const middle = server(200)
      yield* range(yield* clientFor(middle.fake), { to: 3, total: 200 })
      assert.deepStrictEqual(pagesAsked(middle.fake), [2, 3])
    }))

  it.effect("a total_count too small by whole pages (200 of 250) fails the range at the page after the last", () =>
    Effect.gen(function* () {
      const { fake } = server(250, { 2: { total: 200 }, 3: { total: 200 }, 4: { total: 200 }, 5: { total: 200 } })
      const error = incomplete(yield* range(yield* clientFor(fake), { to: 4, total: 200 }))
      assert.strictEqual(error.reason, "page 5 has 50 accounts, past total_count 200")
      assert.strictEqual(error.passes, 1)
    }))

  it.effect("accounts created mid-range (total_count moves) fail it at that page, with no restart", () =>
    Effect.gen(function* () {
      const { fake } = server(200, { 3: { created: 10 } })
      const error = incomplete(yield* range(yield* clientFor(fake, { prefetch: 1 })))
      assert.strictEqual(error.reason, "total_count changed from 200 to 210 on page 3")
      assert.strictEqual(error.passes, 1)
      assert.deepStrictEqual(error.totals, [200, 210])
      assert.strictEqual(error.accounts, 50)
      assert.deepStrictEqual(pagesAsked(fake), [2, 3])
      assert.match(error.message, /^GET \/accounts listing incomplete after 1 pass \(2 pages, 50 unique accounts/)
    }))

  it.effect("a total_count that differs from the caller's on the first page of the range fails it", () =>
    Effect.gen(function* () {
      const { fake } = server(200)
      const error = incomplete(yield* range(yield* clientFor(fake), { total: 150 }))
      assert.strictEqual(error.reason, "total_count changed from 150 to 200 on page 2")
    }))

  it.effect("a page answered as another, a per_page not asked for, an empty page, ids repeated: each fails it", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [Record<number, Twist>, string]> = [
        [{ 3: { serve: 2 } }, "page 3 was answered as page 2"],
        [{ 3: { perPage: 20 } }, "page 3 has per_page 20, not the 50 asked for"],
        [{ 4: { total: 160 } }, "total_count changed from 200 to 160 on page 4"],
        [{ 3: { empty: true } }, "page 3 is empty before total_count 200 was reached"]
      ]
      for (const [twists, reason] of cases) {
        const { fake } = server(200, twists)
        assert.strictEqual(incomplete(yield* range(yield* clientFor(fake))).reason, reason)
      }
      // The same accounts under each page's own number: ids repeated within the range.
      const same = makeFake((request) => {
        const page = Number(request.url.searchParams.get("page"))
        const items = Array.from({ length: 50 }, (_, i) => account(idOf(i + 1), "same"))
        return ok(items, { result_info: { page, per_page: 50, count: 50, total_count: 200 } })
      })
      assert.strictEqual(incomplete(yield* range(yield* clientFor(same))).reason, "page 3 repeats accounts already listed")
    }))

  it.effect("a bad range is InvalidInputError with nothing sent", () =>
    Effect.gen(function* () {
      const { fake } = server(200)
      const client = yield* clientFor(fake)
      for (const [params, field] of [
        [{ from: 0 }, "from"],
        [{ from: 4, to: 3 }, "to"],
        [{ total: -1 }, "total"],
        [{ per_page: 0 }, "per_page"]
      ] as const) {
        const end = yield* range(client, params)
        if (Either.isRight(end) || end.left._tag !== "InvalidInputError") return assert.fail(`${field} was accepted`)
        assert.strictEqual(end.left.field, field)
      }
      assert.strictEqual(fake.requests.length, 0)
    }))
})
