/**
 * The inventory snapshot (`accounts`) and the staging rows of syncs in progress.
 */
import type { Account } from "@cf-accounts/core/Account"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"
import * as Filter from "./Filter.js"
import * as JsonColumn from "./JsonColumn.js"
import * as Syncs from "./Syncs.js"

/**
 * The natural sort key of a name: lower case, each run of digits written as its length (two
 * digits) then the digits without leading zeros, so "Labs 69" sorts before "Labs 414" and
 * "labs 7" beside "Labs 7". Stored in `name_key` beside the name, which the listing sorts by.
 */
export const nameKey = (name: string): string =>
  name.toLowerCase().replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+(?=\d)/, "")
    return `${String(Math.min(digits.length, 99)).padStart(2, "0")}${digits}`
  })

/**
 * The one mapping from an account to its row: each column the worker queries, as SQL over
 * `account` (the account as the API sent it, JSON text) and `key` (its {@link nameKey}). A
 * sync's staging and its apply, and a job's write, all take their columns from here.
 */
const columnsOf = (account: string, key: string) => ({
  id: `json_extract(${account}, '$.id')`,
  name: `json_extract(${account}, '$.name')`,
  type: `json_extract(${account}, '$.type')`,
  settings: `json_extract(${account}, '$.settings')`,
  managed_by: `json_extract(${account}, '$.managed_by')`,
  created_on: `json_extract(${account}, '$.created_on')`,
  account: `json(${account})`,
  name_key: key,
  enforce_twofactor: `json_extract(${account}, '$.settings.enforce_twofactor')`,
  abuse_contact_email: `json_extract(${account}, '$.settings.abuse_contact_email')`
})

type Column = keyof ReturnType<typeof columnsOf>

/** `names` and the SQL of each over `account` and `key` ({@link columnsOf}), as two lists. */
const select = (names: ReadonlyArray<Column>, account: string, key: string) => {
  const columns = columnsOf(account, key)
  return { names: names.join(", "), values: names.map((name) => columns[name]).join(", ") }
}

/** Accounts as the statements below take them: one JSON array of `{ account, key }`. */
const stored = (accounts: ReadonlyArray<Account>): string =>
  JSON.stringify(accounts.map((account) => ({ account, key: nameKey(account.name) })))

const staged = select(
  ["id", "name", "type", "settings", "managed_by", "created_on", "account", "name_key"],
  "json_extract(value, '$.account')",
  "json_extract(value, '$.key')"
)

/**
 * The statement that writes one page of accounts into the staging rows of `syncId`: each
 * account whole, as decoded (every field the API sent, nulls and fields core does not model
 * included), and the columns the worker queries read from it.
 */
export const stage = (syncId: string, accounts: ReadonlyArray<Account>): Statement =>
  statement(
    `INSERT OR REPLACE INTO sync_staging (sync_id, ${staged.names})
     SELECT ?1, ${staged.values} FROM json_each(?2)`,
    syncId,
    stored(accounts)
  )

/** Every column read from the account, for a row of `accounts`. */
const written: ReadonlyArray<Column> = [
  "name",
  "type",
  "settings",
  "managed_by",
  "created_on",
  "account",
  "name_key",
  "enforce_twofactor",
  "abuse_contact_email"
]

/**
 * The statement that stores `account` as the API answered a write to it (a job item's
 * `PUT` or move) at `now`: the account and every column read from it, as a sync writes them,
 * and `written_at` (a sync that started before it leaves the row as the job wrote it,
 * {@link applyStaged}). The row's sync bookkeeping (`first_seen`, `last_seen`, `last_sync_id`,
 * deletion and inaccessible marks) stays as the last sync left it; an account no sync has
 * stored is not added.
 */
export const write = (account: Account, now: string): Statement => {
  const columns = select(written, "?2", "?3")
  return statement(
    `UPDATE accounts SET (${columns.names}, written_at) = (${columns.values}, ?4) WHERE id = ?1`,
    account.id,
    JSON.stringify(account),
    nameKey(account.name),
    now
  )
}

