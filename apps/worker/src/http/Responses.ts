/**
 * The JSON bodies the HTTP API answers with, one schema each. The router builds its answers
 * as these types, and the tests read responses with them instead of re-typing the shapes.
 */
import * as Schema from "effect/Schema"
import { Job } from "../jobs/JobView.js"
import { ErrorRecord } from "../platform/Failure.js"

export { Job, JobCounts, JobCreated, JobKind, JobStatus } from "../jobs/JobView.js"
export { ErrorRecord } from "../platform/Failure.js"

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

/** `GET /v1/jobs/{job_id}` and `POST /v1/jobs/{job_id}/resume`. */
export const JobBody = Schema.Struct({ job: Job })
export type JobBody = typeof JobBody.Type
