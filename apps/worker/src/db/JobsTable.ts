/**
 * Bulk jobs (`jobs`) and their items (`job_items`), one per account.
 *
 * An item is `pending` until a delivery claims it (`running`, with a lease), then `done`,
 * `skipped` (nothing to change), `failed`, or `pending` again (a transient failure the queue
 * retries). A job's items are enqueued in account id order; `jobs.sent` counts those known
 * to be on the queue.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"

export interface JobRow {
  readonly id: string
  readonly kind: "fix" | "enforce-twofactor" | "move"
  readonly params: string
  readonly created_at: string
  readonly total: number
  readonly sent: number
}

export type ItemState = "pending" | "running" | "done" | "skipped" | "failed"

export interface ItemRow {
  readonly job_id: string
  readonly account_id: string
  readonly state: ItemState
  readonly attempts: number
  readonly error: string | null
  readonly updated_at: string
  readonly lease_until: string | null
}

const ITEMS_PER_STATEMENT = 1000

/**
 * The statements that record a job and its pending items (none sent yet). Run in one batch
 * (one transaction) with whatever must stand or fall with them.
 */
export const createStatements = (job: {
  readonly id: string
  readonly kind: JobRow["kind"]
  readonly params: unknown
  readonly accountIds: ReadonlyArray<string>
  readonly now: string
}): ReadonlyArray<Statement> => {
  const items: Array<Statement> = []
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
  return [
    statement(
      "INSERT INTO jobs (id, kind, params, created_at, total, sent) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
      job.id,
      job.kind,
      JSON.stringify(job.params),
      job.now,
      job.accountIds.length
    ),
    ...items
  ]
}

export const get = (id: string): Effect.Effect<Option.Option<JobRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => db.first<JobRow>("reading a job", statement("SELECT * FROM jobs WHERE id = ?1", id)))

export const getItem = (jobId: string, accountId: string): Effect.Effect<Option.Option<ItemRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<ItemRow>(
      "reading a job item",
      statement("SELECT * FROM job_items WHERE job_id = ?1 AND account_id = ?2", jobId, accountId)
    )
  )

/** An item's identity as one string. */
export const itemKey = (item: { readonly jobId: string; readonly accountId: string }): string =>
  `${item.jobId} ${item.accountId}`

/**
 * Which of `items` are settled (`done`, `skipped` or `failed`), as {@link itemKey}s: one
 * statement (the items travel as one JSON parameter, whatever their number).
 */
export const settled = (
  items: ReadonlyArray<{ readonly jobId: string; readonly accountId: string }>
): Effect.Effect<ReadonlySet<string>, DatabaseError, Database> =>
  items.length === 0
    ? Effect.succeed(new Set())
    : Effect.flatMap(Database, (db) =>
        db.all<{ job_id: string; account_id: string }>(
          "finding settled job items",
          statement(
            `SELECT job_id, account_id FROM job_items
             WHERE state IN ('done', 'skipped', 'failed')
               AND (job_id, account_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?1))`,
            JSON.stringify(items.map((item) => [item.jobId, item.accountId]))
          )
        )
      ).pipe(Effect.map((rows) => new Set(rows.map((row) => itemKey({ jobId: row.job_id, accountId: row.account_id })))))

/**
 * Claims an item for one delivery: a `pending` item, or a `running` one whose lease has
 * expired, becomes `running` until `leaseUntil` with one more attempt. Returns the attempts
 * (this one included) when this delivery won the claim, none when it did not (the item is
 * held by another delivery, settled, or unknown).
 *
 * Why only one delivery can win: this is ONE conditional UPDATE, and D1 runs every query of a
 * database on its single primary instance (without the Sessions API, all queries go to the
 * primary: https://developers.cloudflare.com/d1/best-practices/read-replication/; the primary
 * "only exists in one location": https://developers.cloudflare.com/d1/reference/glossary/),
 * where SQLite executes each statement atomically, one writer at a time. Two deliveries racing
 * for the same item are therefore serialized: the first UPDATE changes the row to `running`
 * with a lease in the future, and the second one's WHERE no longer matches (0 rows, nothing
 * returned). The read and the write are one statement, so there is no window between them.
 */
