/**
 * Sync runs (`syncs`) and the page ranges of fanned-out syncs (`sync_chunks`).
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
  /** 1 when there were more deletion candidates than `SYNC_MAX_DELETE_CHECKS`: none was marked deleted. */
  readonly deletions_skipped: number
  readonly warning: string | null
  readonly error: string | null
  /** The policy version the sync audits with (`policy_versions`); null: the default policy. */
  readonly policy_version: number | null
}

export interface ChunkRow {
  readonly sync_id: string
  readonly chunk: number
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
 * Marks the sync completed with its counts and its warning (null when none); runs in the
 * finalization batch before the staging rows go.
 */
export const completed = (syncId: string, now: string, check: DeletionCheck, warning: string | null): Statement =>
  statement(
    `UPDATE syncs SET status = 'completed', finished_at = ?2, error = NULL,
       accounts_seen = (SELECT count(*) FROM sync_staging WHERE sync_id = ?1),
       accounts_deleted = (SELECT count(*) FROM accounts WHERE deleted_at = ?2 AND last_sync_id <> ?1),
       deletion_candidates = ?3, deletions_skipped = ?4, warning = ?5, accounts_inaccessible = ?6
     WHERE id = ?1`,
    syncId,
    now,
    check.candidates,
    check.skipped ? 1 : 0,
    warning,
    check.inaccessible
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
      statement("DELETE FROM sync_chunks WHERE sync_id = ?1", syncId)
    ])
  )

/** Removes a sync's page ranges once it is applied. */
export const clearChunks = (syncId: string): Statement => statement("DELETE FROM sync_chunks WHERE sync_id = ?1", syncId)
