/**
 * Bulk jobs (`jobs`) and their items (`job_items`), one per account.
 */
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import { Database, type DatabaseError, statement } from "./Database.js"

export interface JobRow {
  readonly id: string
  readonly kind: "enforce-twofactor" | "move"
  readonly params: string
  readonly created_at: string
  readonly total: number
}

export interface ItemRow {
  readonly job_id: string
  readonly account_id: string
  readonly state: "pending" | "done" | "failed"
  readonly attempts: number
  readonly error: string | null
  readonly updated_at: string
}

const ITEMS_PER_STATEMENT = 1000

/** Records a job and its pending items in one transaction. */
export const create = (job: {
  readonly id: string
  readonly kind: JobRow["kind"]
  readonly params: unknown
  readonly accountIds: ReadonlyArray<string>
  readonly now: string
}): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => {
    const items = []
    for (let i = 0; i < job.accountIds.length; i += ITEMS_PER_STATEMENT) {
      items.push(
        statement(
          `INSERT OR IGNORE INTO job_items (job_id, account_id, state, attempts, updated_at)
           SELECT ?1, value, 'pending', 0, ?2 FROM json_each(?3)`,
          job.id,
          job.now,
          JSON.stringify(job.accountIds.slice(i, i + ITEMS_PER_STATEMENT))
        )
      )
    }
    return db.batch("recording a job", [
      statement(
        "INSERT INTO jobs (id, kind, params, created_at, total) VALUES (?1, ?2, ?3, ?4, ?5)",
        job.id,
        job.kind,
        JSON.stringify(job.params),
        job.now,
        job.accountIds.length
      ),
      ...items
    ])
  })

export const get = (id: string): Effect.Effect<Option.Option<JobRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => db.first<JobRow>("reading a job", statement("SELECT * FROM jobs WHERE id = ?1", id)))

export const getItem = (jobId: string, accountId: string): Effect.Effect<Option.Option<ItemRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<ItemRow>(
      "reading a job item",
      statement("SELECT * FROM job_items WHERE job_id = ?1 AND account_id = ?2", jobId, accountId)
    )
  )

/** Counts an attempt of a pending item. */
export const attempt = (jobId: string, accountId: string, now: string): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run(
      "recording a job attempt",
      statement(
        "UPDATE job_items SET attempts = attempts + 1, updated_at = ?3 WHERE job_id = ?1 AND account_id = ?2 AND state = 'pending'",
        jobId,
        accountId,
        now
      )
    )
  )

/** Settles a pending item (`done` or `failed`), or records the last error of one that stays pending. */
export const settle = (
  jobId: string,
  accountId: string,
  state: ItemRow["state"],
  error: unknown,
  now: string
): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run(
      "recording a job item outcome",
      statement(
        "UPDATE job_items SET state = ?3, error = ?4, updated_at = ?5 WHERE job_id = ?1 AND account_id = ?2 AND state = 'pending'",
        jobId,
        accountId,
        state,
        error === undefined ? null : JSON.stringify(error),
        now
      )
    )
  )

/** Marks the given pending items failed with `error` (they were never enqueued). */
export const failUnsent = (
  jobId: string,
  accountIds: ReadonlyArray<string>,
  error: unknown,
  now: string
): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run(
      "recording job items that were not enqueued",
      statement(
        `UPDATE job_items SET state = 'failed', error = ?3, updated_at = ?4
         WHERE job_id = ?1 AND state = 'pending' AND account_id IN (SELECT value FROM json_each(?2))`,
        jobId,
        JSON.stringify(accountIds),
        JSON.stringify(error),
        now
      )
    )
  )

export const counts = (jobId: string): Effect.Effect<ReadonlyArray<{ state: string; n: number }>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<{ state: string; n: number }>(
      "counting job items",
      statement("SELECT state, count(*) AS n FROM job_items WHERE job_id = ?1 GROUP BY state", jobId)
    )
  )

export const failedItems = (jobId: string, limit: number): Effect.Effect<ReadonlyArray<ItemRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<ItemRow>(
      "listing failed job items",
      statement(
        "SELECT * FROM job_items WHERE job_id = ?1 AND state = 'failed' ORDER BY account_id LIMIT ?2",
        jobId,
        limit
      )
    )
  )
