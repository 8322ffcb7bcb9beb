/**
 * `pages`/`all` over a server whose listing is not a consistent snapshot: each
 * case restarts the listing, and ends either with every account that existed
 * throughout exactly once, or with IncompleteListingError. Backoff runs on the
 * TestClock.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import type { IncompleteListingError } from "@cf-accounts/core/CloudflareError"
import type { AccountsPage, ListingWarning, Service, StreamError, StreamParams } from "../src/AccountsClient.js"
import * as Pagination from "../src/internal/pagination.js"
import { fail, makeFake, ok } from "./fakeHttp.js"
import { account, clientFor, idOf } from "./fixtures.js"

type Account = ReturnType<typeof account>

/** What a fault hook sees: the page asked for and the pass (how many times page 1 was asked for). */
interface Call {
  readonly page: number
  readonly pass: number
  readonly perPage: number
}

interface Behaviour {
  /** Runs before the page is computed: may change the tenant. */
  readonly mutate?: (call: Call, accounts: Array<Account>) => void
  /** The page actually served (default: the one asked for). */
  readonly serve?: (call: Call) => number
  /** The page size actually used (default: the one asked for). */
  readonly perPage?: (call: Call) => number
  /** The total_count reported (default: the truth); undefined leaves it out. */
  readonly total?: (call: Call, truth: number) => number | undefined
  /** Leave result_info out entirely. */
  readonly noResultInfo?: boolean
  /** Serve no accounts (with the usual result_info). */
  readonly empty?: (call: Call) => boolean
  /** Report the page asked for as `page`, whatever page was served. */
  readonly disguise?: boolean
  /** Serve this many accounts from the page's start, reporting the per_page asked for. */
  readonly length?: (call: Call) => number | undefined
  /** Send `result_info: null`, or `total_count: null`. */
  readonly nulls?: "result_info" | "total_count"
  /** A `name` search reports the count of the matching accounts as the truth, not of every account. */
  readonly countMatching?: boolean
}

/**
 * A tenant of `count` accounts listed in creation order (or reversed), with faults.
 * A `name` search lists the accounts whose name contains it, with the unfiltered
 * `total_count` (the spec: "Total results available without any search parameters"),
 * or with `countMatching` the count of the matching ones.
 */
const tenant = (count: number, behaviour: Behaviour = {}) => {
  const accounts: Array<Account> = Array.from({ length: count }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))
  let pass = 0
  let created = count
  const fake = makeFake((request) => {
    const query = request.url.searchParams
    const page = Number(query.get("page") ?? "1")
    if (page === 1) pass++
    const call: Call = { page, pass, perPage: Number(query.get("per_page") ?? "20") }
    behaviour.mutate?.(call, accounts)
    const shown = behaviour.serve?.(call) ?? page
    const perPage = behaviour.perPage?.(call) ?? call.perPage
    const name = query.get("name")
    const matching = name === null ? accounts : accounts.filter((a) => a.name.includes(name))
    const ordered = query.get("direction") === "desc" ? [...matching].reverse() : matching
    const length = behaviour.length?.(call) ?? perPage
    const slice = behaviour.empty?.(call) ? [] : ordered.slice((shown - 1) * perPage, (shown - 1) * perPage + length)
    const truth = behaviour.countMatching ? matching.length : accounts.length
    const total = behaviour.total === undefined ? truth : behaviour.total(call, truth)
    if (behaviour.noResultInfo) return ok(slice)
    if (behaviour.nulls === "result_info") return ok(slice, { result_info: null })
    return ok(slice, {
      result_info: {
        page: behaviour.disguise ? page : shown,
        per_page: perPage,
        count: slice.length,
        ...(behaviour.nulls === "total_count" ? { total_count: null } : total === undefined ? {} : { total_count: total })
      }
    })
  })
  const create = (n: number) => {
    for (let i = 0; i < n; i++) {
      created++
      accounts.push(account(idOf(created), `acct-${created}`))
    }
  }
  return { fake, accounts, create }
}

/** Warnings logged, as "LEVEL message". */
const captureLogs = () => {
  const lines: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => {
    lines.push(`${logLevel.label} ${Array.isArray(message) ? message.join(" ") : String(message)}`)
  })
  const logged = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    effect.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)), Logger.withMinimumLogLevel(LogLevel.Warning))
  return { lines, logged }
}

/**
 * Runs `all(params)` to the end with the TestClock moved far enough for every
 * restart, and returns every account the stream emitted and how it ended.
 */
const listAll = (client: Service, params: StreamParams = {}) =>
  Effect.gen(function* () {
    const emitted: Array<string> = []
    const fiber = yield* Effect.fork(
      Effect.either(Stream.runForEach(client.all({ per_page: 50, ...params }), (a) => Effect.sync(() => emitted.push(a.id))))
    )
    yield* TestClock.adjust("1 minute")
    const end = yield* Fiber.join(fiber)
    return { emitted, end }
  })

