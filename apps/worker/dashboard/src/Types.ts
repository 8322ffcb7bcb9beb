/**
 * The API's answers as the page reads them: the worker's own schemas' types (type-only
 * imports, nothing of them reaches the bundle).
 */
import type * as DashboardResponses from "../../src/api/Responses.js"
import type * as Responses from "../../src/api/Responses.js"

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

export type Job = Responses.Job
export type JobStatus = Responses.JobStatus
export type JobCreated = Responses.JobCreated
