/**
 * The `findings` table: reading policy findings, and bringing them up to date from what a
 * sync's audit reported.
 *
 * The policy engine (`Policy.audit`) audits each page of accounts where the sync stages it, and
 * its findings are staged beside them (`sync_findings`, {@link stage}), so no invocation
 * holds more than a page of them. When the sync is applied, in its one transaction
 * ({@link refresh}): each staged finding is `open`, or `excused` when an unexpired exception
 * silences it (the exception is kept on the row; an expired one too, on an open finding);
 * `first_seen` is kept while the finding stays unresolved; a finding is resolved when its account
 * was staged without it (it complies now, or the rule's options changed), when the account was
 * deleted, or when the sync's policy switches its rule off. The findings of an account the sync
 * did not read (inaccessible to the token, or unchecked because the deletion check was skipped)
 * are left as they were: it is not known to comply. `accounts.compliant` is "no open finding".
 * A job item whose write succeeded brings its one account up to date the same way
 * ({@link refreshAccount}), from the engine's audit of the account the API answered.
 */
import type * as Finding from "@cf-accounts/policy/Finding"
import * as Effect from "effect/Effect"
import * as Accounts from "../db/Accounts.js"
import * as Filter from "../db/Filter.js"
import * as Syncs from "../db/Syncs.js"
import { Database, type DatabaseError, type Statement, statement } from "../platform/Database.js"
import * as Policy from "./Policy.js"

export type FindingStatus = "open" | "excused" | "resolved"

/**
 * The exception a finding names, as stored: the one that silenced it, or one that has expired.
 * A reference, not a copy: its position (`index`) in the exceptions of policy version `version`,
 * and what a reader shows of it. Its `accounts` list, which can be long, stays in the policy
 * version and is read from there when a finding is listed ({@link list}), so a page of findings
 * stays small however many accounts an exception names.
 */
export interface ExceptionRecord {
  readonly version: number | null
  readonly index: number
  readonly rule: string
  readonly reason: string
  readonly expires: string
  readonly expired: boolean
}

export interface FindingRow {
  readonly account_id: string
  readonly rule: string
  readonly status: FindingStatus
  readonly detail: string
  /** JSON of an {@link ExceptionRecord}, or null. */
  readonly exception: string | null
  readonly first_seen: string
  readonly last_seen: string
  readonly resolved_at: string | null
  readonly account_name: string | null
}

export interface FindingFilter {
  readonly status: FindingStatus | "all"
  readonly rule?: string | undefined
  readonly accountId?: string | undefined
  /** `account_id rule` of the last row of the previous page. */
  readonly after?: { readonly accountId: string; readonly rule: string } | undefined
  readonly limit: number
}

/**
 * A finding's exception as the API shows it: the stored reference ({@link ExceptionRecord}) with
 * the exception's `accounts` read from the policy version it names (a row written before the
 * reference, which holds its own `accounts`, as stored).
 */
const withAccounts = `CASE WHEN f.exception->'index' IS NULL THEN f.exception ELSE json_set(f.exception,'$.accounts',
(SELECT file->'policy'->'exceptions'->(f.exception->>'index')->'accounts' FROM policy_versions WHERE version=f.exception->>'version')) END`

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
    const sql = `SELECT f.account_id, f.rule, f.status, f.detail, ${withAccounts} AS exception, f.first_seen, f.last_seen, f.resolved_at,
                        a.name AS account_name
                 FROM findings f LEFT JOIN accounts a ON a.id = f.account_id${clause()}
                 ORDER BY f.account_id, f.rule LIMIT ${param(filter.limit + 1)}`
    return db.all<FindingRow>("listing findings", statement(sql, ...params))
  })

/** The position of `exception` in the auditor's policy: the engine cites the policy's own exception, its `accounts` the same array. */
const indexOf = (auditor: Policy.Auditor, exception: Finding.ExceptionRef): number =>
  (auditor.policy.exceptions ?? []).findIndex((e) => e.accounts === exception.accounts)

/** A finding of the engine as staged: open or excused, with a reference to the exception it names. */
const staged = (finding: Finding.Finding, auditor: Policy.Auditor) => {
  const exception = finding.silencedBy ?? finding.expiredException
  return {
    account_id: finding.account.id,
    rule: finding.rule,
    status: finding.silencedBy === undefined ? "open" : "excused",
    detail: finding.detail,
    exception:
      exception === undefined
        ? null
        : ({
            version: auditor.version,
            index: indexOf(auditor, exception),
            rule: exception.rule,
            reason: exception.reason,
            expires: exception.expires,
            expired: Policy.hasExpired(exception.expires, auditor.now)
          } satisfies ExceptionRecord)
  }
}

/** Findings as staged ({@link staged}), as rows: `(account_id, rule, status, detail, exception)` of the JSON array `param`. */
const fromJson = (param: string) =>
  `SELECT json_extract(value, '$.account_id') AS account_id, json_extract(value, '$.rule') AS rule,
          json_extract(value, '$.status') AS status, json_extract(value, '$.detail') AS detail,
          json_extract(value, '$.exception') AS exception
   FROM json_each(${param})`

