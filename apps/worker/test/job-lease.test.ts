/**
 * The job consumer's time bound, on SQLite with the real migrations and the Effect
 * `TestClock`: a delivery that won the claim stops its calls before its lease can expire, so
 * no second delivery can claim the item while the first one is still calling the API.
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import { Database } from "../src/platform/Database.js"
import * as JobsTable from "../src/db/JobsTable.js"
import * as JobWorker from "../src/jobs/JobWorker.js"
import { JobsQueue } from "../src/platform/Queues.js"
import { Settings } from "../src/platform/Settings.js"
import * as SqliteDatabase from "./support/SqliteDatabase.js"

const JOB = `job_${"1".repeat(32)}`
const ACCOUNT = "0123456789abcdef0123456789abcdef"
const LEASE_SECONDS = 60

describe("JobWorker", () => {
  it.effect("stops a slow but alive delivery before its lease ends: the item is pending again, retried, and no claim can overlap it", () =>
    Effect.gen(function* () {
      const db = SqliteDatabase.make()
      db.sqlite.exec(
        `INSERT INTO jobs (id, kind, params, created_at, total, sent) VALUES ('${JOB}', 'enforce-twofactor', '{}', 't', 1, 1);
         INSERT INTO job_items (job_id, account_id, state, attempts, updated_at) VALUES ('${JOB}', '${ACCOUNT}', 'pending', 0, 't')`
      )
      const reading = yield* Deferred.make<void>()
      // The account read (the read of the fix's read-modify-write) never answers: the API is slow, the consumer alive.
      const client = AccountsClient.of({
        patchWith: () => Effect.zipRight(Deferred.succeed(reading, undefined), Effect.never)
      } as unknown as AccountsClient["Type"]) // only `patchWith` is reached before the timeout
      const layer = Layer.mergeAll(
        Layer.succeed(Database, db.service),
        Layer.succeed(JobsQueue, { send: () => Effect.void }),
        Layer.succeed(AccountsClient, client),
        Settings.layerConfig.pipe(
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["JOB_LEASE_SECONDS", `${LEASE_SECONDS}`]]))))
        )
      )
      const fiber = yield* Effect.fork(
        JobWorker.handle({ type: "job-item", jobId: JOB, accountId: ACCOUNT }).pipe(Effect.provide(layer))
      )
      yield* Deferred.await(reading)
      // Let the timeout (if any) start its clock.
      for (let i = 0; i < 100 && (yield* TestClock.sleeps()).length === 0; i++) yield* Effect.yieldNow()

      // At 90% of the lease the delivery has given up: its outcome is recorded while the lease still holds.
      yield* TestClock.adjust(Duration.seconds(LEASE_SECONDS * 0.9))
      const outcome = yield* Fiber.poll(fiber)
      assert.isTrue(Option.isSome(outcome), "the delivery is still calling the API at 90% of its lease")
      assert.deepStrictEqual(yield* Fiber.join(fiber), { _tag: "Retry", delaySeconds: 10 })
      const item = yield* JobsTable.getItem(JOB, ACCOUNT).pipe(Effect.provide(Layer.succeed(Database, db.service)))
      assert.isTrue(Option.isSome(item))
      if (Option.isNone(item)) return
      assert.strictEqual(item.value.state, "pending")
      assert.strictEqual(item.value.attempts, 1)
      assert.isNull(item.value.lease_until)
      const error = JSON.parse(item.value.error ?? "null") as { tag: string; message: string }
      assert.strictEqual(error.tag, "JobItemTimeoutError")
      assert.include(error.message, "JOB_LEASE_SECONDS")
    })
  )
})
