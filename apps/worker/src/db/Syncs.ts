/**
 * Sync runs (`syncs`), the chunks of fanned-out syncs (`sync_chunks`: page ranges, then chunks of
 * the deletion check) and the deletion candidates those check (`sync_candidates`).
 */
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"

export interface SyncRow {
  readonly id: string
  readonly trigger: string
  readonly mode: string
  readonly status: "running" | "finalizing" | "completed" | "failed"
  readonly started_at: string
  readonly finished_at: string | null
  readonly total_count: number | null
  readonly chunks_total: number
  readonly accounts_seen: number
  readonly accounts_deleted: number
  /** Deletion candidates the API answered 403 for, marked inaccessible by this sync. */
  readonly accounts_inaccessible: number
  readonly deletion_candidates: number
  /** 1 when there were more deletion candidates than a sync checks (`DeletionCheck.ts`): none was marked deleted. */
  readonly deletions_skipped: number
  readonly warning: string | null
  readonly error: string | null
  /** The policy version the sync audits with (`policy_versions`); null: the default policy. */
  readonly policy_version: number | null
}

export interface ChunkRow {
  readonly sync_id: string
  readonly chunk: number
  /** "pages": a page range; "checks": candidates `first_page..last_page` (their `seq`) of the deletion check. */
  readonly kind: "pages" | "checks"
  readonly first_page: number
  readonly last_page: number
  readonly status: "pending" | "done"
}

/** Records a running sync; `false` when another one is already running (one at a time, by index). */
export const create = (sync: {
  readonly id: string
  readonly trigger: string
  readonly now: string
  readonly policyVersion: number | null
}): Effect.Effect<boolean, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .run(
        "recording a sync",
        statement(
          `INSERT OR IGNORE INTO syncs (id, trigger, mode, status, started_at, policy_version)
           VALUES (?1, ?2, 'inline', 'running', ?3, ?4)`,
          sync.id,
          sync.trigger,
          sync.now,
          sync.policyVersion
        )
      )
      .pipe(Effect.map((changes) => changes === 1))
  )

/** A sync started after `since` that has not finished yet. */
export const findActive = (since: string): Effect.Effect<Option.Option<SyncRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<SyncRow>(
      "looking for a running sync",
      statement(
        "SELECT * FROM syncs WHERE status IN ('running', 'finalizing') AND started_at > ?1 ORDER BY started_at DESC LIMIT 1",
        since
      )
    )
  )

export const get = (id: string): Effect.Effect<Option.Option<SyncRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => db.first<SyncRow>("reading a sync", statement("SELECT * FROM syncs WHERE id = ?1", id)))

export const recent = (limit: number): Effect.Effect<ReadonlyArray<SyncRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<SyncRow>("listing syncs", statement("SELECT * FROM syncs ORDER BY started_at DESC, id LIMIT ?1", limit))
  )

/** The account count the first page reported. */
export const recordTotal = (syncId: string, totalCount: number): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run("recording a sync's account count", statement("UPDATE syncs SET total_count = ?2 WHERE id = ?1", syncId, totalCount))
  )

/** Switches a sync to fan-out mode and records its page ranges, in one transaction. */
export const fanOut = (
  syncId: string,
  totalCount: number,
  chunks: ReadonlyArray<{ readonly firstPage: number; readonly lastPage: number }>
): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.batch("recording sync chunks", [
      statement(
        "UPDATE syncs SET mode = 'fanout', total_count = ?2, chunks_total = ?3 WHERE id = ?1",
        syncId,
        totalCount,
        chunks.length
      ),
      ...chunks.map((chunk, index) =>
        statement(
          "INSERT INTO sync_chunks (sync_id, chunk, first_page, last_page, status) VALUES (?1, ?2, ?3, ?4, 'pending')",
          syncId,
          index,
          chunk.firstPage,
          chunk.lastPage
        )
      )
    ])
  )

export const getChunk = (syncId: string, chunk: number): Effect.Effect<Option.Option<ChunkRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<ChunkRow>(
      "reading a sync chunk",
      statement("SELECT * FROM sync_chunks WHERE sync_id = ?1 AND chunk = ?2", syncId, chunk)
    )
  )

export const chunkDone = (syncId: string, chunk: number, accounts: number): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run(
      "recording a finished sync chunk",
      statement(
        "UPDATE sync_chunks SET status = 'done', accounts = ?3 WHERE sync_id = ?1 AND chunk = ?2",
        syncId,
        chunk,
        accounts
      )
    )
  )

/**
 * Claims the right to finalize a running sync. Of several invocations finishing the
 * last chunks at once, exactly one gets `true`: the update is a single atomic statement.
 */
