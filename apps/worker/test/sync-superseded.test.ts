/**
 * A sync marked failed (abandoned as stale) while it was finalizing applies nothing: each
 * statement of its apply checks, in the apply's one transaction, that it is still unfinished.
 * The real batch (`Finalize.applying`) runs on Node's SQLite with the real migrations.
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite"
import type { Account } from "@cf-accounts/core/Account"
import { assert, describe, it } from "@effect/vitest"
import * as Accounts from "../src/db/Accounts.js"
import * as FindingsTable from "../src/findings/Findings.js"
import * as PolicyModule from "../src/findings/Policy.js"
import type { Statement } from "../src/platform/Database.js"
import * as Finalize from "../src/sync/Finalize.js"
import { migrationStatements } from "./support/Harness.js"

const run = (db: DatabaseSync, statements: ReadonlyArray<Statement>) => {
  // The statements bind text, numbers and nulls, all SQLite values.
  for (const s of statements) db.prepare(s.sql).run(...(s.params as Array<SQLInputValue>))
}

const account = (n: number): Account =>
  // The fields the engine and the staging statements read; the rest of an account is not needed here.
  ({ id: n.toString(16).padStart(32, "0"), name: `acct-${n}`, type: "standard", settings: { enforce_twofactor: false }, managed_by: null }) as unknown as Account

const NOW = "2026-01-01T12:00:00.000Z"
const policy = { enforce_twofactor: true }

/** A database with sync `s1` (`status`) that staged two accounts and their findings, then its apply run. */
const applied = (status: "running" | "finalizing" | "failed") => {
  const db = new DatabaseSync(":memory:")
  for (const sql of migrationStatements()) db.exec(sql)
  db.prepare("INSERT INTO syncs (id, trigger, mode, status, started_at) VALUES ('s1', 'api', 'fanout', ?, ?)").run(status, NOW)
  const auditor = { version: null, policy, now: Date.parse(NOW) }
  const accounts = [account(1), account(2)]
  run(db, [Accounts.stage("s1", accounts), ...FindingsTable.stage("s1", PolicyModule.audit(auditor, accounts), auditor)])
  const found = { check: { candidates: 0, inaccessible: 0, skipped: false, warnings: [] }, unlisted: { deleted: [], inaccessible: [] } }
  run(db, Finalize.applying("s1", NOW, found, null, PolicyModule.enabledRules(policy)))
  const count = (table: string) => Number(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()?.n)
  return {
    status: db.prepare("SELECT status FROM syncs WHERE id = 's1'").get()?.status,
    accounts: count("accounts"),
    findings: count("findings"),
    aggregates: count("sync_aggregates"),
    staged: count("sync_staging") + count("sync_findings")
  }
}

describe("the apply of a sync no longer unfinished", () => {
  it("a sync failed before its apply applies nothing, stays failed, and records no compliance point; its staging goes", () => {
    assert.deepStrictEqual(applied("failed"), { status: "failed", accounts: 0, findings: 0, aggregates: 0, staged: 0 })
  })

  it("a finalizing (or inline, running) sync applies and completes", () => {
    const done = { status: "completed", accounts: 2, findings: 2, aggregates: 1, staged: 0 }
    assert.deepStrictEqual(applied("finalizing"), done)
    assert.deepStrictEqual(applied("running"), done)
  })
})