/**
 * The ids of the accounts a job wrote after sync `?1` started: what the sync read of them may
 * be older than the job's write (its start is a conservative bound of its reads), so its apply
 * leaves them as the job wrote them, and the next sync reads them afresh.
 */
export const writtenSince = "SELECT id FROM accounts WHERE written_at > (SELECT started_at FROM syncs WHERE id = ?1)"

/**
 * Live, accessible accounts of the snapshot that `syncId` did not stage, by id: at most
 * `limit` ids, and how many there are in all. Accounts already marked inaccessible are not
 * checked again (each would be a GET answered 403 on every sync); a listing that shows
 * them again clears the mark.
 */
export const deletionCandidates = (
  syncId: string,
  limit: number
): Effect.Effect<{ readonly ids: ReadonlyArray<string>; readonly total: number }, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .all<{ id: string; total: number }>(
        "listing accounts a sync did not see",
        statement(
          `SELECT id, count(*) OVER () AS total FROM accounts
           WHERE deleted_at IS NULL AND inaccessible_since IS NULL
             AND id NOT IN (SELECT id FROM sync_staging WHERE sync_id = ?1)
           ORDER BY id LIMIT ?2`,
          syncId,
          limit
        )
      )
      .pipe(Effect.map((rows) => ({ ids: rows.map((row) => row.id), total: rows[0]?.total ?? 0 })))
  )

/** How many accounts `syncId` has staged. */
export const stagedCount = (syncId: string): Effect.Effect<number, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .first<{ n: number }>(
        "counting staged accounts",
        statement("SELECT count(*) AS n FROM sync_staging WHERE sync_id = ?1", syncId)
      )
      .pipe(Effect.map((row) => Option.match(row, { onNone: () => 0, onSome: (r) => r.n })))
  )

/** What the deletion check concluded about the accounts a sync did not list. */
export interface Unlisted {
  /** Confirmed gone: the API answered 404. */
  readonly deleted: ReadonlyArray<string>
  /** Not visible to the worker's token any more: the API answered 403. */
  readonly inaccessible: ReadonlyArray<string>
}

/**
 * Statements that apply a completed sync: upsert every staged account (keeping
 * `first_seen`, clearing `deleted_at` and `inaccessible_since`; the columns of one a job wrote
 * after the sync started, {@link writtenSince}, kept as the job wrote them), then mark deleted
 * the accounts in `unlisted.deleted` (each confirmed gone by the API; an account merely missing
 * from the listing is not) and inaccessible, since `now`, those in `unlisted.inaccessible`.
 * Each applies only while the sync is unfinished (`Syncs.unfinished`): in the apply's one
 * transaction, a sync marked failed meanwhile applies nothing.
 */
export const applyStaged = (syncId: string, now: string, unlisted: Unlisted): ReadonlyArray<Statement> => {
  const columns = select(written, "account", "name_key")
  const fresh = "(accounts.written_at IS NULL OR accounts.written_at <= (SELECT started_at FROM syncs WHERE id = ?1))"
  return [
    statement(
      `INSERT INTO accounts (id, ${columns.names}, first_seen, last_seen, last_sync_id, deleted_at)
       SELECT id, ${columns.values}, ?2, ?2, ?1, NULL
       FROM sync_staging WHERE sync_id = ?1 AND ${Syncs.unfinished}
       ON CONFLICT (id) DO UPDATE SET
         ${written.map((name) => `${name} = CASE WHEN ${fresh} THEN excluded.${name} ELSE accounts.${name} END`).join(", ")},
         last_seen = excluded.last_seen, last_sync_id = excluded.last_sync_id, deleted_at = NULL, inaccessible_since = NULL`,
      syncId,
      now
    ),
    statement(
      `UPDATE accounts SET deleted_at = ?3
       WHERE deleted_at IS NULL AND last_sync_id <> ?1 AND id IN (SELECT value FROM json_each(?2)) AND ${Syncs.unfinished}`,
      syncId,
      JSON.stringify(unlisted.deleted),
      now
    ),
    statement(
      `UPDATE accounts SET inaccessible_since = ?3
       WHERE deleted_at IS NULL AND inaccessible_since IS NULL AND last_sync_id <> ?1
         AND id IN (SELECT value FROM json_each(?2)) AND ${Syncs.unfinished}`,
      syncId,
      JSON.stringify(unlisted.inaccessible),
      now
    )
  ]
}

