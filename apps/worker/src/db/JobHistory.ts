/**
 * Read-only views of past jobs for the dashboard: the most recent jobs, and the job items
 * that touched one account. Progress of one job stays with `Jobs.status`.
 */
import * as Effect from "effect/Effect"
import { Database, type DatabaseError, statement } from "../platform/Database.js"

export interface RecentJob {
  readonly id: string
  readonly kind: string
  readonly created_at: string
  readonly total: number
}

/** The `limit` newest jobs, newest first. */
export const recent = (limit: number): Effect.Effect<ReadonlyArray<RecentJob>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<RecentJob>(
      "listing recent jobs",
      statement("SELECT id, kind, created_at, total FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?1", limit)
    )
  )

export interface AccountJobRow {
  readonly job_id: string
  readonly kind: string
  readonly created_at: string
  readonly state: string
  readonly attempts: number
  readonly error: string | null
  readonly updated_at: string
}

/** The `limit` newest job items for `accountId`, newest job first. */
export const forAccount = (
  accountId: string,
  limit: number
): Effect.Effect<ReadonlyArray<AccountJobRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<AccountJobRow>(
      "listing an account's jobs",
      statement(
        `SELECT i.job_id, j.kind, j.created_at, i.state, i.attempts, i.error, i.updated_at
         FROM job_items i JOIN jobs j ON j.id = i.job_id
         WHERE i.account_id = ?1 ORDER BY j.created_at DESC, j.id DESC LIMIT ?2`,
        accountId,
        limit
      )
    )
  )