export const claimFinalize = (syncId: string): Effect.Effect<boolean, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .run(
        "claiming a sync for finalization",
        statement(
          `UPDATE syncs SET status = 'finalizing' WHERE id = ?1 AND status = 'running'
           AND NOT EXISTS (SELECT 1 FROM sync_chunks WHERE sync_id = ?1 AND status <> 'done')`,
          syncId
        )
      )
      .pipe(Effect.map((changes) => changes === 1))
  )

/**
 * Freezes the deletion candidates of a fanned-out sync whose ranges are all staged (`ids`, in
 * order: `seq` is the index) and records the chunks that check them, numbered after the ranges;
 * the sync, claimed for finalizing, runs again until they are done. One transaction.
 */
export const planChecks = (
  syncId: string,
  ids: ReadonlyArray<string>,
  chunks: ReadonlyArray<{ readonly chunk: number; readonly first: number; readonly last: number }>
): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.batch("recording a sync's deletion checks", [
      statement(
        "INSERT INTO sync_candidates (sync_id, seq, id) SELECT ?1, key, value FROM json_each(?2)",
        syncId,
        JSON.stringify(ids)
      ),
      statement(
        `INSERT INTO sync_chunks (sync_id, chunk, kind, first_page, last_page, status)
         SELECT ?1, json_extract(value, '$[0]'), 'checks', json_extract(value, '$[1]'), json_extract(value, '$[2]'), 'pending'
         FROM json_each(?2)`,
        syncId,
        JSON.stringify(chunks.map((c) => [c.chunk, c.first, c.last]))
      ),
      statement(
        `UPDATE syncs SET status = 'running', chunks_total = chunks_total + ?2, deletion_candidates = ?3
         WHERE id = ?1 AND status = 'finalizing'`,
        syncId,
        chunks.length,
        ids.length
      )
    ])
  )

/** Whether the sync's deletion candidates are frozen (its checks were paged). */
export const checksPlanned = (syncId: string): Effect.Effect<boolean, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .first<{ one: number }>(
        "looking for a sync's deletion checks",
        statement("SELECT 1 AS one FROM sync_candidates WHERE sync_id = ?1 LIMIT 1", syncId)
      )
      .pipe(Effect.map((row) => row._tag === "Some"))
  )

/** The candidates `first..last` (by `seq`), in order. */
export const candidates = (
  syncId: string,
  first: number,
  last: number
): Effect.Effect<ReadonlyArray<string>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .all<{ id: string }>(
        "reading deletion candidates",
        statement("SELECT id FROM sync_candidates WHERE sync_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq", syncId, first, last)
      )
      .pipe(Effect.map((rows) => rows.map((row) => row.id)))
  )

/** What the API said of a candidate: 404, 403, or the account. */
export type Outcome = "gone" | "inaccessible" | "exists"

/** Records the outcomes of candidates `first..` (one each, in order) and the chunk done, in one transaction. */
export const checksDone = (
  syncId: string,
  chunk: number,
  first: number,
  outcomes: ReadonlyArray<Outcome>
): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.batch("recording a sync's deletion checks", [
      statement(
        `UPDATE sync_candidates SET outcome = (SELECT value FROM json_each(?4) WHERE key = seq - ?2)
         WHERE sync_id = ?1 AND seq BETWEEN ?2 AND ?3`,
        syncId,
        first,
        first + outcomes.length - 1,
        JSON.stringify(outcomes)
      ),
      statement("UPDATE sync_chunks SET status = 'done', accounts = ?3 WHERE sync_id = ?1 AND chunk = ?2", syncId, chunk, outcomes.length)
    ])
  )

/** The sync's candidates by outcome (`null`: not checked): their ids. */
export const outcomes = (
  syncId: string
): Effect.Effect<ReadonlyArray<{ readonly outcome: Outcome | null; readonly ids: ReadonlyArray<string> }>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .all<{ outcome: Outcome | null; ids: string }>(
        "reading a sync's deletion checks",
        statement("SELECT outcome, json_group_array(id) AS ids FROM sync_candidates WHERE sync_id = ?1 GROUP BY outcome", syncId)
      )
      // json_group_array answers a JSON array of the ids (strings).
      .pipe(Effect.map((rows) => rows.map((row) => ({ outcome: row.outcome, ids: JSON.parse(row.ids) as ReadonlyArray<string> }))))
  )

/** What the deletion check of a sync found, recorded with its completion. */
export interface DeletionCheck {
  readonly candidates: number
  /** How many candidates were marked inaccessible (403). */
  readonly inaccessible: number
  readonly skipped: boolean
  /** What it could not confirm or did not do, one clause each (`Warning.sentence`). */
  readonly warnings: ReadonlyArray<string>
}

/**
 * SQL true while sync `?1` is unfinished (running, or claimed for finalizing): each statement
 * of its apply checks it, so that in the apply's one transaction a sync marked failed (or
 * abandoned) meanwhile applies nothing and is not marked completed.
 */
