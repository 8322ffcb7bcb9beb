/**
 * Read routes the dashboard needs beyond the API's listings: the caller's session, the
 * overview (totals now and the 30-day chart, one query), recent jobs, the jobs that touched
 * an account, and a preview of an `all-noncompliant` fix. Authenticated like every `/v1` route;
 * their paths are in the route table (`Router.ts`).
 */
import { AccountId } from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Accounts from "../db/Accounts.js"
import * as Compliance from "../db/Compliance.js"
import * as JobHistory from "../db/JobHistory.js"
import * as JsonColumn from "../db/JsonColumn.js"
import * as Rules from "../findings/Rules.js"
import { Settings } from "../platform/Settings.js"
import { Session } from "./Authentication.js"
import * as CurrentRequest from "./CurrentRequest.js"
import * as DashboardResponses from "./DashboardResponses.js"
import { json } from "./Json.js"

const CHART_DAYS = 30
const RECENT_JOBS = 25
const ACCOUNT_JOBS = 50
const PREVIEW_SAMPLE = 10

/** The job kind that fixes each rule; a rule missing here has no fix. */
const fixes: Partial<Record<Rules.Rule["id"], "enforce-twofactor">> = { "enforce-twofactor": "enforce-twofactor" }

export const session = Effect.map(Session, (current) =>
  json(DashboardResponses.SessionBody, {
    method: current.method,
    email: current.method === "access" ? current.email : null
  })
)

export const overview = Effect.gen(function* () {
  const settings = yield* Settings
  const totals = yield* Compliance.current
  const since = new Date((yield* Clock.currentTimeMillis) - CHART_DAYS * 24 * 3600 * 1000).toISOString()
  const series = yield* Compliance.since(since)
  return json(DashboardResponses.Overview, {
    ...totals,
    rules: Rules.all.map((rule) => ({
      id: rule.id,
      detail: rule.detail,
      enabled: rule.enabled(settings),
      fix: fixes[rule.id] ?? null
    })),
    series
  })
})

export const recentJobs = Effect.map(JobHistory.recent(RECENT_JOBS), (items) =>
  json(DashboardResponses.RecentJobs, { items })
)

export const accountJobs = Effect.gen(function* () {
  const id = yield* Input.decode(AccountId, "account_id")(yield* CurrentRequest.param("account_id"))
  const rows = yield* JobHistory.forAccount(id, ACCOUNT_JOBS)
  // `error` holds what the job worker wrote with `JSON.stringify`.
  const items = rows.map((row) => ({ ...row, error: JsonColumn.parse(row.error) }))
  return json(DashboardResponses.AccountJobs, { items })
})

const FixableRule = Schema.Literal(...Rules.ids).pipe(
  Schema.filter((rule) => fixes[rule] !== undefined, {
    message: () => `must be a rule the worker can fix: ${Object.keys(fixes).join(", ")}`
  })
)

export const fixPreview = Effect.gen(function* () {
  const rule = yield* Input.decode(FixableRule, "rule")(yield* CurrentRequest.param("rule"))
  const preview = yield* Accounts.withoutTwofactorPreview(PREVIEW_SAMPLE)
  return json(DashboardResponses.FixPreview, { rule, kind: "enforce-twofactor", ...preview })
})
