/**
 * The `findings` table: reading policy findings, and bringing them up to date from the
 * rules (`Rules.ts`).
 *
 * Findings are derived from the snapshot after each completed sync: an open finding per
 * account and enabled rule it breaks, resolved when it complies again (or is deleted,
 * or the rule is switched off). The findings of an account the token can no longer see
 * (`inaccessible_since`) are left as they were, open ones open with their `last_seen`
 * no longer advancing: its settings cannot be read, so it is not known to comply. Only the
 * upsert needs to leave it out: its stored settings no longer change, so an open finding of
 * it still matches the violation and is not resolved.
 */
import * as Effect from "effect/Effect"
import * as Rules from "./Rules.js"
import type { SettingsShape } from "../platform/Settings.js"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"
import * as Filter from "../db/Filter.js"

export interface FindingRow {
  readonly account_id: string
  readonly rule: string
  readonly status: "open" | "resolved"
  readonly detail: string
  readonly first_seen: string
  readonly last_seen: string
  readonly resolved_at: string | null
  readonly account_name: string | null
}

export interface FindingFilter {
  readonly status: "open" | "resolved" | "all"
  readonly rule?: string | undefined
  readonly accountId?: string | undefined
  /** `account_id rule` of the last row of the previous page. */
  readonly after?: { readonly accountId: string; readonly rule: string } | undefined
  readonly limit: number
}

/** Findings ordered by (account, rule); one more row than `limit` tells whether there is a next page. */
export const list = (filter: FindingFilter): Effect.Effect<ReadonlyArray<FindingRow>, DatabaseError, Database> =>
  Effect.flatMap(Database, (db) => {
    const { clause, param, params, where } = Filter.make()
    if (filter.status !== "all") where(`f.status = ${param(filter.status)}`)
    if (filter.rule !== undefined) where(`f.rule = ${param(filter.rule)}`)
    if (filter.accountId !== undefined) where(`f.account_id = ${param(filter.accountId)}`)
    if (filter.after !== undefined) {
      where(`(f.account_id, f.rule) > (${param(filter.after.accountId)}, ${param(filter.after.rule)})`)
    }
    const sql = `SELECT f.account_id, f.rule, f.status, f.detail, f.first_seen, f.last_seen, f.resolved_at,
                        a.name AS account_name
                 FROM findings f LEFT JOIN accounts a ON a.id = f.account_id${clause()}
                 ORDER BY f.account_id, f.rule LIMIT ${param(filter.limit + 1)}`
    return db.all<FindingRow>("listing findings", statement(sql, ...params))
  })

/** Statements that bring `findings` and `accounts.compliant` up to date, at time `now`. */
export const refresh = (settings: SettingsShape, now: string): ReadonlyArray<Statement> => {
  const statements: Array<Statement> = []
  for (const rule of Rules.all) {
    if (rule.enabled(settings)) {
      statements.push(
        statement(
          `INSERT INTO findings (account_id, rule, status, detail, first_seen, last_seen, resolved_at)
           SELECT id, ?1, 'open', ?2, ?3, ?3, NULL FROM accounts
           WHERE deleted_at IS NULL AND inaccessible_since IS NULL AND ${rule.violation}
           ON CONFLICT (account_id, rule) DO UPDATE SET
             first_seen = CASE WHEN findings.status = 'open' THEN findings.first_seen ELSE excluded.first_seen END,
             status = 'open', detail = excluded.detail, last_seen = excluded.last_seen, resolved_at = NULL`,
          rule.id,
          rule.detail,
          now
        ),
        statement(
          `UPDATE findings SET status = 'resolved', resolved_at = ?2
           WHERE rule = ?1 AND status = 'open' AND account_id NOT IN
             (SELECT id FROM accounts WHERE deleted_at IS NULL AND ${rule.violation})`,
          rule.id,
          now
        )
      )
    } else {
      statements.push(
        statement(
          "UPDATE findings SET status = 'resolved', resolved_at = ?2 WHERE rule = ?1 AND status = 'open'",
          rule.id,
          now
        )
      )
    }
  }
  statements.push(
    statement(
      `UPDATE accounts SET compliant = CASE WHEN EXISTS
         (SELECT 1 FROM findings f WHERE f.account_id = accounts.id AND f.status = 'open') THEN 0 ELSE 1 END`
    )
  )
  return statements
}
