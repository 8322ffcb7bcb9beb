/**
 * Creating bulk jobs (one item and one queue message per account), resuming their enqueue,
 * and reporting their progress.
 *
 * Creation never lies: the job and all its items are recorded in D1 first, in one batch (one
 * transaction, with the `Idempotency-Key` when there is one), and only then enqueued, in
 * account id order, `QUEUE_SEND_BATCH` (default 100) messages per `sendBatch`. Once recorded,
 * the job exists and its id is the answer, whatever the queue does: the items that did not
 * reach the queue stay pending and unsent (`jobs.sent`), and the next cron or
 * a resume (`jobs.resume`) sends them. No item is
 * ever marked failed for not being sent, so a job is never reported failed while items of it
 * may still run.
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Accounts from "../db/Accounts.js"
import { Database, DatabaseError } from "../platform/Database.js"
import * as IdempotencyKeys from "../db/IdempotencyKeys.js"
import * as JobsTable from "../db/JobsTable.js"
import * as JsonColumn from "../db/JsonColumn.js"
import * as Policy from "../findings/Policy.js"
import { IdGenerator } from "../platform/IdGenerator.js"
import { JobsQueue, QueueSendError } from "../platform/Queues.js"
import { now } from "../platform/Timestamps.js"
import { IdempotencyKeyReusedError } from "./IdempotencyKey.js"
import type * as JobView from "./JobView.js"
import type { JobMessage } from "../platform/JobMessage.js"
import type { JobRequest } from "./JobRequest.js"

export interface Creation {
  readonly job: JobView.JobCreated["job"]
  /** The job existed already: the same `Idempotency-Key` and request within 24 hours. */
  readonly replayed: boolean
  /** Said when some items are not on the queue yet. */
  readonly warning?: string
}

/** Widens each answer of `create` to {@link Creation}. */
const answer = (creation: Creation): Creation => creation

const message = (jobId: string, accountId: string): JobMessage => ({ type: "job-item", jobId, accountId })

/**
 * Sends the items `accountIds` (which follow the first `offset` of the job), then records
 * how far it got. A queue failure stops it; returns the new sent count and the failure, if any.
 */
const sendItems = (jobId: string, accountIds: ReadonlyArray<string>, offset: number) =>
  Effect.gen(function* () {
    const queue = yield* JobsQueue
    const result = yield* Effect.either(queue.send(accountIds.map((accountId) => message(jobId, accountId))))
    const sent = Either.match(result, { onLeft: (error) => error.sent, onRight: () => accountIds.length })
    if (sent > 0) yield* JobsTable.markSent(jobId, offset + sent)
    return { sent: offset + sent, error: Either.getLeft(result) }
  })

interface Failed {
  readonly message: string
}

/** Why some items are not known to be on the queue, if any: a queue failure, or D1 not recording the progress. */
const enqueueFailure = (outcome: Either.Either<{ readonly error: Option.Option<Failed> }, Failed>) =>
  Either.match(outcome, {
    onLeft: (error) =>
      Option.some(`items were sent but D1 did not record it: ${error.message}; sending them again runs none twice`),
    onRight: (result) => Option.map(result.error, (error) => error.message)
  })

const counted = (rows: ReadonlyArray<{ state: string; n: number }>): JobView.JobCounts => {
  const counts = { pending: 0, running: 0, done: 0, failed: 0, skipped: 0 }
  for (const row of rows) {
    if (row.state in counts) counts[row.state as keyof typeof counts] = row.n
  }
  return counts
}

const statusOf = (job: JobsTable.JobRow, counts: JobView.JobCounts): JobView.JobStatus =>
  job.sent < job.total
    ? "enqueueing"
    : counts.pending + counts.running > 0
      ? "running"
      : counts.failed > 0
        ? "completed_with_failures"
        : "completed"

const currentStatus = (job: JobsTable.JobRow) =>
  Effect.map(JobsTable.counts(job.id), (rows) => statusOf(job, counted(rows)))

const unsentWarning = (job: { readonly id: string; readonly total: number }, sent: number, cause: string) =>
  `${job.total - sent} of ${job.total} items are not known to be on the queue (${cause}); ` +
  `the next cron or resuming job ${job.id} sends them`

/**
 * The answer for a key already used: the same job for the same request, else 422. If D1
 * fails while reading it, the error still names the job the key stands for.
 */
