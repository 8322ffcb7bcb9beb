import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as AccountsClient from "../src/AccountsClient.js"
import * as RateLimiter from "../src/RateLimiter.js"
import { makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, account, clientFor } from "./fixtures.js"

describe("RateLimiter", () => {
  it.effect("lets `limit` requests through per sliding window, then waits for the oldest to leave", () =>
    Effect.gen(function* () {
      const limiter = yield* RateLimiter.make({ limit: 3, window: "10 seconds" })
      const times: Array<number> = []
      const take = (delay: number) =>
        Effect.sleep(delay).pipe(
          Effect.zipRight(limiter.take),
          Effect.zipRight(Clock.currentTimeMillis),
          Effect.map((t) => times.push(t))
        )
      const fiber = yield* Effect.fork(
        Effect.all([take(0), take(2000), take(4000), take(5000), take(6000), take(7000)], { concurrency: "unbounded" })
      )
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      // 4th waits for the 1st (t=0) to leave: 10 s; 5th for the 2nd (t=2 s): 12 s; 6th for the 3rd: 14 s
      assert.deepStrictEqual(times, [0, 2000, 4000, 10_000, 12_000, 14_000])
    }))

  it.effect("is shared by every call through one client", () =>
    Effect.gen(function* () {
      const times: Array<number> = []
      const fake = makeFake(() =>
        Effect.map(Clock.currentTimeMillis, (t) => {
          times.push(t)
          return ok(account(ACCOUNT_ID, "A"))
        })
      )
      const client = yield* clientFor(fake, { rateLimit: { limit: 2, window: "1 second" } })
      const fiber = yield* Effect.fork(
        Effect.all([client.get(ACCOUNT_ID), client.getProfile(ACCOUNT_ID).pipe(Effect.ignore), client.get(ACCOUNT_ID)], {
          concurrency: "unbounded"
        })
      )
      yield* TestClock.adjust("5 seconds")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(times, [0, 0, 1000])
    }))

  it.effect("can be turned off", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = yield* clientFor(fake, { rateLimit: false })
      yield* Effect.all(Array.from({ length: 5 }, () => client.get(ACCOUNT_ID)), { concurrency: "unbounded" })
      assert.strictEqual(fake.requests.length, 5)
    }))

  it.effect("retries take a slot too", () =>
    Effect.gen(function* () {
      const times: Array<number> = []
      const fake = makeFake((_r, index) =>
        Effect.map(Clock.currentTimeMillis, (t) => {
          times.push(t)
          return index === 0 ? { status: 503, json: { success: false, errors: [], result: null } } : ok(account(ACCOUNT_ID, "A"))
        })
      )
      const client = yield* clientFor(fake, { rateLimit: { limit: 1, window: "10 seconds" } })
      const fiber = yield* Effect.fork(client.get(ACCOUNT_ID))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.deepStrictEqual(times, [0, 10_000])
    }))
})

describe("forEach", () => {
  it.effect("bounds bulk concurrency (default 8) and keeps order", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(null))
      const client = yield* clientFor(fake)
      let inFlight = 0
      let max = 0
      const fiber = yield* Effect.fork(
        AccountsClient.forEach(Array.from({ length: 20 }, (_, i) => i), (i) =>
          Effect.gen(function* () {
            inFlight++
            max = Math.max(max, inFlight)
            yield* Effect.sleep(100)
            inFlight--
            return i * 2
          })
        ).pipe(Effect.provideService(AccountsClient.AccountsClient, client))
      )
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(max, 8)
      assert.deepStrictEqual(result, Array.from({ length: 20 }, (_, i) => i * 2))
    }))
})
