/**
 * Job creation when D1 fails at the worst moment, on SQLite with the real migrations: a batch
 * answered with an error after it committed (the answer lost on the way back), and a replay
 * that cannot be read. The job exists and will run (the cron resumes its enqueue), so the
 * caller must get its id, never a bare failure.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { Database, DatabaseError } from "../src/platform/Database.js"
import { IdGenerator } from "../src/platform/IdGenerator.js"
import * as JobRequest from "../src/jobs/JobRequest.js"
import * as Jobs from "../src/jobs/Jobs.js"
import { JobsQueue } from "../src/platform/Queues.js"
import { Settings } from "../src/platform/Settings.js"
import * as SqliteDatabase from "./support/SqliteDatabase.js"

const JOB = `job_${"2".repeat(32)}`
const ACCOUNTS = ["0123456789abcdef0123456789abcdef", "1123456789abcdef0123456789abcdef"]
const request = Schema.decodeUnknownSync(JobRequest.EnforceTwofactorList)({ kind: "enforce-twofactor", account_ids: ACCOUNTS })

/** D1 as seen from a worker that loses the batch's answer: committed, yet an error; reads fail too if `readsFail`. */
const lostAnswer = (readsFail: boolean) => {
  const db = SqliteDatabase.make()
  const lost = (operation: string) => new DatabaseError({ operation, cause: new Error("D1_ERROR: Network connection lost.") })
  const service: Database["Type"] = {
    ...db.service,
    first: (operation, query) => (readsFail ? Effect.fail(lost(operation)) : db.service.first(operation, query)),
    batch: (operation, queries) => Effect.zipRight(db.service.batch(operation, queries), Effect.fail(lost(operation)))
  }
  const sent: Array<string> = []
  const layer = Layer.mergeAll(
    Layer.succeed(Database, service),
    Layer.succeed(IdGenerator, { next: () => Effect.succeed(JOB) }),
    Layer.succeed(JobsQueue, {
      send: (messages) => Effect.sync(() => void sent.push(...messages.map((message) => message.accountId)))
    }),
    Settings.layerConfig
  )
  return { db, sent, layer }
}

describe("Jobs.create", () => {
  it.effect("a replay that D1 fails to read names the job the key stands for", () =>
    Effect.gen(function* () {
      const db = SqliteDatabase.make()
      const idempotency = Option.some({ key: "k-1", requestHash: "h" })
      const layer = (service: Database["Type"]) =>
        Layer.mergeAll(
          Layer.succeed(Database, service),
          Layer.succeed(IdGenerator, { next: () => Effect.succeed(JOB) }),
          Layer.succeed(JobsQueue, { send: () => Effect.void }),
          Settings.layerConfig
        )
      yield* Jobs.create(request, idempotency).pipe(Effect.provide(layer(db.service)))
      // Counting the job's items fails.
      const failing: Database["Type"] = {
        ...db.service,
        all: (operation) => Effect.fail(new DatabaseError({ operation, cause: new Error("D1_ERROR: overloaded") }))
      }
      const result = yield* Effect.either(Jobs.create(request, idempotency).pipe(Effect.provide(layer(failing))))
      assert.isTrue(Either.isLeft(result))
      if (Either.isRight(result)) return
      assert.strictEqual(result.left._tag, "DatabaseError")
      assert.include(result.left.message, `job ${JOB}`)
    })
  )

  it.effect("answers a job D1 recorded despite reporting an error, and enqueues it", () =>
    Effect.gen(function* () {
      const { db, sent, layer } = lostAnswer(false)
      const created = yield* Jobs.create(request, Option.none()).pipe(Effect.provide(layer))
      assert.deepStrictEqual(created.job, { id: JOB, kind: "enforce-twofactor", total: 2, status: "running" })
      assert.isFalse(created.replayed)
      assert.deepStrictEqual(sent, ACCOUNTS)
      assert.deepStrictEqual(db.sqlite.prepare("SELECT sent FROM jobs WHERE id = ?").all(JOB), [{ sent: 2 }])
    })
  )

  it.effect("when whether it was recorded cannot be read either, the error names the job and how to look", () =>
    Effect.gen(function* () {
      const { sent, layer } = lostAnswer(true)
      const result = yield* Effect.either(Jobs.create(request, Option.none()).pipe(Effect.provide(layer)))
      assert.isTrue(Either.isLeft(result))
      if (Either.isRight(result)) return
      assert.strictEqual(result.left._tag, "DatabaseError")
      assert.include(result.left.message, `job ${JOB}`)
      assert.deepStrictEqual(sent, [])
    })
  )
})