export const unfinished = "EXISTS (SELECT 1 FROM syncs WHERE id = ?1 AND status IN ('running', 'finalizing'))"

/**
 * Marks the sync completed with its counts and its warning (null when none), if it is still
 * unfinished; runs in the finalization batch after the apply and before the staging rows go.
 * The warning also says how many of its accounts the apply left as a job wrote them after the
 * sync started (`Accounts.writtenSince`), counted in the same transaction.
 */
export const completed = (syncId: string, now: string, check: DeletionCheck, warning: string | null): Statement =>
  statement(
    `UPDATE syncs SET status = 'completed', finished_at = ?2, error = NULL,
       accounts_seen = (SELECT count(*) FROM sync_staging WHERE sync_id = ?1),
       accounts_deleted = (SELECT count(*) FROM accounts WHERE deleted_at = ?2 AND last_sync_id <> ?1),
       deletion_candidates = ?3, deletions_skipped = ?4, accounts_inaccessible = ?6,
       warning = (SELECT CASE WHEN n = 0 THEN ?5 ELSE COALESCE(substr(?5, 1, length(?5) - 1) || '; ', '') ||
         'accounts left as a job wrote them after the sync started (the next sync reads them again): ' || n || '.' END
         FROM (SELECT count(*) AS n FROM sync_staging s JOIN accounts a ON a.id = s.id WHERE s.sync_id = ?1 AND a.written_at > syncs.started_at))
     WHERE id = ?1 AND status IN ('running', 'finalizing')`,
    syncId,
    now,
    check.candidates,
    check.skipped ? 1 : 0,
    warning,
    check.inaccessible
  )

/**
 * Drops the compliance point (`Compliance.record`) of a sync the apply did not mark completed
 * (it was failed meanwhile): the point was taken in the same batch, after `completed`.
 */
export const dropAggregateUnlessCompleted = (syncId: string): Statement =>
  statement(
    "DELETE FROM sync_aggregates WHERE sync_id = ?1 AND NOT EXISTS (SELECT 1 FROM syncs WHERE id = ?1 AND status = 'completed')",
    syncId
  )

/**
 * Fails syncs still unfinished that started before `before` (their invocation died) and
 * drops the staging rows and chunks of every sync that is not running any more.
 */
export const abandonStale = (before: string, now: string): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.batch("abandoning stale syncs", [
      // Also rows a late chunk staged after its sync had already failed.
      statement(
        `DELETE FROM sync_staging WHERE sync_id NOT IN
           (SELECT id FROM syncs WHERE status IN ('running', 'finalizing') AND started_at > ?1)`,
        before
      ),
      statement(
        `DELETE FROM sync_findings WHERE sync_id NOT IN
           (SELECT id FROM syncs WHERE status IN ('running', 'finalizing') AND started_at > ?1)`,
        before
      ),
      statement(
        `DELETE FROM sync_chunks WHERE sync_id NOT IN
           (SELECT id FROM syncs WHERE status IN ('running', 'finalizing') AND started_at > ?1)`,
        before
      ),
      statement(
        `DELETE FROM sync_candidates WHERE sync_id NOT IN
           (SELECT id FROM syncs WHERE status IN ('running', 'finalizing') AND started_at > ?1)`,
        before
      ),
      statement(
        `UPDATE syncs SET status = 'failed', finished_at = ?2, error = ?3
         WHERE status IN ('running', 'finalizing') AND started_at <= ?1`,
        before,
        now,
        JSON.stringify({ tag: "Abandoned", message: "the sync did not finish in time" })
      )
    ])
  )

/** Records a failure and drops the staging rows; the previous snapshot is untouched. */
export const failed = (syncId: string, error: string, now: string): Effect.Effect<void, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.batch("recording a failed sync", [
      statement(
        "UPDATE syncs SET status = 'failed', finished_at = ?2, error = ?3 WHERE id = ?1 AND status IN ('running', 'finalizing')",
        syncId,
        now,
        error
      ),
      statement("DELETE FROM sync_staging WHERE sync_id = ?1", syncId),
      statement("DELETE FROM sync_findings WHERE sync_id = ?1", syncId),
      statement("DELETE FROM sync_chunks WHERE sync_id = ?1", syncId),
      statement("DELETE FROM sync_candidates WHERE sync_id = ?1", syncId)
    ])
  )

/** Removes a sync's chunks once it is applied. */
export const clearChunks = (syncId: string): Statement => statement("DELETE FROM sync_chunks WHERE sync_id = ?1", syncId)

/** Removes a sync's deletion candidates once it is applied. */
export const clearCandidates = (syncId: string): Statement =>
  statement("DELETE FROM sync_candidates WHERE sync_id = ?1", syncId)
