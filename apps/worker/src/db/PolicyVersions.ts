/**
 * The stored versions of the policy file (`policy_versions`): appended, never changed.
 */
import * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
import { Database, type DatabaseError, statement } from "../platform/Database.js"

export interface VersionRow {
  readonly version: number
  /** The file as sent. */
  readonly text: string
  /** The file as the policy engine parsed it (JSON). */
  readonly file: string
  /** `token`, or the Cloudflare Access email of the caller (`access` when Access gave none). */
  readonly created_by: string
  readonly created_at: string
}

const columns = "version, text, file, created_by, created_at"

/**
 * Appends a version numbered one more than the newest, in one statement (two concurrent
 * writes cannot take the same number: the primary key refuses the second, which fails).
 */
export const append = (version: {
  readonly text: string
  readonly file: string
  readonly createdBy: string
  readonly createdAt: string
}): Effect.Effect<Option.Option<VersionRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<VersionRow>(
      "storing a policy version",
      statement(
        `INSERT INTO policy_versions (version, text, file, created_by, created_at)
         SELECT coalesce(max(version), 0) + 1, ?1, ?2, ?3, ?4 FROM policy_versions
         RETURNING ${columns}`,
        version.text,
        version.file,
        version.createdBy,
        version.createdAt
      )
    )
  )

/** The newest version, if any. */
export const latest: Effect.Effect<Option.Option<VersionRow>, DatabaseError, Database> = Effect.flatMap(Database, (db) =>
  db.first<VersionRow>(
    "reading the policy",
    statement(`SELECT ${columns} FROM policy_versions ORDER BY version DESC LIMIT 1`)
  )
)

/** One version by number. */
export const get = (version: number): Effect.Effect<Option.Option<VersionRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<VersionRow>(
      "reading a policy version",
      statement(`SELECT ${columns} FROM policy_versions WHERE version = ?1`, version)
    )
  )

/** Versions newest first, without their text: at most `limit`, before version `before` when given. */
export const history = (
  limit: number,
  before?: number
): Effect.Effect<ReadonlyArray<Omit<VersionRow, "text" | "file">>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.all<Omit<VersionRow, "text" | "file">>(
      "listing policy versions",
      statement(
        `SELECT version, created_by, created_at FROM policy_versions
         WHERE ?1 IS NULL OR version < ?1 ORDER BY version DESC LIMIT ?2`,
        before ?? null,
        limit
      )
    )
  )