const replay = (key: IdempotencyKeys.KeyRow, requestHash: string) =>
  Effect.gen(function* () {
    if (key.request_hash !== requestHash) return yield* new IdempotencyKeyReusedError({ jobId: key.job_id })
    // The key and its job are written in one transaction, so the job is there.
    const job = yield* Effect.flatMap(JobsTable.get(key.job_id), Effect.orDie)
    const replayed = { id: job.id, kind: job.kind, total: job.total, status: yield* currentStatus(job) }
    // The first answer may have been lost with its warning: a replay says it again.
    return job.sent < job.total
      ? answer({
          job: replayed,
          replayed: true,
          warning: unsentWarning(job, job.sent, "the first request's enqueue stopped, or is still under way")
        })
      : answer({ job: replayed, replayed: true })
  }).pipe(
    Effect.mapError((error) =>
      error._tag === "DatabaseError"
        ? new DatabaseError({
            operation: `${error.operation} (this Idempotency-Key stands for job ${key.job_id})`,
            cause: error.cause
          })
        : error
    )
  )

/**
 * Creates a job, or with an `idempotency` key already used in the last 24 hours answers its
 * job (same request) or fails with {@link IdempotencyKeyReusedError} (another request).
 */
export const create = Effect.fn("Jobs.create")(function* (
  request: JobRequest,
  idempotency: Option.Option<{ readonly key: string; readonly requestHash: string }>
) {
  const time = yield* now
  if (Option.isSome(idempotency)) {
    const known = yield* IdempotencyKeys.find(idempotency.value.key, time)
    if (Option.isSome(known)) return yield* replay(known.value, idempotency.value.requestHash)
  }
  if (request.kind === "fix") {
    // Refused before anything is recorded: a rule the current policy gives no automatic fix.
    const policy = yield* Policy.current
    if (!Policy.fixableRules(Policy.rulesOf(policy.file)).includes(request.rule)) {
      return yield* new InvalidInputError({
        field: "rule",
        rule: `${request.rule} has no automatic fix in the current policy${Policy.isEnabled(Policy.rulesOf(policy.file), request.rule) ? "" : " (the rule is off)"}`,
        value: request.rule
      })
    }
  }
  // Sorted: account ids are ASCII, so this is the order of SQLite's ORDER BY account_id, in
  // which `jobs.sent` counts (`JobsTable.unsent`).
  const accountIds = (
    request.account_ids === "all-noncompliant"
      ? [...(yield* Accounts.withOpenFinding(request.kind === "fix" ? request.rule : "enforce_twofactor"))]
      : [...new Set(request.account_ids)]
  ).sort()
  const id = yield* Effect.flatMap(IdGenerator, (ids) => ids.next("job"))
  const params =
    request.kind === "move"
      ? { destination_organization_id: request.destination_organization_id }
      : request.kind === "fix"
        ? { rule: request.rule }
        : {}
  const keyStatements = Option.match(idempotency, {
    onNone: () => [],
    onSome: ({ key, requestHash }) =>
      IdempotencyKeys.recordStatements({
        key,
        request_hash: requestHash,
        job_id: id,
        created_at: time,
        expires_at: new Date(Date.parse(time) + IdempotencyKeys.TTL_MS).toISOString()
      })
  })
  const db = yield* Database
  const recorded = yield* Effect.either(
    db.batch("recording a job", [
      ...keyStatements,
      ...JobsTable.createStatements({ id, kind: request.kind, params, accountIds, now: time })
    ])
  )
  if (Either.isLeft(recorded)) {
    // D1 can fail a batch it committed (the answer lost on the way back). A job that exists
    // will run (the cron resumes its enqueue), so it is answered like any recorded job; when
    // that cannot be known either, the error names the job, so the caller can look.
    const exists = yield* Effect.either(JobsTable.get(id))
    if (Either.isLeft(exists)) {
      return yield* new DatabaseError({
        operation: `recording job ${id}; whether it was recorded is unknown (reading job ${id} tells; a recorded job runs)`,
        cause: recorded.left.cause
      })
    }
    if (Option.isNone(exists.right)) {
      // A concurrent request with the same key may have committed first (its row made this
      // batch fail on the primary key and roll back): answer as a replay of that one.
      if (Option.isSome(idempotency)) {
        const winner = yield* IdempotencyKeys.find(idempotency.value.key, time)
        if (Option.isSome(winner)) return yield* replay(winner.value, idempotency.value.requestHash)
      }
      return yield* recorded.left
    }
    yield* Effect.logWarning(`job ${id}: D1 reported an error but recorded the job: ${recorded.left.message}`)
  }
  // Recorded: from here on the answer is this job, whatever the queue does.
  const total = accountIds.length
  const enqueued = yield* Effect.either(sendItems(id, accountIds, 0))
  const sent = Either.match(enqueued, { onLeft: () => 0, onRight: (result) => result.sent })
  const failure = enqueueFailure(enqueued)
  yield* Effect.logInfo(`job ${id} (${request.kind}): ${total} items recorded, ${sent} enqueued`)
  // A job with no items (`all-noncompliant` when every account complies) is complete at once.
  const job = { id, kind: request.kind, total, status: sent < total ? "enqueueing" : total === 0 ? "completed" : "running" } as const
  return Option.match(failure, {
    onNone: () => answer({ job, replayed: false }),
    onSome: (cause) => answer({ job, replayed: false, warning: unsentWarning(job, sent, cause) })
  })
})

