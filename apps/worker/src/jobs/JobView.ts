/**
 * What the worker reports of a job: its status, its items counted by state, and its failures.
 */
import * as Schema from "effect/Schema"
import { ErrorRecord } from "../platform/Failure.js"

export const JobKind = Schema.Literal("fix", "enforce-twofactor", "move")

/**
 * Where a job stands:
 * - `enqueueing`: every item is recorded, but some are not on the queue yet (creation is under
 *   way, or an enqueue failed part-way); the next cron or a resume (`jobs.resume`) sends them.
 * - `running`: every item is on the queue, and some are `pending` or `running`.
 * - `completed`: every item is `done` or `skipped`.
 * - `completed_with_failures`: every item is settled, and some are `failed` (listed in `failed`).
 * A job is never reported failed while an item of it may still run.
 */
export const JobStatus = Schema.Literal("enqueueing", "running", "completed", "completed_with_failures")
export type JobStatus = typeof JobStatus.Type

/**
 * Items by state: `pending` (waiting for a delivery, or for a retry after a transient error),
 * `running` (claimed by a delivery, under a lease), `done` (applied), `skipped` (nothing to
 * change: the account already complies, or for a `fix`, an exception of the policy excuses it), `failed` (with its last error).
 */
export const JobCounts = Schema.Struct({
  pending: Schema.Number,
  running: Schema.Number,
  done: Schema.Number,
  failed: Schema.Number,
  skipped: Schema.Number
})
export type JobCounts = typeof JobCounts.Type

/** A job just created (or replayed): `warning` when some items are not on the queue yet. */
export const JobCreated = Schema.Struct({
  job: Schema.Struct({ id: Schema.String, kind: JobKind, total: Schema.Number, status: JobStatus }),
  warning: Schema.optional(Schema.String)
})
export type JobCreated = typeof JobCreated.Type

export const Job = Schema.Struct({
  id: Schema.String,
  kind: JobKind,
  params: Schema.Unknown,
  created_at: Schema.String,
  total: Schema.Number,
  status: JobStatus,
  counts: JobCounts,
  /** The failed items (at most 100, by account id), each with its attempts and last error. */
  failed: Schema.Array(
    Schema.Struct({ account_id: Schema.String, attempts: Schema.Number, error: Schema.NullOr(ErrorRecord) })
  )
})
export type Job = typeof Job.Type