export const clearStaging = (syncId: string): Statement =>
  statement("DELETE FROM sync_staging WHERE sync_id = ?1", syncId)

export interface AccountRow {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly settings: string | null
  readonly managed_by: string | null
  readonly created_on: string | null
  /** The account as the API sent it (JSON); null on a row written before migration 0007. */
  readonly account: string | null
  readonly first_seen: string
  readonly last_seen: string
  readonly deleted_at: string | null
  /** When a deletion check first got a 403 for it: the worker's token no longer sees it. */
  readonly inaccessible_since: string | null
  readonly compliant: number
  /** The name's natural sort key ({@link nameKey}); before migration 0009's first sync, the name in lower case. */
  readonly name_key: string | null
}

const columns =
  "id, name, type, settings, managed_by, created_on, account, first_seen, last_seen, deleted_at, inaccessible_since, compliant, name_key"

/** Orders of the account listing; each is a keyset on (column, id), so cursors stay stable. */
export type AccountSort = "id" | "name"
export type SortOrder = "asc" | "desc"

/** Where the previous page ended: its last row's id, and its name's sort key when sorted by name. */
export interface AccountPosition {
  readonly id: string
  readonly nameKey?: string | undefined
}

export interface AccountFilter {
  readonly name?: string | undefined
  readonly compliant?: boolean | undefined
  /** Only accounts with an open finding for this rule. */
  readonly rule?: string | undefined
  readonly includeDeleted: boolean
  /** `true`: also accounts the token cannot see; `"only"`: just those. */
  readonly includeInaccessible: boolean | "only"
}

export interface AccountPage extends AccountFilter {
  /** By id, or by name in natural order ({@link nameKey}), then id. */
  readonly sort?: AccountSort | undefined
  readonly order?: SortOrder | undefined
  readonly after?: AccountPosition | undefined
  readonly limit: number
}

/** `%`, `_` and `\` match themselves in a name filter. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** The filter's conditions: the listing and its count share them. */
const filtered = (filter: AccountFilter) => {
  const built = Filter.make()
  const { param, where } = built
  if (!filter.includeDeleted) where("deleted_at IS NULL")
  if (filter.includeInaccessible === "only") where("inaccessible_since IS NOT NULL")
  else if (!filter.includeInaccessible) where("inaccessible_since IS NULL")
  if (filter.name !== undefined) where(`name LIKE ${param(likeContains(filter.name))} ESCAPE '\\'`)
  if (filter.compliant !== undefined) where(`compliant = ${param(filter.compliant ? 1 : 0)}`)
  if (filter.rule !== undefined) {
    where(`EXISTS (SELECT 1 FROM findings f WHERE f.account_id = accounts.id AND f.status = 'open'
                   AND f.rule = ${param(filter.rule)})`)
  }
  return built
}

/**
 * Accounts in the page's order (default by id), after the cursor position; one more row
 * than `limit` tells whether there is a next page.
 */
