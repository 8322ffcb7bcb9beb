/**
 * The jobs queue consumer: claims one item, applies it with the client, records its outcome.
 *
 * One effect per item under redelivery: a delivery first claims the item (`JobsTable.claim`,
 * one conditional UPDATE); only the winner calls the API. A delivery that loses the claim
 * is acknowledged without a call and without spending an attempt: the item is settled, or
 * another delivery holds it. In the second case a check is sent for when that lease ends, so
 * an item whose consumer crashed is claimed again then. Transient failures (the client's
 * `isTransient`) put the item back to `pending` and the message back on the queue with a
 * delay, until `JOB_MAX_ATTEMPTS` claims; anything else is recorded as failed with its error.
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as Merge from "@cf-accounts/client/Merge"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as JobsTable from "../db/JobsTable.js"
import * as Failure from "../Failure.js"
import { ack, retry } from "../QueueOutcome.js"
import { JobsQueue } from "../Queues.js"
import { Settings } from "../Settings.js"
import type { JobMessage } from "./JobMessage.js"

const iso = (ms: number) => new Date(ms).toISOString()

/** Applies one item: `done`, or `skipped` when the account needs no change. */
const apply = (job: JobsTable.JobRow, accountId: string) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    if (job.kind === "enforce-twofactor") {
      const account = yield* client.get(accountId)
      if (account.settings?.enforce_twofactor === true) return "skipped" as const
      // The read-modify-write of `patch`, with the read above: every field the server sent is written back.
      yield* client.update(Merge.account(account, { settings: { enforce_twofactor: true } }))
      return "done" as const
    }
    // Written by Jobs.create from a validated move request: it always has the destination.
    const params = JSON.parse(job.params) as { destination_organization_id: string }
    yield* client.move(accountId, params.destination_organization_id)
    return "done" as const
  })

/** Requests one item may need (enforce-twofactor: a read and a write; move: one). */
export const ITEM_COST = 2

/** Queues accept a delay of at most 24 hours. */
const MAX_DELAY_SECONDS = 24 * 60 * 60

/** A delivery that lost the claim: acknowledged; if a lease holds the item, checked again when it ends. */
const lostClaim = (message: JobMessage, nowMs: number) =>
  Effect.gen(function* () {
    const item = yield* JobsTable.getItem(message.jobId, message.accountId)
    if (Option.isSome(item) && item.value.state === "running" && item.value.lease_until !== null) {
      const seconds = Math.ceil((Date.parse(item.value.lease_until) - nowMs) / 1000) + 1
      yield* Effect.flatMap(JobsQueue, (queue) => queue.send([message], Math.min(MAX_DELAY_SECONDS, Math.max(1, seconds))))
    }
    return ack
  })

export const handle = Effect.fn("JobWorker.handle")(function* (message: JobMessage) {
  const settings = yield* Settings
  const job = yield* JobsTable.get(message.jobId)
  if (Option.isNone(job)) return ack
  const startMs = yield* Clock.currentTimeMillis
  const leaseUntil = iso(startMs + settings.jobLeaseSeconds * 1000)
  const claimed = yield* JobsTable.claim(message.jobId, message.accountId, iso(startMs), leaseUntil)
  if (Option.isNone(claimed)) return yield* lostClaim(message, startMs)
  // Claims that reached the API, this one included (deliveries deferred by the budget or
  // losing the claim do not count).
  const attempts = claimed.value
  const claim = { jobId: message.jobId, accountId: message.accountId, leaseUntil }
  const record = (state: Exclude<JobsTable.ItemState, "running">, error: unknown) =>
    Effect.flatMap(Clock.currentTimeMillis, (ms) => JobsTable.settle(claim, state, error, iso(ms))).pipe(
      Effect.tap((settled) =>
        settled
          ? Effect.void
          : Effect.logWarning(`job ${message.jobId} item ${message.accountId}: the claim was lost before its outcome was recorded`)
      )
    )
  return yield* apply(job.value, message.accountId).pipe(
    Effect.matchEffect({
      onSuccess: (state) => Effect.as(record(state, undefined), ack),
      onFailure: (error) => {
        const again = Failure.isTransient(error) && attempts < settings.jobMaxAttempts
        return Effect.as(
          record(again ? "pending" : "failed", Failure.toRecord(error)),
          again ? retry(Failure.retryDelaySeconds(error, attempts, settings.retryBaseDelaySeconds)) : ack
        )
      }
    })
  )
})

/** An item that exhausted the queue's retries: recorded as failed, unless a live claim holds it. */
export const deadLettered = (message: JobMessage) =>
  Effect.flatMap(Clock.currentTimeMillis, (ms) =>
    JobsTable.failUnclaimed(
      message.jobId,
      message.accountId,
      { tag: "DeadLettered", message: "the queue gave up on this item" },
      iso(ms)
    )
  )
