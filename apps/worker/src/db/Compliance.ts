/**
 * Compliance totals: the snapshot's now (accounts, compliant, inaccessible, open findings
 * per rule) and one row per completed sync (`sync_aggregates`, written in the sync's own
 * transaction) for the dashboard's chart. Both read the same SQL, so a chart point and the
 * overview agree on what they count.
 */
import * as Effect from "effect/Effect"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"

/**
 * Live accounts (not deleted) the token still sees, those of them that comply, live ones the
 * token no longer sees, every open finding, and open findings per rule as a JSON object.
 */
const totalsSelect = `
  (SELECT count(*) FROM accounts WHERE deleted_at IS NULL AND inaccessible_since IS NULL) AS accounts,
  (SELECT count(*) FROM accounts WHERE deleted_at IS NULL AND inaccessible_since IS NULL AND compliant = 1) AS compliant,
  (SELECT count(*) FROM accounts WHERE deleted_at IS NULL AND inaccessible_since IS NOT NULL) AS inaccessible,
  (SELECT count(*) FROM findings WHERE status = 'open') AS open_findings,
  (SELECT coalesce(json_group_object(rule, n), '{}') FROM
     (SELECT rule, count(*) AS n FROM findings WHERE status = 'open' GROUP BY rule ORDER BY rule)) AS open_by_rule`

interface TotalsRow {
  readonly accounts: number
  readonly compliant: number
  readonly inaccessible: number
  readonly open_findings: number
  /** JSON object: rule id to open findings. */
  readonly open_by_rule: string
}

export interface Totals {
  readonly accounts: number
  readonly compliant: number
  readonly inaccessible: number
  readonly open_findings: number
  readonly open_by_rule: Readonly<Record<string, number>>
}

// `open_by_rule` is written by `json_group_object` over counts, so it is an object of numbers.
const toTotals = ({ open_by_rule, ...row }: TotalsRow): Totals => ({
  ...row,
  open_by_rule: JSON.parse(open_by_rule) as Record<string, number>
})

/** The snapshot's totals now. */
export const current: Effect.Effect<Totals, DatabaseError, Database> = Effect.flatMap(Database, (db) =>
  db
    .all<TotalsRow>("reading compliance totals", statement(`SELECT ${totalsSelect}`))
    .pipe(Effect.map((rows) => toTotals(rows[0] as TotalsRow)))
)

/** Records the totals a completed sync leaves; runs after the snapshot and findings are applied. */
export const record = (syncId: string, finishedAt: string): Statement =>
  statement(
    `INSERT OR REPLACE INTO sync_aggregates
       (sync_id, finished_at, accounts, compliant, inaccessible, open_findings, open_by_rule)
     SELECT ?1, ?2, ${totalsSelect}`,
    syncId,
    finishedAt
  )

export interface Point extends Totals {
  readonly sync_id: string
  readonly finished_at: string
}

/** One point per completed sync finished at or after `since`, oldest first: one query. */
export const since = (time: string): Effect.Effect<ReadonlyArray<Point>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) =>
    db
      .all<TotalsRow & { sync_id: string; finished_at: string }>(
        "reading sync aggregates",
        statement(
          `SELECT sync_id, finished_at, accounts, compliant, inaccessible, open_findings, open_by_rule
           FROM sync_aggregates WHERE finished_at >= ?1 ORDER BY finished_at, sync_id`,
          time
        )
      )
      .pipe(
        Effect.map((rows) =>
          rows.map(({ sync_id, finished_at, ...totals }) => ({ sync_id, finished_at, ...toTotals(totals) }))
        )
      )
  )
