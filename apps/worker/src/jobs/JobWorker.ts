/**
 * The jobs queue consumer: applies one item with the client and records its outcome.
 *
 * Idempotent on redelivery: an item that is already `done` or `failed` is acknowledged
 * without a call. Transient failures (429, 5xx, network, timeouts) go back to the queue
 * with a delay until `JOB_MAX_ATTEMPTS` attempts; anything else is recorded as failed
 * with the Cloudflare error.
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as JobsTable from "../db/JobsTable.js"
import * as Failure from "../Failure.js"
import { now } from "../Timestamps.js"
import { ack, type Outcome, retry } from "../QueueOutcome.js"
import { Settings } from "../Settings.js"
import type { JobMessage } from "./JobMessage.js"

const apply = (job: JobsTable.JobRow, accountId: string) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    if (job.kind === "enforce-twofactor") {
      const account = yield* client.patch(accountId, { settings: { enforce_twofactor: true } })
      return { enforce_twofactor: account.settings?.enforce_twofactor ?? null }
    }
    // Written by Jobs.create from a validated move request: it always has the destination.
    const params = JSON.parse(job.params) as { destination_organization_id: string }
    const moved = yield* client.move(accountId, params.destination_organization_id)
    return { source_organization_id: moved.source_organization_id }
  })

/** Requests one item may need (enforce-twofactor: a read and a write; move: one). */
export const ITEM_COST = 2

export const handle = Effect.fn("JobWorker.handle")(function* (message: JobMessage) {
  const settings = yield* Settings
  const item = yield* JobsTable.getItem(message.jobId, message.accountId)
  if (Option.isNone(item) || item.value.state !== "pending") return ack
  // Attempts that reached the API, this one included (deliveries deferred by the budget do not count).
  const attempts = item.value.attempts + 1
  const job = yield* JobsTable.get(message.jobId)
  if (Option.isNone(job)) return ack
  yield* JobsTable.attempt(message.jobId, message.accountId, yield* now)
  return yield* apply(job.value, message.accountId).pipe(
    Effect.matchEffect({
      onSuccess: () =>
        Effect.flatMap(now, (time) => JobsTable.settle(message.jobId, message.accountId, "done", undefined, time)).pipe(
          Effect.as<Outcome>(ack)
        ),
      onFailure: (error) => {
        const record = Failure.toRecord(error)
        const again = Failure.isTransient(error) && attempts < settings.jobMaxAttempts
        return Effect.flatMap(now, (time) =>
          JobsTable.settle(message.jobId, message.accountId, again ? "pending" : "failed", record, time)
        ).pipe(
          Effect.as<Outcome>(
            again ? retry(Failure.retryDelaySeconds(error, attempts, settings.retryBaseDelaySeconds)) : ack
          )
        )
      }
    })
  )
})

/** An item that exhausted the queue's retries: recorded as failed. */
export const deadLettered = (message: JobMessage) =>
  Effect.flatMap(now, (time) =>
    JobsTable.settle(message.jobId, message.accountId, "failed", { tag: "DeadLettered", message: "the queue gave up on this item" }, time)
  )
