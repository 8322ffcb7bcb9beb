/**
 * A thin Effect wrapper over the D1 binding: every query is an Effect that fails with
 * a {@link DatabaseError}, and a batch runs as one transaction.
 */
import type { D1Database } from "@cloudflare/workers-types/index.ts"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"

/** A D1 query failed. `operation` names what the worker was doing, never a value. */
export class DatabaseError extends Data.TaggedError("DatabaseError")<{
  readonly operation: string
  readonly cause: unknown
}> {
  override get message(): string {
    const detail = this.cause instanceof Error ? this.cause.message : String(this.cause)
    return `database error while ${this.operation}: ${detail}`
  }
}

/** One SQL statement with its positional parameters. */
export interface Statement {
  readonly sql: string
  readonly params: ReadonlyArray<unknown>
}

export const statement = (sql: string, ...params: ReadonlyArray<unknown>): Statement => ({ sql, params })

/** D1 rejects `undefined`; absent values are stored as NULL. */
const bindable = (params: ReadonlyArray<unknown>): Array<unknown> => params.map((p) => (p === undefined ? null : p))

export class Database extends Context.Tag("@cf-accounts/worker/Database")<
  Database,
  {
    /** Rows of a query. The caller names the row type: it must match the selected columns. */
    readonly all: <A>(operation: string, query: Statement) => Effect.Effect<ReadonlyArray<A>, DatabaseError>
    readonly first: <A>(operation: string, query: Statement) => Effect.Effect<Option.Option<A>, DatabaseError>
    /** Runs a write; returns the number of rows changed. */
    readonly run: (operation: string, query: Statement) => Effect.Effect<number, DatabaseError>
    /** Runs writes in one transaction; returns the rows changed by each. */
    readonly batch: (
      operation: string,
      queries: ReadonlyArray<Statement>
    ) => Effect.Effect<ReadonlyArray<number>, DatabaseError>
  }
>() {
  static make(db: D1Database): Database["Type"] {
    const prepare = (query: Statement) => db.prepare(query.sql).bind(...bindable(query.params))
    const attempt = <A>(operation: string, f: () => Promise<A>) =>
      Effect.tryPromise({ try: f, catch: (cause) => new DatabaseError({ operation, cause }) }).pipe(
        Effect.withSpan("Database.query", { attributes: { operation } })
      )
    return {
      // The row type is the caller's statement of the selected columns (see `all` above).
      all: <A>(operation: string, query: Statement) =>
        attempt(operation, () => prepare(query).all()).pipe(Effect.map((r) => r.results as unknown as ReadonlyArray<A>)),
      first: <A>(operation: string, query: Statement) =>
        attempt(operation, () => prepare(query).first()).pipe(
          Effect.map((row) => Option.fromNullable(row as A | null))
        ),
      run: (operation, query) => attempt(operation, () => prepare(query).run()).pipe(Effect.map((r) => r.meta.changes)),
      batch: (operation, queries) =>
        queries.length === 0
          ? Effect.succeed([])
          : attempt(operation, () => db.batch(queries.map(prepare))).pipe(
              Effect.map((results) => results.map((r) => r.meta.changes))
            )
    }
  }

  static layer(db: D1Database): Layer.Layer<Database> {
    return Layer.succeed(Database, Database.make(db))
  }
}
