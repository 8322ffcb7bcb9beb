/**
 * Reading policy findings.
 */
import * as Effect from "effect/Effect"
import { Database, type DatabaseError, statement } from "./Database.js"

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
    const where: Array<string> = []
    const params: Array<unknown> = []
    const param = (value: unknown) => {
      params.push(value)
      return `?${params.length}`
    }
    if (filter.status !== "all") where.push(`f.status = ${param(filter.status)}`)
    if (filter.rule !== undefined) where.push(`f.rule = ${param(filter.rule)}`)
    if (filter.accountId !== undefined) where.push(`f.account_id = ${param(filter.accountId)}`)
    if (filter.after !== undefined) {
      where.push(`(f.account_id, f.rule) > (${param(filter.after.accountId)}, ${param(filter.after.rule)})`)
    }
    const sql = `SELECT f.account_id, f.rule, f.status, f.detail, f.first_seen, f.last_seen, f.resolved_at,
                        a.name AS account_name
                 FROM findings f LEFT JOIN accounts a ON a.id = f.account_id
                 ${where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`}
                 ORDER BY f.account_id, f.rule LIMIT ${param(filter.limit + 1)}`
    return db.all<FindingRow>("listing findings", statement(sql, ...params))
  })
