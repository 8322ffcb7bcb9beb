/**
 * The queue consumer: dispatches a batch by queue name to the job worker, the sync
 * chunk worker or the dead-letter handler, with bounded concurrency, and acknowledges
 * or retries each message.
 */
import type { Message, MessageBatch } from "@cloudflare/workers-types/index.ts"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as CloudflareClient from "./CloudflareClient.js"
import { QueueNames } from "./Env.js"
import * as Failure from "./Failure.js"
import { JobMessage } from "./jobs/JobMessage.js"
import * as JobWorker from "./jobs/JobWorker.js"
import { ack, type Outcome, retry } from "./Outcome.js"
import { Settings } from "./Settings.js"
import * as Sync from "./sync/Sync.js"
import { SyncMessage } from "./sync/SyncMessage.js"

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

const handleJobs = (batch: MessageBatch<unknown>) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    yield* Effect.forEach(
      batch.messages,
      (message) => {
        const body = decodeJob(message.body)
        const program =
          body._tag === "None"
            ? Effect.as(Effect.logWarning(`dropping malformed job message ${message.id}`), ack)
            : JobWorker.handle(body.value, message.attempts)
        return Effect.flatMap(orRetry(message, program), (outcome) => settle(message, outcome))
      },
      { concurrency: settings.concurrency, discard: true }
    )
  }).pipe(Effect.provide(CloudflareClient.layer))

const handleSync = (batch: MessageBatch<unknown>) =>
  Effect.forEach(
    batch.messages,
    (message) => {
      const body = decodeSync(message.body)
      const program =
        body._tag === "None"
          ? Effect.as(Effect.logWarning(`dropping malformed sync message ${message.id}`), ack)
          : Sync.runChunk(body.value, message.attempts)
      return Effect.flatMap(orRetry(message, program), (outcome) => settle(message, outcome))
    },
    { discard: true }
  ).pipe(Effect.provide(CloudflareClient.layer))

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
            ? Sync.deadLettered(sync.value)
            : Effect.logWarning(`dropping malformed dead letter ${message.id}`)
      return Effect.flatMap(orRetry(message, Effect.as(program, ack)), (outcome) => settle(message, outcome))
    },
    { discard: true }
  )

export const handle = (batch: MessageBatch<unknown>) => {
  const program =
    batch.queue === QueueNames.jobs
      ? handleJobs(batch)
      : batch.queue === QueueNames.sync
        ? handleSync(batch)
        : batch.queue === QueueNames.deadLetter
          ? handleDeadLetters(batch)
          : Effect.logWarning(`no consumer for queue ${batch.queue}`)
  return program.pipe(
    Effect.catchAll((error) =>
      // The client could not be built (e.g. a missing secret): every message goes back to the queue.
      Effect.zipRight(Effect.logError(Failure.toRecord(error).message), Effect.sync(() => batch.retryAll({ delaySeconds: 60 })))
    ),
    Effect.withSpan("Queue.handle", { attributes: { queue: batch.queue, messages: batch.messages.length } })
  )
}
