import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as TestClock from "effect/TestClock"
import * as RetryPolicy from "../src/RetryPolicy.js"
import { fail, makeFake, ok, type Recorded, type Reply } from "./fakeHttp.js"
import { ACCOUNT_ID, account, clientFor, clocked, idOf, lookup } from "./fixtures.js"

/** Full jitter with a fixed random value of 1: every wait is the backoff ceiling. */
const maxJitter = Effect.withRandom(Random.fixed([1]))

/** Times (TestClock millis) at which each request was received. */
const timedFake = (replies: (index: number, request: Recorded) => Reply) => {
  const times: Array<number> = []
  const fake = makeFake((request, index) =>
    Effect.map(Effect.clockWith((clock) => clock.currentTimeMillis), (now) => {
      times.push(now)
      return replies(index, request)
    })
  )
  return { ...fake, times }
}

const sequence = (...replies: ReadonlyArray<Reply>) => (index: number) => replies[Math.min(index, replies.length - 1)]!

describe("RetryPolicy", () => {
  it("backoff ceilings double from 500 ms and stop at 8 s", () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6].map((n) => Duration.toMillis(RetryPolicy.backoffCeiling(RetryPolicy.defaults, n)))
    assert.deepStrictEqual(ceilings, [500, 1000, 2000, 4000, 8000, 8000, 8000])
  })

  it.effect("retries a 503 with jittered exponential waits, 4 attempts in all", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => fail(503))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(maxJitter(client.get(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(fake.times, [0, 500, 1500, 3500])
    }))

  it.effect("full jitter: a random fraction of the ceiling", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => fail(500))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(Effect.withRandom(Random.fixed([0.5]))(client.get(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.await(fiber)
      assert.deepStrictEqual(fake.times, [0, 250, 750, 1750])
    }))

  it.effect("succeeds when a retry succeeds", () =>
    Effect.gen(function* () {
      const fake = timedFake(sequence(fail(502), { transport: { code: "ECONNRESET" } }, ok(account(ACCOUNT_ID, "A"))))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(maxJitter(client.get(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.name, "A")
      assert.strictEqual(fake.requests.length, 3)
    }))

  for (const status of [408, 429, 500, 502, 503, 504, 520, 522, 524]) {
    it.effect(`retries ${status}`, () =>
      Effect.gen(function* () {
        const fake = timedFake(sequence(fail(status), ok(account(ACCOUNT_ID, "A"))))
        const client = yield* clientFor(fake)
        const fiber = yield* Effect.fork(maxJitter(client.get(ACCOUNT_ID)))
        yield* TestClock.adjust("1 minute")
        yield* Fiber.join(fiber)
        assert.strictEqual(fake.requests.length, 2)
      }))
  }

  for (const status of [400, 401, 403, 404, 409, 422, 501]) {
    it.effect(`does not retry ${status}`, () =>
      Effect.gen(function* () {
        const fake = timedFake(() => fail(status))
        const client = yield* clientFor(fake)
        const fiber = yield* Effect.fork(maxJitter(client.get(ACCOUNT_ID)))
        yield* TestClock.adjust("1 minute")
        const exit = yield* Fiber.await(fiber)
        assert.isTrue(Exit.isFailure(exit))
        assert.strictEqual(fake.requests.length, 1)
      }))
  }

  it.effect("honours Retry-After in seconds", () =>
    Effect.gen(function* () {
      const fake = timedFake(sequence(fail(429, [], { "retry-after": "3" }), ok(account(ACCOUNT_ID, "A"))))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.get(ACCOUNT_ID))
      yield* TestClock.adjust("2999 millis")
      assert.strictEqual(fake.requests.length, 1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.times, [0, 3000])
    }))

  it.effect("honours retry-after-ms over Retry-After", () =>
    Effect.gen(function* () {
      const fake = timedFake(sequence(fail(429, [], { "retry-after-ms": "1500", "retry-after": "2" }), ok(account(ACCOUNT_ID, "A"))))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.get(ACCOUNT_ID))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.times, [0, 1500])
    }))

  it.effect("honours Retry-After as an HTTP date, and on a 503", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-01-01T00:00:00Z"))
      const fake = timedFake(
        sequence(fail(503, [], { "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }), ok(account(ACCOUNT_ID, "A")))
      )
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.get(ACCOUNT_ID))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(
        fake.times.map((t) => t - Date.parse("2026-01-01T00:00:00Z")),
        [0, 10_000]
      )
    }))

  it.effect("a Retry-After beyond maxRetryAfter fails at once with RateLimitedError carrying it", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => fail(429, [], { "retry-after": "120" }))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "RateLimitedError")
      if (error._tag !== "RateLimitedError") return
      assert.deepStrictEqual(Option.map(Option.fromNullable(error.retryAfter), Duration.toMillis), Option.some(120_000))
      assert.strictEqual(fake.requests.length, 1)
    }))

  it.effect("a 503 keeps the server's Retry-After on ServerError.retryAfter, and one beyond maxRetryAfter fails at once", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => fail(503, [], { "retry-after-ms": "90000" }))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ServerError")
      if (error._tag !== "ServerError") return
      assert.deepStrictEqual(Option.map(Option.fromNullable(error.retryAfter), Duration.toMillis), Option.some(90_000))
      assert.include(error.message, "Retry after 1m 30s")
      assert.strictEqual(fake.requests.length, 1)
    }))

  it.effect("a 503 that gave up after retries carries the last Retry-After", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => fail(503, [], { "retry-after": "2" }))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(Effect.flip(client.get(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "ServerError")
      if (error._tag !== "ServerError") return
      assert.deepStrictEqual(Option.map(Option.fromNullable(error.retryAfter), Duration.toMillis), Option.some(2_000))
      assert.deepStrictEqual(fake.times, [0, 2_000, 4_000, 6_000])
    }))

  it.effect("maxRetryAfter is configurable", () =>
    Effect.gen(function* () {
      const fake = timedFake(sequence(fail(429, [], { "retry-after": "120" }), ok(account(ACCOUNT_ID, "A"))))
      const client = yield* clientFor(fake, { retry: { maxRetryAfter: "5 minutes" } })
      const fiber = yield* Effect.fork(client.get(ACCOUNT_ID))
      yield* TestClock.adjust("3 minutes")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.times, [0, 120_000])
    }))

  it.effect("no attempt starts after maxElapsed", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => fail(503, [], { "retry-after": "10" }))
      const client = yield* clientFor(fake, { retry: { maxAttempts: 100, maxElapsed: "25 seconds" } })
      const fiber = yield* Effect.fork(client.get(ACCOUNT_ID))
      yield* TestClock.adjust("10 minutes")
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      assert.deepStrictEqual(fake.times, [0, 10_000, 20_000])
    }))

  it.effect("a hanging attempt times out after the per-attempt timeout and is retried", () =>
    Effect.gen(function* () {
      const fake = timedFake(sequence({ hang: true }, ok(account(ACCOUNT_ID, "A"))))
      const client = yield* clientFor(fake, { timeout: "10 seconds" })
      const fiber = yield* Effect.fork(maxJitter(client.get(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(fake.times, [0, 10_500])
    }))

  it.effect("the overall deadline bounds the call, retries included", () =>
    Effect.gen(function* () {
      const fake = timedFake(() => ({ hang: true }))
      const client = yield* clientFor(fake, { timeout: "60 seconds", deadline: "90 seconds" })
      const fiber = yield* Effect.fork(maxJitter(client.get(ACCOUNT_ID)))
      yield* TestClock.adjust("5 minutes")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag !== "TimeoutError") return
      assert.strictEqual(Duration.toMillis(error.timeout), 90_000)
      assert.deepStrictEqual(fake.times, [0, 60_500])
    }))

  it.effect("logs every attempt and every wait, without secrets or query values", () =>
    Effect.gen(function* () {
      const lines: Array<string> = []
      const logger = Logger.make(({ message }) => {
        lines.push(Array.isArray(message) ? message.join(" ") : String(message))
      })
      const fake = timedFake(sequence(fail(503), ok([], { result_info: { page: 1, per_page: 5, count: 0, total_count: 0 } })))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(
        maxJitter(client.list({ name: "secret-ish name", per_page: 5 })).pipe(
          Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
          Logger.withMinimumLogLevel(LogLevel.Debug)
        )
      )
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(lines, [
        "HTTP GET /accounts 503 in 0ms (attempt 1)",
        "retrying GET /accounts in 500ms after 503 (attempt 2 of 4)",
        "HTTP GET /accounts 200 in 0ms (attempt 2)"
      ])
    }))
})

