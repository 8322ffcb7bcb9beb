/**
 * Creating bulk jobs (one pending item and one queue message per account) and
 * reporting their progress.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../db/Accounts.js"
import * as JobsTable from "../db/JobsTable.js"
import { IdGenerator } from "../Ids.js"
import { now } from "../Timestamps.js"
import { JobsQueue, SEND_BATCH_LIMIT } from "../Queues.js"
import type * as Responses from "../http/Responses.js"
import type { JobRequest } from "./JobRequest.js"

export interface Created {
  readonly id: string
  readonly kind: JobRequest["kind"]
  readonly total: number
}

/** Records the job, then enqueues one message per account. */
export const create = Effect.fn("Jobs.create")(function* (request: JobRequest) {
  const accountIds =
    request.account_ids === "all-noncompliant" ? yield* Accounts.withoutTwofactor : [...new Set(request.account_ids)]
  const id = yield* Effect.flatMap(IdGenerator, (ids) => ids.next("job"))
  const params = request.kind === "move" ? { destination_organization_id: request.destination_organization_id } : {}
  yield* JobsTable.create({ id, kind: request.kind, params, accountIds, now: yield* now })
  const queue = yield* JobsQueue
  for (let i = 0; i < accountIds.length; i += SEND_BATCH_LIMIT) {
    const chunk = accountIds.slice(i, i + SEND_BATCH_LIMIT)
    yield* queue.send(chunk.map((accountId) => ({ type: "job-item" as const, jobId: id, accountId }))).pipe(
      // Items that never reached the queue would stay pending forever: record them as failed.
      Effect.tapError((error) =>
        Effect.flatMap(now, (time) =>
          JobsTable.failUnsent(id, accountIds.slice(i), { tag: error._tag, message: error.message }, time)
        )
      )
    )
  }
  yield* Effect.logInfo(`job ${id} (${request.kind}): ${accountIds.length} items enqueued`)
  return { id, kind: request.kind, total: accountIds.length } satisfies Created
})

const FAILED_SHOWN = 100

/** Counts by state, the failed items with their errors, and an overall status. */
export const status = Effect.fn("Jobs.status")(function* (jobId: string) {
  const job = yield* JobsTable.get(jobId)
  if (Option.isNone(job)) return Option.none()
  const counts = { pending: 0, done: 0, failed: 0 }
  for (const row of yield* JobsTable.counts(jobId)) {
    if (row.state === "pending" || row.state === "done" || row.state === "failed") counts[row.state] = row.n
  }
  const failed = yield* JobsTable.failedItems(jobId, FAILED_SHOWN)
  return Option.some<Responses.Job>({
    id: job.value.id,
    kind: job.value.kind,
    params: JSON.parse(job.value.params) as unknown,
    created_at: job.value.created_at,
    total: job.value.total,
    status: counts.pending > 0 ? "running" : counts.failed > 0 ? "completed_with_failures" : "completed",
    counts,
    failed: failed.map((item) => ({
      account_id: item.account_id,
      attempts: item.attempts,
      // Written only by `Failure.toRecord`.
      error: item.error === null ? null : (JSON.parse(item.error) as Responses.ErrorRecord)
    }))
  })
})