/**
 * The statement that stages one page's findings for `syncId` (none when there are none), as
 * `auditor` (its policy version, and the time it judged the exceptions at) found them.
 */
export const stage = (syncId: string, findings: ReadonlyArray<Finding.Finding>, auditor: Policy.Auditor): ReadonlyArray<Statement> =>
  findings.length === 0
    ? []
    : [
        statement(
          `INSERT OR REPLACE INTO sync_findings (sync_id, account_id, rule, status, detail, exception)
           SELECT ?1, account_id, rule, status, detail, exception FROM (${fromJson("?2")})`,
          syncId,
          JSON.stringify(findings.map((finding) => staged(finding, auditor)))
        )
      ]

/*
 * The one rule for bringing findings up to date from an audit, for a sync's accounts and for
 * one account a job wrote. `source` selects the audit's findings (`account_id, rule, status,
 * detail, exception`); `?2` is the time.
 */

/** Each finding of the audit, open or excused, at `?2`, when `when`; `first_seen` kept while it stays unresolved. */
const upsert = (source: string, when: string) =>
  `INSERT INTO findings (account_id, rule, status, detail, exception, first_seen, last_seen, resolved_at)
   SELECT account_id, rule, status, detail, exception, ?2, ?2, NULL FROM (${source}) WHERE ${when}
   ON CONFLICT (account_id, rule) DO UPDATE SET
     first_seen = CASE WHEN findings.status = 'resolved' THEN excluded.first_seen ELSE findings.first_seen END,
     status = excluded.status, detail = excluded.detail, exception = excluded.exception,
     last_seen = excluded.last_seen, resolved_at = NULL`

/** Resolved at `?2`: the unresolved findings in `scope` that the audit no longer reports. */
const resolve = (source: string, scope: string) =>
  `UPDATE findings SET status = 'resolved', resolved_at = ?2
   WHERE status <> 'resolved' AND (${scope})
     AND NOT EXISTS (SELECT 1 FROM (${source}) s WHERE s.account_id = findings.account_id AND s.rule = findings.rule)`

/** `accounts.compliant` ("no open finding") of the accounts `where` selects. */
const compliance = (where: string) =>
  `UPDATE accounts SET compliant = CASE WHEN EXISTS
     (SELECT 1 FROM findings f WHERE f.account_id = accounts.id AND f.status = 'open') THEN 0 ELSE 1 END${where}`

/**
 * Statements that bring `findings` and `accounts.compliant` up to date from what `syncId`
 * staged, at time `now`, with `enabled` the rules the sync's policy switches on. They run
 * after the snapshot is applied (so deletions and inaccessible marks are current) and before
 * the sync's staging rows are cleared, and only while the sync is unfinished
 * (`Syncs.unfinished`: one marked failed meanwhile applies nothing). The findings of an
 * account a job wrote after the sync started (`Accounts.writtenSince`) are left as the job
 * left them: the sync's audit of it is older than the job's.
 */
export const refresh = (syncId: string, enabled: ReadonlyArray<string>, now: string): ReadonlyArray<Statement> => {
  const source = `SELECT account_id, rule, status, detail, exception FROM sync_findings
    WHERE sync_id = ?1 AND account_id NOT IN (${Accounts.writtenSince})`
  return [
    statement(upsert(source, Syncs.unfinished), syncId, now),
    statement(
      resolve(
        source,
        `(account_id IN (SELECT id FROM sync_staging WHERE sync_id = ?1)
          OR account_id IN (SELECT id FROM accounts WHERE deleted_at IS NOT NULL)
          OR rule NOT IN (SELECT value FROM json_each(?3)))
         AND account_id NOT IN (${Accounts.writtenSince}) AND ${Syncs.unfinished}`
      ),
      syncId,
      now,
      JSON.stringify(enabled)
    ),
    statement(compliance(` WHERE ${Syncs.unfinished}`), syncId)
  ]
}

/**
 * Statements that bring one account's findings and `compliant` up to date at `now` from
 * `findings`, the engine's audit of that account alone by `auditor` (as a job's write left it,
 * under the current policy): by the same rule as {@link refresh} for an account a sync staged.
 * Its findings the audit does not report (it complies now, or their rule is off) are resolved.
 * An account no sync has stored gets none: its findings come with its row.
 */
export const refreshAccount = (
  accountId: string,
  findings: ReadonlyArray<Finding.Finding>,
  auditor: Policy.Auditor,
  now: string
): ReadonlyArray<Statement> => {
  const audit = JSON.stringify(findings.map((finding) => staged(finding, auditor)))
  const source = fromJson("?1")
  return [
    statement(upsert(source, "EXISTS (SELECT 1 FROM accounts WHERE id = ?3)"), audit, now, accountId),
    statement(resolve(source, "account_id = ?3"), audit, now, accountId),
    statement(compliance(" WHERE id = ?1"), accountId)
  ]
}

/** Drops what `syncId` staged of its audit (once applied, or when it failed). */
export const clearStaged = (syncId: string): Statement => statement("DELETE FROM sync_findings WHERE sync_id = ?1", syncId)
