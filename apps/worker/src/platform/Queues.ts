/**
 * The producer side of the worker's queues, as services (so tests and handlers only
 * see `sendBatch`).
 */
import type { Queue } from "@cloudflare/workers-types/index.ts"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { JobMessage } from "./JobMessage.js"
import type { SyncMessage } from "./SyncMessage.js"

export class QueueSendError extends Data.TaggedError("QueueSendError")<{
  readonly cause: unknown
  /** Messages of the failed `send` that were sent before the failure (in their order). */
  readonly sent: number
}> {
  override get message(): string {
    return `could not send queue messages: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`
  }
}

/** Queues accept at most 100 messages per `sendBatch`. */
export const SEND_BATCH_LIMIT = 100

interface Producer<A> {
  /**
   * Sends the messages in `sendBatch` calls of at most `batchSize` (`QUEUE_SEND_BATCH`),
   * delivered after `delaySeconds` (default 0). A failure says how many were sent before it.
   */
  readonly send: (messages: ReadonlyArray<A>, delaySeconds?: number) => Effect.Effect<void, QueueSendError>
}

const producer = <A>(queue: Queue<A>, batchSize: number): Producer<A> => ({
  send: (messages, delaySeconds = 0) =>
    Effect.gen(function* () {
      for (let i = 0; i < messages.length; i += batchSize) {
        const chunk = messages.slice(i, i + batchSize).map((body) => ({ body, contentType: "json" as const, delaySeconds }))
        yield* Effect.tryPromise({ try: () => queue.sendBatch(chunk), catch: (cause) => new QueueSendError({ cause, sent: i }) })
      }
    })
})

export class JobsQueue extends Context.Tag("@cf-accounts/worker/JobsQueue")<JobsQueue, Producer<JobMessage>>() {
  static layer(queue: Queue<JobMessage>, batchSize: number = SEND_BATCH_LIMIT): Layer.Layer<JobsQueue> {
    return Layer.succeed(JobsQueue, producer(queue, batchSize))
  }
}

export class SyncQueue extends Context.Tag("@cf-accounts/worker/SyncQueue")<SyncQueue, Producer<SyncMessage>>() {
  static layer(queue: Queue<SyncMessage>, batchSize: number = SEND_BATCH_LIMIT): Layer.Layer<SyncQueue> {
    return Layer.succeed(SyncQueue, producer(queue, batchSize))
  }
}
