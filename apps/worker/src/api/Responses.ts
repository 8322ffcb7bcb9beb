/**
 * The JSON bodies the API answers with, one schema each; `WorkerApi.ts` names the route of
 * each. Every answer is encoded by its schema.
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as Schema from "effect/Schema"
import { Job, JobCreated } from "../jobs/JobView.js"
import { ErrorRecord } from "../platform/Failure.js"

export { Job, JobCounts, JobCreated, JobKind, JobStatus } from "../jobs/JobView.js"
export { ErrorRecord } from "../platform/Failure.js"

/** `meta.health`. */
export const Health = Schema.Struct({ status: Schema.Literal("ok") })
export type Health = typeof Health.Type

/**
 * An exception of the policy as a finding names it: the one that silenced it (`expired: false`,
 * the finding is `excused`), or one that named the account but has expired (`expired: true`, the
 * finding counts again).
 */
export const ExceptionRef = Schema.Struct({
  rule: Schema.String,
  accounts: Schema.Array(Schema.String),
  reason: Schema.String,
  expires: Schema.String,
  expired: Schema.Boolean
})
export type ExceptionRef = typeof ExceptionRef.Type

/**
 * A policy finding, as the policy engine reported it (`rule`: its rule id, `detail`: its
 * words). `open`: it counts; `excused`: an unexpired exception (`exception`) silences it;
 * `resolved`: no longer reported.
 */
export const Finding = Schema.Struct({
  account_id: Schema.String,
  rule: Schema.String,
  status: Schema.Literal("open", "excused", "resolved"),
  detail: Schema.String,
  exception: Schema.NullOr(ExceptionRef),
  first_seen: Schema.String,
  last_seen: Schema.String,
  resolved_at: Schema.NullOr(Schema.String)
})
export type Finding = typeof Finding.Type

/** An item of `findings.list`: the finding and its account's name. */
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

/** `accounts.get`: the account and its findings. */
export const AccountDetail = Schema.Struct({ ...Account.fields, findings: Schema.Array(Finding) }, ...Account.records)
export type AccountDetail = typeof AccountDetail.Type

/** A page of a listing; `next_cursor` is `null` on the last one. */
export const Page = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({ items: Schema.Array(item), next_cursor: Schema.NullOr(Schema.String) })
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next_cursor: string | null
}

/** `accounts.list`: a page, and `total`, how many accounts the filter matches on all its pages. */
export const AccountsPage = Schema.Struct({ ...Page(Account).fields, total: Schema.Number })
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
  error: Schema.NullOr(ErrorRecord),
  /** The policy version the sync audits with; null: the default policy. */
  policy_version: Schema.NullOr(Schema.Number)
})
export type Sync = typeof Sync.Type

/** A sync, as `syncs.get` answers it. */
export const SyncBody = Schema.Struct({ sync: Sync })
export type SyncBody = typeof SyncBody.Type

const syncIn = <S extends Schema.Schema.Any>(status: S) => Schema.Struct({ sync: Schema.Struct({ ...Sync.fields, status }) })

/** `syncs.start`, 200: the sync ran inline and completed. */
export const SyncCompleted = syncIn(Schema.Literal("completed"))
/** `syncs.start`, 202: the sync is fanned out over the sync queue; follow it with `syncs.get`. */
export const SyncUnderWay = syncIn(Schema.Literal("running", "finalizing"))

/** `syncs.start`, 502: the sync failed (its `error` says why); the previous snapshot is kept. */
export class SyncFailed extends Schema.Class<SyncFailed>("SyncFailed")(
  { sync: Schema.Struct({ ...Sync.fields, status: Schema.Literal("failed") }) },
  HttpApiSchema.annotations({ status: 502, description: "The sync failed; the previous snapshot is kept" })
) {}

/** `syncs.list`: the most recent first. */
export const SyncsList = Schema.Struct({ items: Schema.Array(Sync) })
export type SyncsList = typeof SyncsList.Type

const jobCreated = { job: JobCreated.fields.job, warning: JobCreated.fields.warning }

/** `jobs.create`, 202: a new job (`warning` when some items are not on the queue yet). */
export class JobAccepted extends Schema.Class<JobAccepted>("JobAccepted")(
  jobCreated,
  HttpApiSchema.annotations({ status: 202, description: "A new job; follow it at Location" })
) {}

/**
 * `jobs.create`, 200: a replay (the same `Idempotency-Key` and body within 24 hours): the same
 * job. The same shape as {@link JobAccepted}, so the handler answers it with its status itself.
 */
