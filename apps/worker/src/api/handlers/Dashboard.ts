/**
 * `dashboard`: what the dashboard reads beyond the listings: the caller's session, the
 * overview (totals now and the 30-day chart), recent jobs, and a preview of an
 * `all-noncompliant` fix.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Accounts from "../../db/Accounts.js"
import * as Compliance from "../../db/Compliance.js"
import * as JobHistory from "../../db/JobHistory.js"
import * as Rules from "../../findings/Rules.js"
import { Settings } from "../../platform/Settings.js"
import { Session } from "../Authentication.js"
import { answered } from "../Failures.js"
import { WorkerApi } from "../WorkerApi.js"

const CHART_DAYS = 30
const RECENT_JOBS = 25
const PREVIEW_SAMPLE = 10

const overview = Effect.gen(function* () {
  const settings = yield* Settings
  const totals = yield* Compliance.current
  const since = new Date((yield* Clock.currentTimeMillis) - CHART_DAYS * 24 * 3600 * 1000).toISOString()
  const series = yield* Compliance.since(since)
  return {
    ...totals,
    rules: Rules.all.map((rule) => ({ id: rule.id, detail: rule.detail, enabled: rule.enabled(settings), fix: rule.fix })),
    series
  }
})

export const layer = HttpApiBuilder.group(WorkerApi, "dashboard", (handlers) =>
  handlers
    .handle("session", () =>
      Effect.map(Session, (current) => ({
        method: current.method,
        email: current.method === "access" ? current.email : null
      }))
    )
    .handle("overview", () => answered(overview))
    .handle("recentJobs", () => answered(Effect.map(JobHistory.recent(RECENT_JOBS), (items) => ({ items }))))
    .handle("fixPreview", ({ path }) =>
      answered(
        Effect.map(Accounts.withoutTwofactorPreview(PREVIEW_SAMPLE), (preview) => ({
          rule: path.rule,
          kind: "enforce-twofactor" as const,
          ...preview
        }))
      )
    )
)
