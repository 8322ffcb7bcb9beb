/**
 * `Idempotency-Key`s of job creations (`idempotency_keys`): the key, the SHA-256 of the
 * canonical request and the job it created, kept for 24 hours.
 */
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"

/** How long a key is remembered. */
export const TTL_MS = 24 * 60 * 60 * 1000

export interface KeyRow {
  readonly key: string
  readonly request_hash: string
  readonly job_id: string
  readonly created_at: string
  readonly expires_at: string
}

/** The key, if it was used less than 24 hours ago. */
export const find = (key: string, now: string): Effect.Effect<Option.Option<KeyRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<KeyRow>(
      "reading an idempotency key",
      statement("SELECT * FROM idempotency_keys WHERE key = ?1 AND expires_at > ?2", key, now)
    )
  )

/**
 * The statements that record a key, for the batch that creates its job: an expired use of
 * the key is removed, then a plain INSERT. A live row with the same key (a concurrent
 * duplicate that committed first) makes the INSERT fail on the primary key, which rolls the
 * whole batch back: no second job.
 */
export const recordStatements = (row: KeyRow): ReadonlyArray<Statement> => [
  statement("DELETE FROM idempotency_keys WHERE key = ?1 AND expires_at <= ?2", row.key, row.created_at),
  statement(
    "INSERT INTO idempotency_keys (key, request_hash, job_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    row.key,
    row.request_hash,
    row.job_id,
    row.created_at,
    row.expires_at
  )
]

/** Forgets keys older than 24 hours. */
export const purgeExpired = (now: string): Effect.Effect<number, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.run("removing expired idempotency keys", statement("DELETE FROM idempotency_keys WHERE expires_at <= ?1", now))
  )