export const list = (page: AccountPage): Effect.Effect<ReadonlyArray<AccountRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => {
    const { clause, param, params, where } = filtered(page)
    const direction = page.order === "desc" ? "DESC" : "ASC"
    const after = direction === "DESC" ? "<" : ">"
    if (page.sort === "name") {
      if (page.after !== undefined) {
        where(`(name_key, id) ${after} (${param(page.after.nameKey ?? "")}, ${param(page.after.id)})`)
      }
    } else if (page.after !== undefined) {
      where(`id ${after} ${param(page.after.id)}`)
    }
    const orderBy = page.sort === "name" ? `name_key ${direction}, id ${direction}` : `id ${direction}`
    const sql = `SELECT ${columns} FROM accounts${clause()}
                 ORDER BY ${orderBy} LIMIT ${param(page.limit + 1)}`
    return db.all<AccountRow>("listing accounts", statement(sql, ...params))
  })

/** How many accounts match the filter, on every page of its listing. */
export const count = (filter: AccountFilter): Effect.Effect<number, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => {
    const { clause, params } = filtered(filter)
    return db
      .first<{ n: number }>("counting accounts", statement(`SELECT count(*) AS n FROM accounts${clause()}`, ...params))
      .pipe(Effect.map((row) => Option.match(row, { onNone: () => 0, onSome: (r) => r.n })))
  })

export const get = (id: string): Effect.Effect<Option.Option<AccountRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db.first<AccountRow>("reading an account", statement(`SELECT ${columns} FROM accounts WHERE id = ?1`, id))
  )

/**
 * Live accounts with an open finding for `rule`, leaving out those the token cannot see (each
 * item would fail with a 403): what an `all-noncompliant` job for the rule takes.
 */
const withOpenFindingWhere = `deleted_at IS NULL AND inaccessible_since IS NULL AND EXISTS
  (SELECT 1 FROM findings f WHERE f.account_id = accounts.id AND f.status = 'open' AND f.rule = ?1)`

/** Ids of the accounts an `all-noncompliant` job for `rule` applies to, by id. */
export const withOpenFinding = (rule: string): Effect.Effect<ReadonlyArray<string>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .all<{ id: string }>(
        "listing accounts with an open finding",
        statement(`SELECT id FROM accounts WHERE ${withOpenFindingWhere} ORDER BY id`, rule)
      )
      .pipe(Effect.map((rows) => rows.map((row) => row.id)))
  )

/** How many accounts an `all-noncompliant` job for `rule` would take, and the first `sample` of them by id. */
export const withOpenFindingPreview = (
  rule: string,
  sample: number
): Effect.Effect<{ readonly count: number; readonly sample: ReadonlyArray<AccountRow> }, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    // Two queries: the count from the findings' index (status, rule), the sample by id with a plain
    // LIMIT; one window function over every matching row sorted them all (400 ms at 100,000).
    Effect.zipWith(
      db.first<{ n: number }>(
        "counting accounts with an open finding",
        statement(
          `SELECT count(*) AS n FROM findings f JOIN accounts a ON a.id = f.account_id
           WHERE f.status = 'open' AND f.rule = ?1 AND a.deleted_at IS NULL AND a.inaccessible_since IS NULL`,
          rule
        )
      ),
      db.all<AccountRow>(
        "previewing accounts with an open finding",
        statement(`SELECT ${columns} FROM accounts WHERE ${withOpenFindingWhere} ORDER BY id LIMIT ?2`, rule, sample)
      ),
      (count, rows) => ({ count: Option.match(count, { onNone: () => 0, onSome: (row) => row.n }), sample: rows })
    )
  )

/**
 * The account a row holds, as the API sent it (`account`), or, on a row written before
 * migration 0007, as its columns have it.
 */
export const toAccount = (row: AccountRow): Account =>
  // Written by the sync from a decoded `Account` (`account`, or the columns read from one).
  (row.account !== null
    ? JSON.parse(row.account)
    : {
        id: row.id,
        name: row.name,
        type: row.type,
        settings: JsonColumn.parse(row.settings),
        managed_by: JsonColumn.parse(row.managed_by),
        created_on: row.created_on
      }) as Account