const ids = (accounts: ReadonlyArray<Account>) => accounts.map((a) => a.id)

const incomplete = (end: Either.Either<void, StreamError>): IncompleteListingError => {
  if (Either.isRight(end)) return assert.fail("the listing succeeded")
  if (end.left._tag !== "IncompleteListingError") return assert.fail(`unexpected ${end.left._tag}`)
  return end.left
}

describe("listing integrity", () => {
  it.effect("a total_count below the truth (60 of 200) fails with IncompleteListingError after 3 passes", () =>
    Effect.gen(function* () {
      const { fake } = tenant(200, { total: () => 60 })
      const client = yield* clientFor(fake)
      const { emitted, end } = yield* listAll(client)
      const error = incomplete(end)
      assert.strictEqual(error.passes, 3)
      assert.deepStrictEqual(error.totals, [60])
      assert.strictEqual(error.reason, "page 2 has 50 accounts, past total_count 60")
      assert.strictEqual(error.accounts, 50)
      assert.strictEqual(error.pages, 6)
      // what was emitted before the failure is page 1, once
      assert.deepStrictEqual(emitted, ids(Array.from({ length: 50 }, (_, i) => account(idOf(i + 1), ""))))
      assert.include(error.message, "listing incomplete after 3 passes (6 pages, 50 unique accounts, total_count 60)")
    }))

  it.effect("a total_count too small by whole pages (100 of 200) is caught by the page after the last", () =>
    Effect.gen(function* () {
      const { fake } = tenant(200, { total: () => 100 })
      const { emitted, end } = yield* listAll(yield* clientFor(fake))
      const error = incomplete(end)
      assert.strictEqual(error.reason, "page 3 has 50 accounts, past total_count 100")
      assert.strictEqual(error.passes, 3)
      assert.strictEqual(error.pages, 9)
      assert.strictEqual(error.accounts, 100)
      assert.strictEqual(emitted.length, 100)
    }))

  it.effect("the page after the last must report the same total_count", () =>
    Effect.gen(function* () {
      const { fake } = tenant(100, { total: (c, truth) => (c.page === 3 ? truth + 1 : truth) })
      const error = incomplete((yield* listAll(yield* clientFor(fake))).end)
      assert.strictEqual(error.reason, "total_count changed from 100 to 101 on page 3")
    }))

  it.effect("a page longer than per_page is an inconsistency even without total_count", () =>
    Effect.gen(function* () {
      const { fake } = tenant(200, { total: () => undefined, length: (c) => (c.page === 1 ? 60 : undefined) })
      const error = incomplete((yield* listAll(yield* clientFor(fake), { maxPasses: 1 })).end)
      // the page reports the per_page asked for, so only its length shows it
      assert.strictEqual(error.reason, "page 1 has 60 accounts, more than per_page 50")
    }))

  it.effect("one delete and one create while listing (asc): one pass misses an account, confirm does not", () =>
    Effect.gen(function* () {
      const churn = () => {
        const t = tenant(200, {
          mutate: (c, all) => {
            if (c.page === 2 && c.pass === 1) {
              all.splice(0, 1)
              t.create(1)
            }
          }
        })
        return t
      }
      // one pass: total_count stays 200 and every page is full, so the shift goes unseen
      const single = churn()
      const once = yield* listAll(yield* clientFor(single.fake, { prefetch: 1 }))
      assert.isTrue(Either.isRight(once.end))
      assert.notInclude(once.emitted, idOf(51))

      const confirmed = churn()
      const { lines, logged } = captureLogs()
      const { emitted, end } = yield* logged(listAll(yield* clientFor(confirmed.fake, { prefetch: 1 }), { confirm: true }))
      assert.isTrue(Either.isRight(end))
      for (const id of ids(confirmed.accounts)) assert.include(emitted, id)
      assert.strictEqual(new Set(emitted).size, emitted.length, "an id emitted twice")
      // pass 1 differs from pass 2, pass 3 agrees with pass 2; no restart warning, no wait
      assert.deepStrictEqual(
        confirmed.fake.requests.filter((r) => r.url.searchParams.get("page") === "1").length,
        3
      )
      assert.deepStrictEqual(lines, [])
    }))

  it.effect("confirm: a stable listing takes two passes; one that keeps changing fails after maxPasses (default 4)", () =>
    Effect.gen(function* () {
      const stable = tenant(120)
      const { emitted, end } = yield* listAll(yield* clientFor(stable.fake), { confirm: true })
      assert.isTrue(Either.isRight(end))
      assert.deepStrictEqual(emitted, ids(stable.accounts))
      assert.strictEqual(stable.fake.requests.length, 6)

      const moving = tenant(120, {
        mutate: (c, all) => {
          if (c.page === 1) {
            all.splice(0, 1)
            moving.create(1)
          }
        }
      })
      const error = incomplete((yield* listAll(yield* clientFor(moving.fake), { confirm: true })).end)
      assert.strictEqual(error.passes, 4)
      assert.strictEqual(
        error.reason,
        "no two consecutive passes listed the same accounts (pass 4 listed 120 accounts and pass 3 listed 120, 2 of them in only one)"
      )

      const invalid = tenant(10)
      const bad = (yield* listAll(yield* clientFor(invalid.fake), { confirm: true, maxPasses: 1 })).end
      if (Either.isRight(bad) || bad.left._tag !== "InvalidInputError") return assert.fail("maxPasses 1 with confirm was accepted")
      assert.strictEqual(bad.left.field, "maxPasses")
      assert.strictEqual(invalid.fake.requests.length, 0)
    }))

  it.effect("an error answer to the page after the last fails the listing with what was seen; a 5xx stays a ServerError", () =>
    Effect.gen(function* () {
      const answering = (status: number) =>
        makeFake((request) => {
          const page = Number(request.url.searchParams.get("page"))
          if (page === 3) return fail(status, [{ code: 7003, message: "no such page" }])
          const items = Array.from({ length: 50 }, (_, i) => account(idOf((page - 1) * 50 + i + 1), "a"))
          return ok(items, { result_info: { page, per_page: 50, count: 50, total_count: 100 } })
        })
      const refused = answering(400)
      const error = incomplete((yield* listAll(yield* clientFor(refused))).end)
      assert.strictEqual(error.passes, 1)
      assert.strictEqual(error.accounts, 100)
      assert.match(error.reason, /^page 3, read to confirm that page 2 ends total_count 100, was answered with an error \(GET \/accounts failed with 400/)

      const broken = (yield* listAll(yield* clientFor(answering(500)))).end
      if (Either.isRight(broken)) return assert.fail("the listing succeeded")
      assert.strictEqual(broken.left._tag, "ServerError")
    }))

  it.effect("an empty page in the middle (page 3 of 4) is an inconsistency; once it is gone, every account once", () =>
    Effect.gen(function* () {
      const always = tenant(200, { empty: (c) => c.page === 3 })
      const error = incomplete((yield* listAll(yield* clientFor(always.fake))).end)
      assert.strictEqual(error.reason, "page 3 is empty before total_count 200 was reached")

      const once = tenant(200, { empty: (c) => c.page === 3 && c.pass === 1 })
      const { emitted, end } = yield* listAll(yield* clientFor(once.fake))
      assert.isTrue(Either.isRight(end))
      assert.deepStrictEqual(emitted, ids(once.accounts))
    }))

  it.effect("the same page served again (page 3 answers page 2) is an inconsistency; no account is emitted twice", () =>
    Effect.gen(function* () {
      const { fake, accounts } = tenant(200, { serve: (c) => (c.page === 3 && c.pass === 1 ? 2 : c.page) })
      const client = yield* clientFor(fake)
      const { lines, logged } = captureLogs()
      const { emitted, end } = yield* logged(listAll(client))
      assert.isTrue(Either.isRight(end))
      assert.deepStrictEqual(emitted, ids(accounts))
      assert.deepStrictEqual(lines, [
        "WARN GET /accounts listing inconsistent (page 3 was answered as page 2); restarting in 1s (pass 2 of 3)"
      ])
    }))

  it.effect("restartDelay sets the first wait before a restart (doubled after); a bad one is refused before any request", () =>
    Effect.gen(function* () {
      const { fake, accounts } = tenant(200, { serve: (c) => (c.page === 3 && c.pass === 1 ? 2 : c.page) })
      const client = yield* clientFor(fake)
      const { lines, logged } = captureLogs()
      const { emitted, end } = yield* logged(listAll(client, { restartDelay: "5 millis" }))
      assert.isTrue(Either.isRight(end))
      assert.deepStrictEqual(emitted, ids(accounts))
      assert.deepStrictEqual(lines, [
        "WARN GET /accounts listing inconsistent (page 3 was answered as page 2); restarting in 5ms (pass 2 of 3)"
      ])
      const none = tenant(10, {})
      for (const restartDelay of ["soon", Number.NaN, -1, "-5 millis", Number.POSITIVE_INFINITY]) {
        const refused = yield* Effect.either(Stream.runDrain((yield* clientFor(none.fake)).all({ restartDelay: restartDelay as never })))
        assert.isTrue(
          Either.isLeft(refused) && refused.left._tag === "InvalidInputError" && refused.left.field === "restartDelay",
          `restartDelay ${String(restartDelay)} was not refused`
        )
      }
      assert.strictEqual(none.fake.requests.length, 0)
    }))

  it.effect("a page that repeats ids while claiming its own number is an inconsistency too", () =>
    Effect.gen(function* () {
      const first = Array.from({ length: 5 }, (_, i) => account(idOf(i + 1), `a${i}`))
      const fake = makeFake((request) => {
        const page = Number(request.url.searchParams.get("page"))
        return ok(first, { result_info: { page, per_page: 5, count: 5, total_count: 1000 } })
      })
      const client = yield* clientFor(fake, { prefetch: 1 })
      const error = incomplete((yield* listAll(client, { per_page: 5 })).end)
      assert.strictEqual(error.reason, "page 2 repeats accounts already listed")
      assert.strictEqual(error.accounts, 5)
    }))

  it.effect("10 accounts deleted from page 1 while later pages are fetched (asc): every remaining account once", () =>
    Effect.gen(function* () {
      const { fake, accounts } = tenant(200, {
        mutate: (c, all) => {
          if (c.page === 2 && c.pass === 1) all.splice(0, 10)
        }
      })
      const client = yield* clientFor(fake)
      const { emitted, end } = yield* listAll(client)
      assert.isTrue(Either.isRight(end))
      assert.strictEqual(new Set(emitted).size, emitted.length, "an id emitted twice")
      for (const id of ids(accounts)) assert.include(emitted, id)
      assert.strictEqual(accounts.length, 190)
    }))

  it.effect("10 accounts created while listing in descending order: none twice, the 10 oldest present", () =>
    Effect.gen(function* () {
      const t = tenant(200, {
        mutate: (c) => {
          if (c.page === 2 && c.pass === 1) t.create(10)
        }
      })
      const client = yield* clientFor(t.fake)
      const { emitted, end } = yield* listAll(client, { direction: "desc" })
      assert.isTrue(Either.isRight(end))
      assert.strictEqual(new Set(emitted).size, emitted.length, "an id emitted twice")
      assert.strictEqual(emitted.length, 210)
      for (const id of ids(t.accounts.slice(0, 10))) assert.include(emitted, id)
    }))

  it.effect("the page size dropping from 50 to 20 mid-listing is an inconsistency", () =>
    Effect.gen(function* () {
      const { fake } = tenant(200, { perPage: (c) => (c.page >= 3 ? 20 : c.perPage) })
      const error = incomplete((yield* listAll(yield* clientFor(fake))).end)
      assert.strictEqual(error.reason, "page 3 has per_page 20, not the 50 asked for")
      assert.strictEqual(error.accounts, 100)
    }))

  it.effect("a page that repeats an older page (page N answers N-2), even under its own number, is an inconsistency", () =>
    Effect.gen(function* () {
      const older = { serve: (c: Call) => (c.page === 4 ? 2 : c.page) }
      const plain = incomplete((yield* listAll(yield* clientFor(tenant(200, older).fake))).end)
      assert.strictEqual(plain.reason, "page 4 was answered as page 2")
      assert.strictEqual(plain.passes, 3)
      const disguised = incomplete((yield* listAll(yield* clientFor(tenant(200, { ...older, disguise: true }).fake))).end)
      assert.strictEqual(disguised.reason, "page 4 repeats accounts already listed")
      assert.strictEqual(disguised.accounts, 150)
    }))

  it.effect("a list without total_count, or without result_info, is read to its short page, one page at a time", () =>
    Effect.gen(function* () {
      for (const behaviour of [{ total: () => undefined }, { noResultInfo: true }] satisfies Array<Behaviour>) {
        const { fake, accounts } = tenant(230, behaviour)
        const { emitted, end } = yield* listAll(yield* clientFor(fake, { prefetch: 4 }))
        assert.isTrue(Either.isRight(end))
        assert.deepStrictEqual(emitted, ids(accounts))
        assert.deepStrictEqual(
          fake.requests.map((r) => Number(r.url.searchParams.get("page"))),
          [1, 2, 3, 4, 5]
        )
      }
    }))

  it.effect("without total_count a server that never ends hits maxPages (IncompleteListingError, no restart)", () =>
    Effect.gen(function* () {
      const fake = makeFake((request) => {
        const page = Number(request.url.searchParams.get("page"))
        const items = Array.from({ length: 5 }, (_, i) => account(idOf(page * 10 + i), `p${page}`))
        return ok(items, { result_info: { page, per_page: 5, count: 5 } })
      })
      const error = incomplete((yield* listAll(yield* clientFor(fake), { per_page: 5, maxPages: 7 })).end)
      assert.strictEqual(error.reason, "the listing needs more than 7 pages (maxPages)")
      assert.strictEqual(error.passes, 1)
      assert.strictEqual(fake.requests.length, 7)
      assert.deepStrictEqual(error.totals, [])
    }))

  it.effect("maxPages below what total_count needs fails after that many pages", () =>
    Effect.gen(function* () {
      const { fake } = tenant(200)
      const error = incomplete((yield* listAll(yield* clientFor(fake), { maxPages: 2 })).end)
      assert.strictEqual(error.reason, "the listing needs more than 2 pages (maxPages)")
      assert.strictEqual(error.accounts, 100)
    }))

  it.effect("restarts wait 1 s, then 2 s (TestClock), and maxPasses 1 fails at the first inconsistency", () =>
    Effect.gen(function* () {
      const { fake } = tenant(200, { total: () => 60 })
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(Effect.either(Stream.runDrain(client.all({ per_page: 50 }))))
      yield* TestClock.adjust("999 millis")
      assert.strictEqual(fake.requests.length, 2)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(fake.requests.length, 4)
      yield* TestClock.adjust("1999 millis")
      assert.strictEqual(fake.requests.length, 4)
      yield* TestClock.adjust("1 millis")
      assert.strictEqual(fake.requests.length, 6)
      assert.strictEqual(incomplete(yield* Fiber.join(fiber)).passes, 3)

      const once = tenant(200, { total: () => 60 })
      const { end } = yield* listAll(yield* clientFor(once.fake), { maxPasses: 1 })
      assert.strictEqual(incomplete(end).passes, 1)
      assert.strictEqual(once.fake.requests.length, 2)
    }))

  it.effect("pages() emits each account once over passes, and every page it emits has accounts", () =>
    Effect.gen(function* () {
      const { fake, accounts } = tenant(200, { serve: (c) => (c.page === 3 && c.pass === 1 ? 2 : c.page) })
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(Stream.runCollect(client.pages({ per_page: 50 })))
      yield* TestClock.adjust("1 minute")
      const pages: ReadonlyArray<AccountsPage> = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      assert.deepStrictEqual(
        pages.map((p) => p.result.length),
        [50, 50, 50, 50]
      )
      assert.deepStrictEqual(
        pages.flatMap((p) => p.result.map((a) => a.id)),
        ids(accounts)
      )
    }))
})

/** The accounts of `accounts` whose name contains `name`, as the tenant's search lists them. */
const named = (accounts: ReadonlyArray<Account>, name: string) => ids(accounts.filter((a) => a.name.includes(name)))

/** The warning of a filtered listing that listed `listed` of `total`. */
const belowTotal = (listed: number, total: number, confirm: boolean): ListingWarning => ({
  _tag: "BelowTotal",
  listed,
  total,
  message: `GET /accounts listed ${listed} accounts, fewer than its total_count ${total}; with a search parameter the spec defines total_count as the count without it, so the difference cannot be told from accounts missed (${
    confirm ? "its pages and ids were checked, and a second pass listed the same accounts" : "its pages and ids were checked, in one pass"
  }; no more than total_count were listed)`
})

/** Runs `all(params)` to the end as {@link listAll} does, with the warnings it gave. */
const listWarned = (client: Service, params: StreamParams) =>
  Effect.gen(function* () {
    const warnings: Array<ListingWarning> = []
    const result = yield* listAll(client, { ...params, onWarning: (w) => Effect.sync(() => warnings.push(w)) })
    return { ...result, warnings }
  })

describe("a filtered listing (name): total_count counts the accounts without the search (the spec), so it is only an upper bound", () => {
  it.effect("pages that report the unfiltered total: complete with exactly the matching accounts, one BelowTotal warning", () =>
    Effect.gen(function* () {
      // 39 of 127 accounts contain "acct-1"; every page says total_count 127
      for (const confirm of [false, true]) {
        const { fake, accounts } = tenant(127)
        const { lines, logged } = captureLogs()
        const { emitted, end } = yield* logged(listAll(yield* clientFor(fake, { prefetch: 4 }), { per_page: 5, name: "acct-1", confirm }))
        assert.isTrue(Either.isRight(end), Either.isLeft(end) ? end.left.message : "")
        assert.deepStrictEqual(emitted, named(accounts, "acct-1"))
        assert.strictEqual(emitted.length, 39)
        // one page at a time up to the short page 8, not planned from the count
        const requested = fake.requests.map((r) => Number(r.url.searchParams.get("page")))
        assert.deepStrictEqual(requested, confirm ? [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8] : [1, 2, 3, 4, 5, 6, 7, 8])
        assert.isTrue(fake.requests.every((r) => r.url.searchParams.get("name") === "acct-1"))
        // without onWarning, logged once
        assert.deepStrictEqual(lines, [`WARN ${belowTotal(39, 127, confirm).message}`])
      }
    }))

  it.effect("pages that report the count of the matching accounts: complete, no warning, a full last page included", () =>
    Effect.gen(function* () {
      // 39 of 127 contain "acct-1" (short last page); 20 of 108 (4 full pages, then an empty page 5)
      for (const [count, matching, requested] of [
        [127, 39, [1, 2, 3, 4, 5, 6, 7, 8]],
        [108, 20, [1, 2, 3, 4, 5]]
      ] as const) {
        for (const confirm of [false, true]) {
          const { fake, accounts } = tenant(count, { countMatching: true })
          const { emitted, end, warnings } = yield* listWarned(yield* clientFor(fake), { per_page: 5, name: "acct-1", confirm })
          assert.isTrue(Either.isRight(end), Either.isLeft(end) ? end.left.message : "")
          assert.deepStrictEqual(emitted, named(accounts, "acct-1"))
          assert.strictEqual(emitted.length, matching)
          assert.deepStrictEqual(
            fake.requests.map((r) => Number(r.url.searchParams.get("page"))),
            confirm ? [...requested, ...requested] : [...requested]
          )
          assert.deepStrictEqual(warnings, [], `${count} accounts, confirm ${confirm}`)
        }
      }
    }))

  it.effect("an empty page before the end (page 3): the listing ends there with a BelowTotal warning, not silently", () =>
    Effect.gen(function* () {
      // the count of the matching accounts (39): 10 listed of 39
      const empty = tenant(127, { countMatching: true, empty: (c) => c.page === 3 })
      const { emitted, end, warnings } = yield* listWarned(yield* clientFor(empty.fake), { per_page: 5, name: "acct-1", confirm: true })
      assert.isTrue(Either.isRight(end), Either.isLeft(end) ? end.left.message : "")
      assert.deepStrictEqual(emitted, named(empty.accounts, "acct-1").slice(0, 10))
      assert.deepStrictEqual(warnings, [belowTotal(10, 39, true)])
      // a short page 3 (2 of 5) under the unfiltered count: 12 of 127
      const short = tenant(127, { length: (c) => (c.page === 3 ? 2 : undefined) })
      const cut = yield* listWarned(yield* clientFor(short.fake), { per_page: 5, name: "acct-1" })
      assert.isTrue(Either.isRight(cut.end))
      assert.strictEqual(cut.emitted.length, 12)
      assert.deepStrictEqual(cut.warnings, [belowTotal(12, 127, false)])
    }))

  it.effect("without total_count: complete with an Uncounted warning", () =>
    Effect.gen(function* () {
      const { fake, accounts } = tenant(127, { total: () => undefined })
      const { emitted, end, warnings } = yield* listWarned(yield* clientFor(fake), { per_page: 5, name: "acct-1" })
      assert.isTrue(Either.isRight(end))
      assert.deepStrictEqual(emitted, named(accounts, "acct-1"))
      assert.deepStrictEqual(
        warnings.map((w) => w._tag),
        ["Uncounted"]
      )
    }))

  it.effect("more accounts than the total_count of the page that lists them, the count moving or not: inconsistent, restarted, then IncompleteListingError", () =>
    Effect.gen(function* () {
      const broken = (behaviour: Behaviour) =>
        Effect.gen(function* () {
          const { fake } = tenant(127, behaviour)
          return incomplete((yield* listAll(yield* clientFor(fake), { per_page: 5, name: "acct-1" })).end)
        })
      const page1 = yield* broken({ total: () => 3 })
      assert.strictEqual(page1.reason, "page 1 has 5 accounts, past total_count 3")
      assert.strictEqual(page1.passes, 3)
      // a count of 12 leaves 2 accounts for page 3, and none for page 4
      assert.strictEqual((yield* broken({ total: () => 12 })).reason, "page 3 has 5 accounts, past total_count 12")
      assert.strictEqual((yield* broken({ total: () => 10 })).reason, "page 3 has 5 accounts, past total_count 10")
      // a count that moves down under the accounts listed: each page is held to its own count
      assert.strictEqual(
        (yield* broken({ total: (c, truth) => (c.page >= 3 ? 12 : truth) })).reason,
        "page 3 has 5 accounts, past total_count 12"
      )
      // an empty page whose count is below the accounts listed before it (20 in 4 full pages): a listed one has gone
      assert.strictEqual(
        (yield* broken({ total: (c, truth) => (c.page === 5 ? 18 : truth), empty: (c) => c.page === 5, countMatching: true })).reason,
        "page 5 is empty with total_count 18, below the 20 accounts listed before it"
      )
      // a page without the count page 1 had
      assert.strictEqual(
        (yield* broken({ total: (c, truth) => (c.page === 4 ? undefined : truth) })).reason,
        "page 4 has no total_count (page 1 had 127)"
      )
    }))

  it.effect("accounts created and deleted outside the search while it is listed: complete, compared with the count it ended with", () =>
    Effect.gen(function* () {
      // each pass, a non-matching account is created before page 2 and page 5 are served, and one deleted before page 7
      const churn = (c: Call, all: Array<Account>) => {
        if (c.page === 2 || c.page === 5) all.push(account(idOf(10_000 + all.length), `churn-${all.length}`))
        if (c.page === 7) all.splice(all.findIndex((a) => !a.name.includes("acct-1")), 1)
      }
      for (const confirm of [false, true]) {
        // the unfiltered count (the spec's): 127, then 128, 129, 128; 39 match in every pass
        const { fake, accounts } = tenant(127, { mutate: churn })
        const { emitted, end, warnings } = yield* listWarned(yield* clientFor(fake), { per_page: 5, name: "acct-1", confirm })
        assert.isTrue(Either.isRight(end), Either.isLeft(end) ? end.left.message : "")
        assert.deepStrictEqual(emitted, named(accounts, "acct-1"))
        assert.strictEqual(emitted.length, 39)
        const requested = [1, 2, 3, 4, 5, 6, 7, 8]
        assert.deepStrictEqual(
          fake.requests.map((r) => Number(r.url.searchParams.get("page"))),
          confirm ? [...requested, ...requested] : requested
        )
        // the count the last pass ended with: 128, or after a second pass's churn, 129
        const ended = confirm ? 129 : 128
        assert.strictEqual(accounts.length, ended)
        assert.deepStrictEqual(
          warnings.map((w) => (w._tag === "BelowTotal" ? [w.listed, w.total] : w._tag)),
          [[39, ended]]
        )
        assert.isTrue(warnings[0]!.message.startsWith(`GET /accounts listed 39 accounts, fewer than its total_count ${ended}`))
        // and it says the count moved while it was listed
        assert.match(warnings[0]!.message, new RegExp(`\\(total_count moved from \\d+( to \\d+)* to ${ended} while it was listed\\)`))
        // the count of the matching accounts (a server's other reading) does not move: no warning
        const matching = tenant(127, { mutate: churn, countMatching: true })
        const exact = yield* listWarned(yield* clientFor(matching.fake), { per_page: 5, name: "acct-1", confirm })
        assert.isTrue(Either.isRight(exact.end))
        assert.deepStrictEqual(exact.emitted, named(matching.accounts, "acct-1"))
        assert.deepStrictEqual(exact.warnings, [])
      }
      // without the search the count must not move: the same churn restarts every pass, then fails
      const { fake } = tenant(127, { mutate: churn })
      const unfiltered = incomplete((yield* listAll(yield* clientFor(fake), { per_page: 50 })).end)
      assert.strictEqual(unfiltered.reason, "total_count changed from 129 to 130 on page 2")
      assert.strictEqual(unfiltered.passes, 3)
    }))

  it.effect("the count a filtered pass ended with, and each count it moved through, reach onUnverified", () =>
    Effect.gen(function* () {
      const reports: Array<Pagination.Unverified> = []
      // 12 matching accounts, 5 a page; the count moves 134, 135, 135, and ends at 133
      const counts = [134, 135, 135, 133]
      const stream = Pagination.pages(
        (n) =>
          Effect.succeed({
            result: Array.from({ length: Math.max(0, Math.min(5, 12 - (n - 1) * 5)) }, (_, i) => ({ id: idOf((n - 1) * 5 + i + 1) })),
            result_info: { page: n, per_page: 5, total_count: counts[n - 1]! }
          }),
        {
          perPage: 5,
          prefetch: 1,
          maxPasses: 1,
          maxPages: undefined,
          counted: false,
          onUnverified: (unverified) => Effect.sync(() => reports.push(unverified)),
          restartDelay: Duration.zero,
          onRestart: () => Effect.void,
          incomplete: (summary) => summary.reason
        }
      )
      const listed = Chunk.toReadonlyArray(yield* Stream.runCollect(stream)).flatMap((page) => page.result)
      assert.strictEqual(listed.length, 12)
      assert.deepStrictEqual(reports, [{ _tag: "BelowTotal", listed: 12, total: 135, totals: [134, 135] }])
      assert.strictEqual(Pagination.countMoved([134, 135]), "total_count moved from 134 to 135 while it was listed")
      assert.strictEqual(Pagination.countMoved([134]), undefined)
    }))

  it.effect("a pass past total_count is restarted, and a consistent pass then completes the listing", () =>
    Effect.gen(function* () {
      const { fake, accounts } = tenant(127, { countMatching: true, total: (c, truth) => (c.pass === 1 ? 20 : truth) })
      const { emitted, end, warnings } = yield* listWarned(yield* clientFor(fake), { per_page: 5, name: "acct-1" })
      assert.isTrue(Either.isRight(end), Either.isLeft(end) ? end.left.message : "")
      assert.deepStrictEqual(emitted, named(accounts, "acct-1"))
      assert.deepStrictEqual(warnings, [])
    }))

  it.effect("each check that still holds fails a broken filtered listing", () =>
    Effect.gen(function* () {
      const broken = (behaviour: Behaviour, params: StreamParams = {}) =>
        Effect.gen(function* () {
          const { fake } = tenant(127, behaviour)
          return incomplete((yield* listAll(yield* clientFor(fake), { per_page: 5, name: "acct-1", ...params })).end)
        })
      assert.strictEqual((yield* broken({ serve: (c) => (c.page === 3 ? 2 : c.page) })).reason, "page 3 was answered as page 2")
      assert.strictEqual(
        (yield* broken({ serve: (c) => (c.page === 3 ? 2 : c.page), disguise: true })).reason,
        "page 3 repeats accounts already listed"
      )
      assert.strictEqual(
        (yield* broken({ perPage: (c) => (c.page === 2 ? 10 : c.perPage) })).reason,
        "page 2 has per_page 10, not the 5 asked for"
      )
      assert.strictEqual(
        (yield* broken({ length: (c) => (c.page === 2 ? 6 : undefined) })).reason,
        "page 2 has 6 accounts, more than per_page 5"
      )
      const pages = yield* broken({}, { maxPages: 4 })
      assert.strictEqual(pages.reason, "the listing needs more than 4 pages (maxPages)")
      // the confirming pass: an account renamed out of the search between passes, every pass
      const moving = tenant(127, {
        mutate: (c, all) => {
          if (c.page === 1) {
            const index = all.findIndex((a) => a.name.includes("acct-1"))
            all[index] = { ...all[index]!, name: "renamed" }
          }
        }
      })
      const confirm = incomplete((yield* listAll(yield* clientFor(moving.fake), { per_page: 5, name: "acct-1", confirm: true })).end)
      assert.match(confirm.reason, /^no two consecutive passes listed the same accounts/)
      assert.strictEqual(confirm.passes, 4)
    }))

  it.effect("pageRange, which plans pages from total_count, refuses a search parameter with nothing sent", () =>
    Effect.gen(function* () {
      const { fake } = tenant(127)
      const client = yield* clientFor(fake)
      const end = yield* Effect.either(
        Stream.runDrain(client.pageRange({ per_page: 5, name: "acct-1", from: 2, to: 3, total: 127 }))
      )
      if (Either.isRight(end) || end.left._tag !== "InvalidInputError") return assert.fail("a filtered range was accepted")
      assert.strictEqual(end.left.field, "name")
      assert.strictEqual(fake.requests.length, 0)
    }))
})

describe("a listing without total_count says so", () => {
  const absent: ReadonlyArray<[string, Behaviour]> = [
    ["no total_count", { total: () => undefined }],
    ["total_count: null", { nulls: "total_count" }],
    ["no result_info", { noResultInfo: true }],
    ["result_info: null", { nulls: "result_info" }]
  ]

  it.effect("onWarning is called once, when the listing completes, with an Uncounted warning saying what was checked", () =>
    Effect.gen(function* () {
      for (const [label, behaviour] of absent) {
        for (const confirm of [false, true]) {
          const { fake, accounts } = tenant(120, behaviour)
          const warnings: Array<ListingWarning> = []
          const emittedAtWarning: Array<number> = []
          const emitted: Array<string> = []
          const end = yield* Effect.either(
            Stream.runForEach(
              (yield* clientFor(fake)).all({
                per_page: 50,
                confirm,
                onWarning: (w) =>
                  Effect.sync(() => {
                    warnings.push(w)
                    emittedAtWarning.push(emitted.length)
                  })
              }),
              (a) => Effect.sync(() => emitted.push(a.id))
            )
          )
          assert.isTrue(Either.isRight(end), label)
          assert.deepStrictEqual(emitted, ids(accounts), label)
          assert.deepStrictEqual(
            warnings,
            [
              {
                _tag: "Uncounted",
                message: `GET /accounts sent no total_count, so this listing's completeness could not be checked against a count (${
                  confirm
                    ? "its pages and ids were checked, and a second pass listed the same accounts"
                    : "its pages and ids were checked, in one pass"
                })`
              }
            ],
            `${label}, confirm ${confirm}`
          )
          assert.deepStrictEqual(emittedAtWarning, [120], "warned before the listing completed")
        }
      }
    }))

  it.effect("without onWarning the warning is logged, once, even over restarts", () =>
    Effect.gen(function* () {
      // page 2 of pass 1 is answered as page 1: a restart, then a clean pass
      const { fake, accounts } = tenant(120, { total: () => undefined, serve: (c) => (c.page === 2 && c.pass === 1 ? 1 : c.page) })
      const { lines, logged } = captureLogs()
      const { emitted, end } = yield* logged(listAll(yield* clientFor(fake)))
      assert.isTrue(Either.isRight(end))
      assert.deepStrictEqual(emitted, ids(accounts))
      assert.deepStrictEqual(lines, [
        "WARN GET /accounts listing inconsistent (page 2 was answered as page 1); restarting in 1s (pass 2 of 3)",
        "WARN GET /accounts sent no total_count, so this listing's completeness could not be checked against a count (its pages and ids were checked, in one pass)"
      ])
    }))

  it.effect("no warning for a counted listing, a filtered one that lists its total_count, or one that fails (its error says why)", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<[string, Behaviour, StreamParams]> = [
        ["counted", {}, {}],
        ["filtered, counted exactly", { countMatching: true }, { per_page: 5, name: "acct-1" }],
        ["failed", { total: () => undefined, length: (c) => (c.page === 1 ? 60 : undefined) }, { maxPasses: 1 }]
      ]
      for (const [label, behaviour, params] of cases) {
        const { fake } = tenant(120, behaviour)
        const warnings: Array<ListingWarning> = []
        const { lines, logged } = captureLogs()
        // called, not only run, when there is something to say
        const onWarning = (w: ListingWarning) => {
          warnings.push(w)
          return Effect.void
        }
        const { end } = yield* logged(listAll(yield* clientFor(fake), { ...params, onWarning }))
        assert.strictEqual(Either.isRight(end), label !== "failed", label)
        assert.deepStrictEqual(warnings, [], label)
        assert.deepStrictEqual(lines, [], label)
      }
    }))
})
