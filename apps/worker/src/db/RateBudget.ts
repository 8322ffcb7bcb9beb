/**
 * The request budget shared by every invocation. Each invocation's client has its own
 * rate limiter, so concurrent and back-to-back invocations could together exceed
 * Cloudflare's limit (1,200 requests per 5 minutes). Before calling the API, queue
 * consumers take requests from this budget in D1; what they cannot get waits for the
 * next window. Fixed windows: with `BUDGET_REQUESTS` of 600 per 300 s, no sliding
 * 5 minutes can see more than 1,200.
 *
 * Syncs and jobs share a window without starving each other: while job items wait, a sync
 * (its page ranges, and what its own reads were charged) takes at most `SYNC_BUDGET_SHARE`
 * percent of the window; while a fanned-out sync runs, jobs take only what is left beside
 * the sync's share. A class with nothing to do leaves its share to the other.
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Settings } from "../platform/Settings.js"
import { Database, statement } from "../platform/Database.js"

/** Who asks: job items, or a sync's page ranges. */
export type Purpose = "job" | "sync"

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
  return {
    start,
    limit: settings.budgetRequests,
    /** The most a sync may take in a window while job items wait. */
    syncShare: Math.max(1, Math.floor((settings.budgetRequests * settings.syncBudgetShare) / 100)),
    nextWindowSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000))
  }
})

/** The most one request for `purpose` can ever be granted in a window (see {@link take}). */
export const ceiling = Effect.fn("RateBudget.ceiling")(function* (purpose: Purpose) {
  const current = yield* window
  return purpose === "sync" ? current.syncShare : current.limit
})

/** Job items wait: some are not settled yet. */
const jobsWaiting = "EXISTS (SELECT 1 FROM job_items WHERE state IN ('pending', 'running'))"
/** A fanned-out sync is running. */
const syncRunning = "EXISTS (SELECT 1 FROM syncs WHERE status IN ('running', 'finalizing') AND mode = 'fanout')"

/**
 * What is left for `purpose` in the window, as SQL over the row (`?2` the window's limit, `?3`
 * the sync's share): a sync, all that is left unless jobs wait, then its share at most; jobs,
 * all that is left but what a running sync has not yet taken of its share.
 */
const available = (purpose: Purpose) =>
  purpose === "sync"
    ? `min(?2 - used, CASE WHEN ${jobsWaiting} THEN ?3 - sync_used ELSE ?2 END)`
    : `?2 - used - CASE WHEN ${syncRunning} THEN max(0, ?3 - sync_used) ELSE 0 END`

/**
 * Takes `requests` from the current window for `purpose`: as many as are left for it when
 * `partial`, else all or none. Atomic: the grant is computed and recorded in one statement.
 */
export const take = Effect.fn("RateBudget.take")(function* (
  requests: number,
  mode: "partial" | "all-or-none",
  purpose: Purpose = "job"
) {
  const current = yield* window
  if (current.limit === 0 || requests === 0) return { granted: requests, nextWindowSeconds: 0 } satisfies Grant
  const db = yield* Database
  yield* db.run(
    "opening a rate budget window",
    statement(
      `INSERT INTO rate_budget (id, window_start, used, last_grant) VALUES (1, ?1, 0, 0)
       ON CONFLICT (id) DO UPDATE SET window_start = excluded.window_start, used = 0, sync_used = 0, last_grant = 0
       WHERE rate_budget.window_start < excluded.window_start`,
      current.start
    )
  )
  const left = available(purpose)
  const grant = mode === "partial" ? `max(0, min(?1, ${left}))` : `CASE WHEN ?1 <= ${left} THEN ?1 ELSE 0 END`
  const syncUsed = purpose === "sync" ? `sync_used + ${grant}` : "sync_used"
  // SET expressions all read the old row, so every one computes the same grant.
  const row = yield* db.first<{ last_grant: number }>(
    "taking from the rate budget",
    statement(
      `UPDATE rate_budget SET last_grant = ${grant}, used = used + ${grant}, sync_used = ${syncUsed}
       WHERE id = 1 RETURNING last_grant`,
      requests,
      current.limit,
      current.syncShare
    )
  )
  return {
    granted: Option.match(row, { onNone: () => 0, onSome: (r) => r.last_grant }),
    nextWindowSeconds: current.nextWindowSeconds
  } satisfies Grant
})

/**
 * What `purpose` could take from the current window now (without taking it; everything when the
 * budget is off): an inline sync asks before it commits to checks it must make in one invocation.
 */
export const left = Effect.fn("RateBudget.left")(function* (purpose: Purpose) {
  const current = yield* window
  if (current.limit === 0) return Number.POSITIVE_INFINITY
  const db = yield* Database
  const fresh = (column: string) => `CASE WHEN window_start < ?1 THEN 0 ELSE ${column} END AS ${column}`
  const row = yield* db.first<{ n: number }>(
    "reading the rate budget",
    statement(
      `SELECT max(0, ${available(purpose)}) AS n FROM (SELECT ${fresh("used")}, ${fresh("sync_used")} FROM rate_budget WHERE id = 1)`,
      current.start,
      current.limit,
      current.syncShare
    )
  )
  return Option.match(row, { onNone: () => (purpose === "sync" ? current.syncShare : current.limit), onSome: (r) => r.n })
})

/**
 * Records requests a sync already made without asking (the pages of a listing without
 * `total_count` after the first, a listing read again), so queue work backs off; they count as the sync's.
 */
export const charge = Effect.fn("RateBudget.charge")(function* (requests: number) {
  const current = yield* window
  if (current.limit === 0 || requests === 0) return
  const db = yield* Database
  yield* db.run(
    "charging the rate budget",
    statement(
      `INSERT INTO rate_budget (id, window_start, used, sync_used, last_grant) VALUES (1, ?1, ?2, ?2, 0)
       ON CONFLICT (id) DO UPDATE SET
         used = CASE WHEN rate_budget.window_start < excluded.window_start THEN excluded.used ELSE rate_budget.used + excluded.used END,
         sync_used = CASE WHEN rate_budget.window_start < excluded.window_start THEN excluded.sync_used
                          ELSE rate_budget.sync_used + excluded.sync_used END,
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