export class JobReplayed extends Schema.Class<JobReplayed>("JobReplayed")(
  jobCreated,
  HttpApiSchema.annotations({ status: 200, description: "The job this key and body created before" })
) {}

/** `jobs.get` and `jobs.resume`. */
export const JobBody = Schema.Struct({ job: Job })
export type JobBody = typeof JobBody.Type

// The dashboard's own read routes.

/** `dashboard.session`: how the caller signed in; `method: null` when the request carried no credentials. */
export const SessionBody = Schema.Struct({
  method: Schema.NullOr(Schema.Literal("token", "access")),
  email: Schema.NullOr(Schema.String)
})
export type SessionBody = typeof SessionBody.Type

const Totals = {
  /** Live accounts the token sees. */
  accounts: Schema.Number,
  /** Of those, the ones without an open finding. */
  compliant: Schema.Number,
  /** Live accounts the token no longer sees. */
  inaccessible: Schema.Number,
  open_findings: Schema.Number,
  open_by_rule: Schema.Record({ key: Schema.String, value: Schema.Number })
}

/** A rule of the policy engine: its text, whether the current policy switches it on, whether a `fix` job can fix it. */
export const Rule = Schema.Struct({
  id: Schema.String,
  detail: Schema.String,
  enabled: Schema.Boolean,
  fix: Schema.Boolean
})

/** `dashboard.overview`: totals now, the rules, and one point per completed sync of the last 30 days. */
export const Overview = Schema.Struct({
  ...Totals,
  rules: Schema.Array(Rule),
  series: Schema.Array(Schema.Struct({ sync_id: Schema.String, finished_at: Schema.String, ...Totals }))
})
export type Overview = typeof Overview.Type

/** `dashboard.recentJobs`: the newest jobs (progress: `jobs.get`). */
export const RecentJobs = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({ id: Schema.String, kind: Schema.String, created_at: Schema.String, total: Schema.Number })
  )
})
export type RecentJobs = typeof RecentJobs.Type

/** `accounts.jobs`: job items that touched the account, newest job first. */
export const AccountJobs = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({
      job_id: Schema.String,
      kind: Schema.String,
      created_at: Schema.String,
      state: Schema.String,
      attempts: Schema.Number,
      error: Schema.NullOr(Schema.Unknown),
      updated_at: Schema.String
    })
  )
})
export type AccountJobs = typeof AccountJobs.Type

/** One field a fix changes, as the engine's plan has it (`before` null when not set). */
export const Change = Schema.Struct({ field: Schema.String, before: Schema.Unknown, after: Schema.Unknown })

/**
 * `dashboard.fixPreview`: what an `all-noncompliant` fix job for the rule would take (`count`),
 * and for the first accounts (`sample`) what the engine's plan would change on each.
 */
export const FixPreview = Schema.Struct({
  rule: Schema.String,
  kind: Schema.Literal("fix"),
  count: Schema.Number,
  sample: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String, changes: Schema.Array(Change) }))
})
export type FixPreview = typeof FixPreview.Type

// The policy.

/** An exception of the policy file, and whether it has expired (it holds through its `expires` day, UTC). */
export const PolicyException = ExceptionRef

/**
 * A version of the policy: the file as stored (`text`) and as the engine parsed it (`file`),
 * who stored it (`created_by`: `token`, or the Cloudflare Access email) and when; `version`
 * null and `default` true while none is stored. `rules` and `exceptions` are read from it.
 */
export const PolicyFields = {
  version: Schema.NullOr(Schema.Number),
  default: Schema.Boolean,
  text: Schema.String,
  file: Schema.Unknown,
  created_by: Schema.NullOr(Schema.String),
  created_at: Schema.NullOr(Schema.String),
  rules: Schema.Array(Rule),
  exceptions: Schema.Array(PolicyException)
}
export const PolicyBody = Schema.Struct(PolicyFields)
export type PolicyBody = typeof PolicyBody.Type

/** `policy.put`, 201: the version just stored. */
export class PolicyStored extends Schema.Class<PolicyStored>("PolicyStored")(
  PolicyFields,
  HttpApiSchema.annotations({ status: 201, description: "The new version, now the current policy" })
) {}

/** `policy.versions`: every stored version, newest first, without its text. */
export const PolicyVersions = Page(
  Schema.Struct({ version: Schema.Number, created_by: Schema.String, created_at: Schema.String })
)
export type PolicyVersions = typeof PolicyVersions.Type
