/**
 * `dashboard`: what the dashboard reads beyond the listings: the caller's session, the
 * overview (totals now, the policy's rules and the 30-day chart), recent jobs, and a preview
 * of an `all-noncompliant` fix.
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Plan from "@cf-accounts/policy/Plan"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../../db/Accounts.js"
import * as Compliance from "../../db/Compliance.js"
import * as JobHistory from "../../db/JobHistory.js"
import * as Policy from "../../findings/Policy.js"
import { optionalSession } from "../Authentication.js"
import { answered } from "../Failures.js"
import { WorkerApi } from "../WorkerApi.js"

const CHART_DAYS = 30
const RECENT_JOBS = 25
const PREVIEW_SAMPLE = 10

const overview = Effect.gen(function* () {
  const totals = yield* Compliance.current
  const since = new Date((yield* Clock.currentTimeMillis) - CHART_DAYS * 24 * 3600 * 1000).toISOString()
  const series = yield* Compliance.since(since)
  const policy = Policy.rulesOf((yield* Policy.current).file)
  return { ...totals, rules: Policy.rules(policy), series }
})

/**
 * What a `fix` job for `rule` over every account with an open finding for it would take, and
 * for the first of them what the engine's plan (the policy alone, no declared accounts) changes
 * for that rule. A rule the current policy gives no automatic fix is a 400.
 */
const fixPreview = (rule: Policy.RuleId) =>
  Effect.gen(function* () {
    const policy = Policy.rulesOf((yield* Policy.current).file)
    if (!Policy.fixableRules(policy).includes(rule)) {
      return yield* new InvalidInputError({
        field: "rule",
        rule: `${rule} has no automatic fix in the current policy`,
        value: rule
      })
    }
    const preview = yield* Accounts.withOpenFindingPreview(rule, PREVIEW_SAMPLE)
    const plan = Plan.plan(preview.sample.map(Accounts.toAccount), { policy }, { now: yield* Clock.currentTimeMillis })
    const changes = new Map(
      plan.actions.flatMap((action) =>
        action._tag === "create" ? [] : [[action.account.id, action.changes.filter((change) => change.reason === rule)] as const]
      )
    )
    return {
      rule,
      kind: "fix" as const,
      count: preview.count,
      sample: preview.sample.map((row) => ({
        id: row.id,
        name: row.name,
        changes: (changes.get(row.id) ?? []).map(({ field, before, after }) => ({ field, before, after }))
      }))
    }
  })

export const layer = HttpApiBuilder.group(WorkerApi, "dashboard", (handlers) =>
  handlers
    .handle("session", () =>
      Effect.map(optionalSession, (found) =>
        Option.match(found, {
          onNone: () => ({ method: null, email: null }),
          onSome: (current) => ({ method: current.method, email: current.method === "access" ? current.email : null })
        })
      )
    )
    .handle("overview", () => answered(overview))
    .handle("recentJobs", () => answered(Effect.map(JobHistory.recent(RECENT_JOBS), (items) => ({ items }))))
    .handle("fixPreview", ({ path }) => answered(fixPreview(path.rule)))
)