export const claim = (
  jobId: string,
  accountId: string,
  now: string,
  leaseUntil: string
): Effect.Effect<Option.Option<number>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<{ attempts: number }>(
      "claiming a job item",
      statement(
        `UPDATE job_items SET state = 'running', lease_until = ?4, attempts = attempts + 1, updated_at = ?3
         WHERE job_id = ?1 AND account_id = ?2
           AND (state = 'pending' OR (state = 'running' AND lease_until < ?3))
         RETURNING attempts`,
        jobId,
        accountId,
        now,
        leaseUntil
      )
    )
  ).pipe(Effect.map(Option.map((row) => row.attempts)))

/**
 * The statement that settles a claimed item: `done`, `skipped`, `failed`, or `pending` again
 * (with the last error) for the queue to retry. Only the holder of the claim can: the lease's
 * end time identifies it (a later claim always sets a later one). It changes one row when the
 * item was settled, none when the claim was lost.
 */
export const settleStatement = (
  claimed: { readonly jobId: string; readonly accountId: string; readonly leaseUntil: string },
  state: Exclude<ItemState, "running">,
  error: unknown,
  now: string
): Statement =>
  statement(
    `UPDATE job_items SET state = ?4, error = ?5, updated_at = ?6, lease_until = NULL
     WHERE job_id = ?1 AND account_id = ?2 AND state = 'running' AND lease_until = ?3`,
    claimed.jobId,
    claimed.accountId,
    claimed.leaseUntil,
    state,
    error === undefined ? null : JSON.stringify(error),
    now
  )

/**
 * Settles a claimed item ({@link settleStatement}) in one D1 batch (one transaction) with
 * `alongside`, statements that stand or fall with the outcome. Returns whether the item was settled.
 */
export const settle = (
  claimed: { readonly jobId: string; readonly accountId: string; readonly leaseUntil: string },
  state: Exclude<ItemState, "running">,
  error: unknown,
  now: string,
  alongside: ReadonlyArray<Statement> = []
): Effect.Effect<boolean, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.batch("recording a job item outcome", [settleStatement(claimed, state, error, now), ...alongside])
  ).pipe(Effect.map((changes) => changes[0] === 1))

/** Marks an item failed unless a live claim holds it or it is settled (a dead letter). */
export const failUnclaimed = (
  jobId: string,
  accountId: string,
  error: unknown,
  now: string
): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run(
      "recording a dead-lettered job item",
      statement(
        `UPDATE job_items SET state = 'failed', error = ?3, updated_at = ?4, lease_until = NULL
         WHERE job_id = ?1 AND account_id = ?2
           AND (state = 'pending' OR (state = 'running' AND lease_until < ?4))`,
        jobId,
        accountId,
        JSON.stringify(error),
        now
      )
    )
  )

/** Records that the first `sent` items (in account id order) are on the queue; never lowers it. */
export const markSent = (jobId: string, sent: number): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run("recording enqueued job items", statement("UPDATE jobs SET sent = max(sent, ?2) WHERE id = ?1", jobId, sent))
  )

/** The account ids of the items after the first `from` (account id order): the ones not known to be sent. */
export const unsent = (jobId: string, from: number): Effect.Effect<ReadonlyArray<string>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<{ account_id: string }>(
      "listing job items not enqueued",
      statement(
        "SELECT account_id FROM job_items WHERE job_id = ?1 ORDER BY account_id LIMIT -1 OFFSET ?2",
        jobId,
        from
      )
    )
  ).pipe(Effect.map((rows) => rows.map((row) => row.account_id)))

/** Jobs with items not known to be on the queue, oldest first. */
export const unfinishedEnqueues = (limit: number): Effect.Effect<ReadonlyArray<string>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<{ id: string }>(
      "listing jobs not fully enqueued",
      statement("SELECT id FROM jobs WHERE sent < total ORDER BY created_at LIMIT ?1", limit)
    )
  ).pipe(Effect.map((rows) => rows.map((row) => row.id)))

/** Items held under a lease that has expired (their consumer ended without settling them). */
export const expiredLeases = (
  now: string,
  limit: number,
  jobId?: string
): Effect.Effect<ReadonlyArray<{ job_id: string; account_id: string }>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<{ job_id: string; account_id: string }>(
      "listing job items with expired leases",
      statement(
        `SELECT job_id, account_id FROM job_items
         WHERE state = 'running' AND lease_until < ?1 AND (?3 IS NULL OR job_id = ?3) LIMIT ?2`,
        now,
        limit,
        jobId
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
