/**
 * The worker's `Database` service over Node's SQLite (in memory, every migration applied),
 * for unit tests of the job statements with the Effect `TestClock`: the same SQL as on D1,
 * and a batch as one transaction, as D1 runs it.
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { type Database, DatabaseError, type Statement } from "../../src/platform/Database.js"
import { migrationStatements } from "./Harness.js"

export interface SqliteDatabase {
  readonly service: Database["Type"]
  /** Direct access, for arranging and inspecting rows. */
  readonly sqlite: DatabaseSync
}

// The worker binds only text, numbers and NULL (D1's `undefined` is NULL too).
const bindable = (params: ReadonlyArray<unknown>) => params.map((p) => (p === undefined ? null : p)) as Array<SQLInputValue>

export const make = (): SqliteDatabase => {
  const sqlite = new DatabaseSync(":memory:")
  for (const sql of migrationStatements()) sqlite.exec(sql)
  const attempt = <A>(operation: string, f: () => A) =>
    Effect.try({ try: f, catch: (cause) => new DatabaseError({ operation, cause }) })
  const run = (query: Statement) => sqlite.prepare(query.sql).run(...bindable(query.params))
  const service: Database["Type"] = {
    // The row type is the caller's statement of the selected columns, as on D1.
    all: <A>(operation: string, query: Statement) =>
      attempt(operation, () => sqlite.prepare(query.sql).all(...bindable(query.params)) as unknown as ReadonlyArray<A>),
    first: <A>(operation: string, query: Statement) =>
      attempt(operation, () => Option.fromNullable(sqlite.prepare(query.sql).get(...bindable(query.params)) as A | undefined)),
    run: (operation, query) => attempt(operation, () => Number(run(query).changes)),
    batch: (operation, queries) =>
      attempt(operation, () => {
        sqlite.exec("BEGIN")
        try {
          const changes = queries.map((query) => Number(run(query).changes))
          sqlite.exec("COMMIT")
          return changes
        } catch (error) {
          sqlite.exec("ROLLBACK")
          throw error
        }
      })
  }
  return { service, sqlite }
}
