/**
 * The JSON bodies the HTTP API answers with, one schema each. The router builds its answers
 * as these types, and the tests read responses with them instead of re-typing the shapes.
 */
import * as Schema from "effect/Schema"

/** Every failure: `{ "error": { "code": "...", "message": "...", "field"?: "..." } }`. */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({
    code: Schema.String,
    message: Schema.String,
    field: Schema.optional(Schema.String),
    sync_id: Schema.optional(Schema.String)
  })
})
export type ErrorBody = typeof ErrorBody.Type

/** `GET /v1/health`. */
export const Health = Schema.Struct({ status: Schema.Literal("ok") })
export type Health = typeof Health.Type

/** A recorded error (`Failure.toRecord`), as stored with a sync or a job item. */
export const ErrorRecord = Schema.Struct(
  {
    tag: Schema.String,
    message: Schema.String,
    status: Schema.optional(Schema.Number),
    errors: Schema.optional(Schema.Array(Schema.Struct({ code: Schema.Number, message: Schema.String }))),
    cf_ray: Schema.optional(Schema.String)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)
export type ErrorRecord = typeof ErrorRecord.Type

export const Finding = Schema.Struct({
  account_id: Schema.String,
  rule: Schema.String,
  status: Schema.Literal("open", "resolved"),
  detail: Schema.String,
  first_seen: Schema.String,
  last_seen: Schema.String,
  resolved_at: Schema.NullOr(Schema.String)
})
export type Finding = typeof Finding.Type

/** An item of `GET /v1/findings`: the finding and its account's name. */
export const FindingListed = Schema.Struct({ ...Finding.fields, account_name: Schema.NullOr(Schema.String) })
export type FindingListed = typeof FindingListed.Type

/**
 * An account of the snapshot: the account as the API sent it (every field, those the worker
 * does not model such as `legacy_flags` included; a `type` the spec does not list as sent;
 * `null` kept, read as "not set"), `settings`, `managed_by` and `created_on` always present
 * (null when not sent), then the worker's own fields, which win over a same-named upstream one.
 */
export const Account = Schema.Struct(
  {
    id: Schema.String,
    name: Schema.String,
    type: Schema.String,
    settings: Schema.NullOr(
      Schema.Struct(
        {
          enforce_twofactor: Schema.optional(Schema.NullOr(Schema.Boolean)),
          abuse_contact_email: Schema.optional(Schema.NullOr(Schema.String))
        },
        Schema.Record({ key: Schema.String, value: Schema.Unknown })
      )
    ),
    managed_by: Schema.NullOr(
      Schema.Struct(
        { parent_org_id: Schema.optional(Schema.NullOr(Schema.String)) },
        Schema.Record({ key: Schema.String, value: Schema.Unknown })
      )
    ),
    created_on: Schema.NullOr(Schema.String),
    first_seen: Schema.String,
    last_seen: Schema.String,
    deleted_at: Schema.NullOr(Schema.String),
    inaccessible_since: Schema.NullOr(Schema.String),
    compliant: Schema.Boolean
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)
export type Account = typeof Account.Type

/** `GET /v1/accounts/{account_id}`: the account and its findings. */
export const AccountDetail = Schema.Struct({ ...Account.fields, findings: Schema.Array(Finding) }, ...Account.records)
export type AccountDetail = typeof AccountDetail.Type

/** A page of a listing; `next_cursor` is `null` on the last one. */
export const Page = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ items: Schema.Array(item), next_cursor: Schema.NullOr(Schema.String) })
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next_cursor: string | null
}

export const AccountsPage = Page(Account)
export type AccountsPage = typeof AccountsPage.Type
export const FindingsPage = Page(FindingListed)
export type FindingsPage = typeof FindingsPage.Type

export const Sync = Schema.Struct({
  id: Schema.String,
  trigger: Schema.String,
  mode: Schema.Literal("inline", "fanout"),
  status: Schema.Literal("running", "finalizing", "completed", "failed"),
  started_at: Schema.String,
  finished_at: Schema.NullOr(Schema.String),
  total_count: Schema.NullOr(Schema.Number),
  chunks_total: Schema.Number,
  accounts_seen: Schema.Number,
  accounts_deleted: Schema.Number,
  accounts_inaccessible: Schema.Number,
  deletion_candidates: Schema.Number,
  deletions_skipped: Schema.Boolean,
  warning: Schema.NullOr(Schema.String),
  error: Schema.NullOr(ErrorRecord)
})
export type Sync = typeof Sync.Type

/** `POST /v1/sync` and `GET /v1/syncs/{sync_id}`. */
export const SyncBody = Schema.Struct({ sync: Sync })
export type SyncBody = typeof SyncBody.Type

/** `GET /v1/syncs`: the most recent first. */
export const SyncsList = Schema.Struct({ items: Schema.Array(Sync) })
export type SyncsList = typeof SyncsList.Type

export const JobKind = Schema.Literal("enforce-twofactor", "move")

/**
 * Where a job stands:
 * - `enqueueing`: every item is recorded, but some are not on the queue yet (creation is under
 *   way, or an enqueue failed part-way); the next cron or `POST /v1/jobs/{job_id}/resume` sends them.
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
 * change: the account already enforces two-factor authentication), `failed` (with its last error).
 */
export const JobCounts = Schema.Struct({
  pending: Schema.Number,
  running: Schema.Number,
  done: Schema.Number,
  failed: Schema.Number,
  skipped: Schema.Number
})
export type JobCounts = typeof JobCounts.Type

/**
 * `POST /v1/jobs`: 202 for a new job (`warning` when some items are not on the queue yet),
 * 200 for a replay (the same `Idempotency-Key` and body within 24 hours: the same job).
 */
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

/** `GET /v1/jobs/{job_id}` and `POST /v1/jobs/{job_id}/resume`. */
export const JobBody = Schema.Struct({ job: Job })
export type JobBody = typeof JobBody.Type
