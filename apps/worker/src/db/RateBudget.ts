/**
 * The request budget shared by every invocation. Each invocation's client has its own
 * rate limiter, so concurrent and back-to-back invocations could together exceed
 * Cloudflare's limit (1,200 requests per 5 minutes). Before calling the API, queue
 * consumers take requests from this budget in D1; what they cannot get waits for the
 * next window. Fixed windows: with `BUDGET_REQUESTS` of 600 per 300 s, no sliding
 * 5 minutes can see more than 1,200.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Settings } from "../platform/Settings.js"
import { Database, statement } from "../platform/Database.js"

export interface Grant {
  /** Requests granted (all of them when the budget is off). */
  readonly granted: number
  /** Seconds until the next window, when more can be granted. */
  readonly nextWindowSeconds: number
}

const window = Effect.gen(function* () {
  const settings = yield* Settings
  const nowMs = yield* Clock.currentTimeMillis
  const windowMs = settings.budgetWindowSeconds * 1000
  const start = Math.floor(nowMs / windowMs) * windowMs
  return { start, limit: settings.budgetRequests, nextWindowSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) }
})

/**
 * Takes `requests` from the current window: as many as are left when `partial`, else
 * all or none. Atomic: the grant is computed and recorded in one statement.
 */
export const take = Effect.fn("RateBudget.take")(function* (requests: number, mode: "partial" | "all-or-none") {
  const current = yield* window
  if (current.limit === 0 || requests === 0) return { granted: requests, nextWindowSeconds: 0 } satisfies Grant
  const db = yield* Database
  yield* db.run(
    "opening a rate budget window",
    statement(
      `INSERT INTO rate_budget (id, window_start, used, last_grant) VALUES (1, ?1, 0, 0)
       ON CONFLICT (id) DO UPDATE SET window_start = excluded.window_start, used = 0, last_grant = 0
       WHERE rate_budget.window_start < excluded.window_start`,
      current.start
    )
  )
  const grant =
    mode === "partial" ? "max(0, min(?1, ?2 - used))" : "CASE WHEN used + ?1 <= ?2 THEN ?1 ELSE 0 END"
  // SET expressions all read the old row, so both use the same `used`.
  const row = yield* db.first<{ last_grant: number }>(
    "taking from the rate budget",
    statement(
      `UPDATE rate_budget SET last_grant = ${grant}, used = used + ${grant} WHERE id = 1 RETURNING last_grant`,
      requests,
      current.limit
    )
  )
  return {
    granted: Option.match(row, { onNone: () => 0, onSome: (r) => r.last_grant }),
    nextWindowSeconds: current.nextWindowSeconds
  } satisfies Grant
})

/** Records requests already made without asking (an inline sync), so queue work backs off. */
export const charge = Effect.fn("RateBudget.charge")(function* (requests: number) {
  const current = yield* window
  if (current.limit === 0 || requests === 0) return
  const db = yield* Database
  yield* db.run(
    "charging the rate budget",
    statement(
      `INSERT INTO rate_budget (id, window_start, used, last_grant) VALUES (1, ?1, ?2, 0)
       ON CONFLICT (id) DO UPDATE SET
         used = CASE WHEN rate_budget.window_start < excluded.window_start THEN excluded.used ELSE rate_budget.used + excluded.used END,
         window_start = max(rate_budget.window_start, excluded.window_start)`,
      current.start,
      requests
    )
  )
})

/** Requests made without asking the shared budget first are charged afterwards, best effort. */
export const chargeAfterwards = (requests: number) =>
  charge(requests).pipe(
    Effect.catchAll((error) => Effect.logWarning(`could not charge the request budget: ${error.message}`))
  )