/** Expired claims one resume or cron run sends again. */
const EXPIRED_PER_RUN = 1000

/** Items of `jobId` (or of every job) whose lease expired: sent again, for a delivery to claim. */
const requeueExpired = (time: string, jobId?: string) =>
  Effect.gen(function* () {
    const expired = yield* JobsTable.expiredLeases(time, EXPIRED_PER_RUN, jobId)
    if (expired.length > 0) {
      yield* Effect.flatMap(JobsQueue, (queue) =>
        queue.send(expired.map((item) => message(item.job_id, item.account_id)))
      )
    }
    return expired.length
  })

/**
 * Sends the items of a job that are not known to be on the queue, and again those whose
 * claim expired. Fails with the queue's error when it stops again (the progress made is
 * recorded; resuming later continues from there).
 */
export const resume = Effect.fn("Jobs.resume")(function* (jobId: string) {
  const job = yield* JobsTable.get(jobId)
  if (Option.isNone(job)) return Option.none()
  yield* requeueExpired(yield* now, jobId)
  if (job.value.sent < job.value.total) {
    const result = yield* sendItems(jobId, yield* JobsTable.unsent(jobId, job.value.sent), job.value.sent)
    if (Option.isSome(result.error)) {
      // Said so that a 503 is not read as the job failing: what was sent runs, the rest waits.
      const { cause } = result.error.value
      return yield* new QueueSendError({
        sent: result.sent - job.value.sent,
        cause: new Error(
          unsentWarning(job.value, result.sent, cause instanceof Error ? cause.message : String(cause)) +
            "; the items sent run"
        )
      })
    }
  }
  return yield* status(jobId)
})

/** Jobs one cron run resumes, oldest first. */
const JOBS_PER_CRON = 50

/** The cron's share of jobs: finish enqueues that stopped, retry expired claims, forget old keys. */
export const resumeAll = Effect.gen(function* () {
  const time = yield* now
  yield* IdempotencyKeys.purgeExpired(time)
  const unfinished = yield* JobsTable.unfinishedEnqueues(JOBS_PER_CRON)
  for (const jobId of unfinished) {
    yield* resume(jobId).pipe(
      Effect.catchAll((error) => Effect.logWarning(`job ${jobId}: resume stopped: ${error.message}`))
    )
  }
  if (unfinished.length === JOBS_PER_CRON) {
    yield* Effect.logWarning(
      `${JOBS_PER_CRON} jobs resumed (the most one cron run does): later ones wait for the next run or a resume of each`
    )
  }
  const requeued = yield* requeueExpired(time)
  if (requeued > 0) yield* Effect.logInfo(`${requeued} job items with expired claims sent again`)
  if (requeued === EXPIRED_PER_RUN) {
    yield* Effect.logWarning(`${EXPIRED_PER_RUN} expired claims sent again (the most one run does): more may wait for the next run`)
  }
})

const FAILED_SHOWN = 100

/** Counts by state, the failed items with their last errors, and an overall status. */
export const status = Effect.fn("Jobs.status")(function* (jobId: string) {
  const job = yield* JobsTable.get(jobId)
  if (Option.isNone(job)) return Option.none()
  const counts = counted(yield* JobsTable.counts(jobId))
  const failed = yield* JobsTable.failedItems(jobId, FAILED_SHOWN)
  return Option.some<JobView.Job>({
    id: job.value.id,
    kind: job.value.kind,
    params: JSON.parse(job.value.params) as unknown,
    created_at: job.value.created_at,
    total: job.value.total,
    status: statusOf(job.value, counts),
    counts,
    failed: failed.map((item) => ({
      account_id: item.account_id,
      attempts: item.attempts,
      // Written only by `Failure.toRecord`.
      error: JsonColumn.parse(item.error) as JobView.Job["failed"][number]["error"]
    }))
  })
})
