/**
 * The queue consumer: dispatches a batch by queue name to the job worker, the sync
 * chunk worker (page ranges and deletion checks) or the dead-letter handler, with bounded concurrency, and acknowledges
 * or retries each message.
 */
import type { Message, MessageBatch } from "@cloudflare/workers-types/index.ts"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as CloudflareClient from "../platform/CloudflareApi.js"
import type { DatabaseError } from "../platform/Database.js"
import * as JobsTable from "../db/JobsTable.js"
import * as RateBudget from "../db/RateBudget.js"
import { QueueNames } from "../platform/Env.js"
import * as Failure from "../platform/Failure.js"
import { JobMessage } from "../platform/JobMessage.js"
import * as JobWorker from "../jobs/JobWorker.js"
import { ack, type Outcome, retry } from "../platform/QueueOutcome.js"
import { JobsQueue, type QueueSendError, SyncQueue } from "../platform/Queues.js"
import type { Services } from "../platform/Services.js"
import { Settings } from "../platform/Settings.js"
import * as FanOut from "../sync/FanOut.js"
import { cost as syncCost, SyncMessage } from "../platform/SyncMessage.js"

const decodeJob = Schema.decodeUnknownOption(JobMessage)
const decodeSync = Schema.decodeUnknownOption(SyncMessage)

const settle = (message: Message<unknown>, outcome: Outcome) =>
  Effect.sync(() => (outcome._tag === "Ack" ? message.ack() : message.retry({ delaySeconds: outcome.delaySeconds })))

/** A database hiccup is worth another delivery; anything else unexpected is logged and dropped. */
const orRetry = <R>(message: Message<unknown>, program: Effect.Effect<Outcome, unknown, R>) =>
  Effect.catchAll(program, (error) =>
    Effect.as(
      Effect.logWarning(`message ${message.id}: ${Failure.toRecord(error).message}`),
      Failure.isTransient(error) ? retry(5) : ack
    )
  )

/**
 * Takes what the batch needs from the shared request budget, for `purpose` (a sync's page
 * ranges and deletion checks, or job items: see `RateBudget`); messages it cannot cover are sent again, delayed
 * to the next window, and acknowledged (so waiting for the budget does not use up the
 * queue's retries, and a sync longer than a window pauses and resumes instead of failing).
 */
const withinBudget = <A>(
  messages: ReadonlyArray<{ readonly message: Message<unknown>; readonly body: A }>,
  purpose: RateBudget.Purpose,
  cost: (body: A) => number,
  resend: (bodies: ReadonlyArray<A>, delaySeconds: number) => Effect.Effect<void, QueueSendError>
) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    if (settings.budgetRequests === 0) return messages
    // A message costing more than `purpose` can ever get in a window could never run: it takes that much.
    const most = yield* RateBudget.ceiling(purpose)
    const costOf = (body: A) => Math.min(cost(body), most)
    const wanted = messages.reduce((sum, m) => sum + costOf(m.body), 0)
    const grant = yield* RateBudget.take(Math.min(wanted, most), "partial", purpose)
    let left = grant.granted
    let allowed = 0
    while (allowed < messages.length) {
      const next = messages[allowed]
      if (next === undefined || costOf(next.body) > left) break
      left -= costOf(next.body)
      allowed++
    }
    const deferred = messages.slice(allowed)
    if (deferred.length > 0) {
      // Spread the deferred work over the start of the next window (its first tenth, at most 30 s).
      const jitter = yield* Random.nextIntBetween(0, Math.min(30, Math.floor(settings.budgetWindowSeconds / 10)) + 1)
      yield* resend(
        deferred.map((m) => m.body),
        grant.nextWindowSeconds + jitter
      )
      yield* Effect.sync(() => {
        for (const m of deferred) m.message.ack()
      })
      yield* Effect.logInfo(`request budget spent: ${deferred.length} messages deferred to the next window`)
    }
    return messages.slice(0, allowed)
  })

const decodeAll = <A>(batch: MessageBatch<unknown>, decode: (u: unknown) => Option.Option<A>) =>
  Effect.gen(function* () {
    const valid: Array<{ readonly message: Message<unknown>; readonly body: A }> = []
    for (const message of batch.messages) {
      const body = decode(message.body)
      if (Option.isSome(body)) valid.push({ message, body: body.value })
      else {
        yield* Effect.logWarning(`dropping malformed message ${message.id} on ${batch.queue}`)
        yield* Effect.sync(() => message.ack())
      }
    }
    return valid
  })

const handleJobs = (batch: MessageBatch<unknown>) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    const queue = yield* JobsQueue
    const valid = yield* decodeAll(batch, decodeJob)
    // A delivery of a settled item makes no call (its claim fails): acknowledged before the
    // budget is charged, so duplicates from a resume or the cron do not hold up real work.
    const settled = yield* JobsTable.settled(valid.map(({ body }) => body))
    const open = valid.filter(({ body }) => !settled.has(JobsTable.itemKey(body)))
    yield* Effect.sync(() => {
      for (const { message, body } of valid) if (settled.has(JobsTable.itemKey(body))) message.ack()
    })
    const now = yield* withinBudget(open, "job", () => JobWorker.ITEM_COST, queue.send)
    yield* Effect.forEach(
      now,
      ({ message, body }) =>
        Effect.flatMap(orRetry(message, JobWorker.handle(body)), (outcome) => settle(message, outcome)),
      { concurrency: settings.concurrency, discard: true }
    )
  }).pipe(Effect.provide(CloudflareClient.layer))

const handleSync = (batch: MessageBatch<unknown>) =>
  Effect.gen(function* () {
    const queue = yield* SyncQueue
    const valid = yield* decodeAll(batch, decodeSync)
    const now = yield* withinBudget(valid, "sync", syncCost, queue.send)
    yield* Effect.forEach(
      now,
      ({ message, body }) =>
        Effect.flatMap(orRetry(message, FanOut.runChunk(body, message.attempts)), (outcome) => settle(message, outcome)),
      { discard: true }
    )
  }).pipe(Effect.provide(CloudflareClient.layer))

const handleDeadLetters = (batch: MessageBatch<unknown>) =>
  Effect.forEach(
    batch.messages,
    (message) => {
      const job = decodeJob(message.body)
      const sync = decodeSync(message.body)
      const program =
        job._tag === "Some"
          ? JobWorker.deadLettered(job.value)
          : sync._tag === "Some"
            ? FanOut.deadLettered(sync.value)
            : Effect.logWarning(`dropping malformed dead letter ${message.id}`)
      return Effect.flatMap(orRetry(message, Effect.as(program, ack)), (outcome) => settle(message, outcome))
    },
    { discard: true }
  )

export const handle = (batch: MessageBatch<unknown>) => {
  const program: Effect.Effect<void, ConfigurationError | DatabaseError | QueueSendError, Services> =
    batch.queue === QueueNames.jobs
      ? handleJobs(batch)
      : batch.queue === QueueNames.sync
        ? handleSync(batch)
        : batch.queue === QueueNames.deadLetter
          ? handleDeadLetters(batch)
          : Effect.logWarning(`no consumer for queue ${batch.queue}`)
  return program.pipe(
    Effect.catchAll((error) =>
      // The client could not be built (a missing secret), or D1 or the queue failed before any
      // message was settled: every message not yet settled goes back to the queue.
      Effect.zipRight(Effect.logError(Failure.toRecord(error).message), Effect.sync(() => batch.retryAll({ delaySeconds: 60 })))
    ),
    Effect.withSpan("Queue.handle", { attributes: { queue: batch.queue, messages: batch.messages.length } })
  )
}