describe("create never sends twice", () => {
  const NAME = "Made Up Co"
  /** A lookup's answer, dated by the server (the baseline's time for reconciliation). */
  const listing = lookup
  /**
   * POST number n (from 0) gets `post(n)`; a lookup by name gets `before` until the
   * first POST (the baseline) and `after` from then on.
   */
  const createFake = (post: (n: number) => Reply, after: Reply = listing([]), before: Reply = listing([])) => {
    let posts = 0
    return timedFake((_index, request) => (request.method === "POST" ? post(posts++) : posts === 0 ? before : after))
  }
  const calls = (fake: { readonly requests: ReadonlyArray<Recorded> }) =>
    fake.requests.map((r) => `${r.method} ${r.url.pathname.replace("/client/v4", "")}`)

  it.effect("retries after a 429 (not processed)", () =>
    Effect.gen(function* () {
      const fake = createFake(sequence(fail(429, [], { "retry-after": "1" }), ok(account(ACCOUNT_ID, NAME))))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.create({ name: NAME }))
      yield* TestClock.adjust("1 minute")
      const created = yield* Fiber.join(fiber)
      assert.strictEqual(created.account.id, ACCOUNT_ID)
      assert.strictEqual(created.source, "answer")
      assert.deepStrictEqual(calls(fake), ["GET /accounts", "POST /accounts", "POST /accounts"])
    }))

  it.effect("retries after a refused connection (not sent)", () =>
    Effect.gen(function* () {
      const fake = createFake(sequence({ transport: { code: "ECONNREFUSED" } }, ok(account(ACCOUNT_ID, NAME))))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(maxJitter(client.create({ name: NAME })))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(calls(fake), ["GET /accounts", "POST /accounts", "POST /accounts"])
    }))

  const ambiguous: ReadonlyArray<readonly [string, Reply]> = [
    ["a timeout", { hang: true }],
    ["a reset after sending", { transport: { code: "ECONNRESET" } }],
    ["a 500", fail(500)],
    ["a 502 from the edge", { status: 502, text: "<html>bad gateway</html>" }],
    ["a 408", fail(408)]
  ]
  for (const [what, reply] of ambiguous) {
    it.effect(`after ${what}: not sent again, reconciled by name`, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
        const existing = account(OTHER, NAME, { created_on: "2025-01-01T00:00:00Z" })
        const fake = createFake(
          () => reply,
          listing([
            existing,
            account(idOf(7), `${NAME} 2`, { created_on: "2026-03-01T12:00:30Z" }),
            account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:30Z" })
          ]),
          listing([existing])
        )
        const client = yield* clientFor(fake)
        const fiber = yield* Effect.fork(maxJitter(client.create({ name: NAME })))
        yield* TestClock.adjust("5 minutes")
        const created = yield* Fiber.join(fiber)
        assert.strictEqual(created.account.id, ACCOUNT_ID)
        assert.strictEqual(created.source, "lookup")
        assert.deepStrictEqual(calls(fake), ["GET /accounts", "POST /accounts", "GET /accounts"])
        assert.strictEqual(fake.requests[0]!.url.searchParams.get("name"), NAME)
        assert.strictEqual(fake.requests[2]!.url.searchParams.get("name"), NAME)
      }))
  }

  it.effect("goes by the server's clock (the baseline's Date header), not the local one", () =>
    Effect.gen(function* () {
      // The local clock is 10 minutes ahead of the server's.
      yield* TestClock.setTime(Date.parse("2026-03-01T12:10:00Z"))
      const fake = createFake(() => fail(500), listing([account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })]))
      const client = yield* clientFor(fake)
      const created = yield* clocked(client.create({ name: NAME }))
      assert.strictEqual(created.account.id, ACCOUNT_ID)
      assert.strictEqual(created.source, "lookup")
    }))

  it.effect("no match: OutcomeUnknownError, and the create is not sent again", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const fake = createFake(() => fail(503))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
    }))

  it.effect("two matches: OutcomeUnknownError", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const fake = createFake(
        () => fail(503),
        listing([
          account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" }),
          account(OTHER, NAME, { created_on: "2026-03-01T12:00:02Z" })
        ])
      )
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
    }))

  it.effect("a failing lookup: OutcomeUnknownError", () =>
    Effect.gen(function* () {
      const fake = createFake(() => fail(503), fail(403))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
    }))

  it.effect("the deadline cutting a request short is ambiguous: looked up, not resent", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.parse("2026-03-01T12:00:00Z"))
      const fake = createFake(
        () => ({ hang: true }),
        listing([account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:05Z" })])
      )
      const client = yield* clientFor(fake, { timeout: "60 seconds", deadline: "30 seconds" })
      const fiber = yield* Effect.fork(client.create({ name: NAME }))
      yield* TestClock.adjust("1 minute")
      const created = yield* Fiber.join(fiber)
      assert.strictEqual(created.account.id, ACCOUNT_ID)
      assert.deepStrictEqual(calls(fake), ["GET /accounts", "POST /accounts", "GET /accounts"])
    }))

  it.effect("a 429 asking for a wait that outlasts the deadline ends the call with that 429 at once: nothing was processed", () =>
    Effect.gen(function* () {
      const fake = createFake(() => fail(429, [], { "retry-after": "50" }))
      const client = yield* clientFor(fake, { deadline: "30 seconds" })
      const fiber = yield* Effect.fork(client.create({ name: NAME }))
      // The create waits one second after its baseline lookup; nothing more.
      yield* TestClock.adjust("1 second")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "RateLimitedError")
      if (error._tag !== "RateLimitedError") return
      assert.strictEqual(Duration.toMillis(error.retryAfter ?? Duration.zero), 50_000)
      assert.deepStrictEqual(calls(fake), ["GET /accounts", "POST /accounts"])
    }))

  it.effect("a 400 fails as it is, without a lookup", () =>
    Effect.gen(function* () {
      const fake = createFake(() => fail(400, [{ code: 1, message: "bad name" }]))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "BadRequestError")
      assert.deepStrictEqual(calls(fake), ["GET /accounts", "POST /accounts"])
    }))
})

