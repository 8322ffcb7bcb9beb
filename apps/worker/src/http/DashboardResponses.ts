/**
 * Schemas of the dashboard's own read routes (`DashboardRoutes.ts`).
 */
import * as Schema from "effect/Schema"

/** `GET /v1/dashboard/session`: how the caller signed in. */
export const SessionBody = Schema.Struct({
  method: Schema.Literal("token", "access"),
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

export const Rule = Schema.Struct({
  id: Schema.String,
  detail: Schema.String,
  enabled: Schema.Boolean,
  /** The job kind that fixes it, or null when the worker has none. */
  fix: Schema.NullOr(Schema.Literal("enforce-twofactor"))
})

/** `GET /v1/dashboard/overview`: totals now, the rules, and one point per completed sync of the last 30 days. */
export const Overview = Schema.Struct({
  ...Totals,
  rules: Schema.Array(Rule),
  series: Schema.Array(Schema.Struct({ sync_id: Schema.String, finished_at: Schema.String, ...Totals }))
})
export type Overview = typeof Overview.Type

/** `GET /v1/dashboard/jobs`: the newest jobs (progress: `GET /v1/jobs/:id`). */
export const RecentJobs = Schema.Struct({
  items: Schema.Array(
    Schema.Struct({ id: Schema.String, kind: Schema.String, created_at: Schema.String, total: Schema.Number })
  )
})
export type RecentJobs = typeof RecentJobs.Type

/** `GET /v1/accounts/:id/jobs`: job items that touched the account, newest job first. */
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

/** `GET /v1/dashboard/fix-preview/:rule`: what an `all-noncompliant` fix would take. */
export const FixPreview = Schema.Struct({
  rule: Schema.String,
  kind: Schema.Literal("enforce-twofactor"),
  count: Schema.Number,
  sample: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String }))
})
export type FixPreview = typeof FixPreview.Type
