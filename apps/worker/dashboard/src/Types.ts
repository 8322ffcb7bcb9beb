/**
 * The API's answers as the page reads them: the worker's own schemas' types (type-only
 * imports, nothing of them reaches the bundle).
 */
import type * as DashboardResponses from "../../src/http/DashboardResponses.js"
import type * as Responses from "../../src/http/Responses.js"

export type Overview = DashboardResponses.Overview
export type Rule = DashboardResponses.Overview["rules"][number]
export type RecentJob = DashboardResponses.RecentJobs["items"][number]
export type AccountJob = DashboardResponses.AccountJobs["items"][number]
export type FixPreview = DashboardResponses.FixPreview
export type Session = DashboardResponses.SessionBody
export type Sync = Responses.Sync
export type Account = Responses.Account
export type AccountDetail = Responses.AccountDetail
export type Finding = Responses.FindingListed
export type Page<A> = Responses.Page<A>

/**
 * A job's progress. Counts the worker does not report (yet) read as 0, so the page works with
 * both the current `{pending, done, failed}` and later states such as running and skipped.
 */
export type Job = Omit<Responses.Job, "counts" | "status"> & {
  readonly status?: string
  readonly counts: Readonly<Partial<Record<"pending" | "running" | "done" | "failed" | "skipped", number>>>
}