const OTHER = "fedcba9876543210fedcba9876543210"

describe("delete after an ambiguous attempt", () => {
  /** The GET that confirms the account exists gets `get`; DELETE number n (from 0) gets `deletes(n)`. */
  const deleteFake = (deletes: (n: number) => Reply, get: Reply = ok(account(ACCOUNT_ID, "A"))) => {
    let n = 0
    return timedFake((_index, request) => (request.method === "DELETE" ? deletes(n++) : get))
  }

  it.effect("a 404 on a retry after a 503 is success: the account was there before the first DELETE", () =>
    Effect.gen(function* () {
      const fake = deleteFake(sequence(fail(503), fail(404)))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(maxJitter(client.delete(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(result, { id: ACCOUNT_ID })
      assert.deepStrictEqual(
        fake.requests.map((r) => r.method),
        ["GET", "DELETE", "DELETE"]
      )
    }))

  it.effect("a 404 on a retry after a timeout is success", () =>
    Effect.gen(function* () {
      const fake = deleteFake(sequence({ hang: true }, fail(404)))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(maxJitter(client.delete(ACCOUNT_ID)))
      yield* TestClock.adjust("2 minutes")
      const result = yield* Fiber.join(fiber)
      assert.deepStrictEqual(result, { id: ACCOUNT_ID })
    }))

  it.effect("a 404 on a retry after a 429 (not processed) is NotFoundError", () =>
    Effect.gen(function* () {
      const fake = deleteFake(sequence(fail(429, [], { "retry-after": "1" }), fail(404)))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.delete(ACCOUNT_ID))
      yield* TestClock.adjust("1 minute")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "NotFoundError")
    }))

  it.effect("a 404 on the first attempt is NotFoundError", () =>
    Effect.gen(function* () {
      const fake = deleteFake(() => fail(404))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(client.delete(ACCOUNT_ID))
      assert.strictEqual(error._tag, "NotFoundError")
    }))

  it.effect("an id that never existed is NotFoundError and no DELETE is sent, even when a DELETE would meet a 503 first", () =>
    Effect.gen(function* () {
      const fake = deleteFake(sequence(fail(503), fail(404)), fail(404, [{ code: 1003, message: "not found" }]))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(maxJitter(client.delete(ACCOUNT_ID)))
      yield* TestClock.adjust("1 minute")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "NotFoundError")
      assert.strictEqual((error as { method?: string }).method, "GET")
      assert.deepStrictEqual(
        fake.requests.map((r) => r.method),
        ["GET"]
      )
    }))

  it.effect("a failing existence check fails the delete with nothing deleted", () =>
    Effect.gen(function* () {
      const fake = deleteFake(() => ok({ id: ACCOUNT_ID }), fail(403))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(client.delete(ACCOUNT_ID))
      assert.strictEqual(error._tag, "PermissionDeniedError")
      assert.isFalse(fake.requests.some((r) => r.method === "DELETE"))
    }))
})
