/**
 * The findings SQL, run on Node's SQLite (the engine D1 runs on) with the real migrations.
 */
import { DatabaseSync } from "node:sqlite"
import { assert, describe, it } from "@effect/vitest"
import * as FindingsTable from "../src/findings/Findings.js"
import type { SettingsShape } from "../src/platform/Settings.js"
import { migrationStatements } from "./support/Harness.js"

const settings = (rules: SettingsShape["rules"]) => ({ rules }) as SettingsShape

const open = () => {
  const db = new DatabaseSync(":memory:")
  for (const sql of migrationStatements()) db.exec(sql)
  return db
}

const apply = (db: DatabaseSync, rules: SettingsShape["rules"], now: string) => {
  // The statements bind only strings (rule ids, details, times).
  for (const s of FindingsTable.refresh(settings(rules), now)) db.prepare(s.sql).run(...(s.params as Array<string>))
}

const put = (db: DatabaseSync, id: string, twofactor: number | null, contact: string | null, deleted: string | null = null) =>
  db
    .prepare(
      `INSERT OR REPLACE INTO accounts (id, name, type, enforce_twofactor, abuse_contact_email, first_seen, last_seen, last_sync_id, deleted_at)
       VALUES (?, ?, 'standard', ?, ?, 't0', 't0', 's', ?)`
    )
    .run(id, id, twofactor, contact, deleted)

const findings = (db: DatabaseSync) =>
  db.prepare("SELECT account_id, rule, status, first_seen, last_seen, resolved_at FROM findings ORDER BY account_id, rule").all()

const compliance = (db: DatabaseSync) => db.prepare("SELECT id, compliant FROM accounts ORDER BY id").all()

const both = { enforceTwofactor: true, abuseContact: true }

describe("FindingsTable.refresh", () => {
  it("opens a finding per broken rule, keeps first_seen, and resolves on compliance, deletion or a switched-off rule", () => {
    const db = open()
    put(db, "a", 0, null)
    put(db, "b", 1, "abuse@example.com")
    put(db, "c", null, "  ")
    apply(db, both, "t1")
    assert.deepStrictEqual(
      findings(db).map((f) => `${f.account_id} ${f.rule} ${f.status} ${f.first_seen}`),
      ["a abuse-contact open t1", "a enforce-twofactor open t1", "c abuse-contact open t1", "c enforce-twofactor open t1"]
    )
    assert.deepStrictEqual(
      compliance(db).map((r) => `${r.id}:${r.compliant}`),
      ["a:0", "b:1", "c:0"]
    )

    put(db, "a", 1, null)
    put(db, "c", 0, "x@example.com", "t2")
    apply(db, both, "t2")
    assert.deepStrictEqual(
      findings(db).map((f) => `${f.account_id} ${f.rule} ${f.status} ${f.first_seen} ${f.last_seen} ${f.resolved_at}`),
      [
        "a abuse-contact open t1 t2 null",
        "a enforce-twofactor resolved t1 t1 t2",
        "c abuse-contact resolved t1 t1 t2",
        "c enforce-twofactor resolved t1 t1 t2"
      ]
    )

    apply(db, { enforceTwofactor: true, abuseContact: false }, "t3")
    assert.deepStrictEqual(
      findings(db).map((f) => `${f.account_id} ${f.rule} ${f.status}`),
      ["a abuse-contact resolved", "a enforce-twofactor resolved", "c abuse-contact resolved", "c enforce-twofactor resolved"]
    )
    assert.deepStrictEqual(
      compliance(db).map((r) => `${r.id}:${r.compliant}`),
      ["a:1", "b:1", "c:1"]
    )

    // Breaking a rule again reopens the finding with a new first_seen.
    put(db, "a", 0, null)
    apply(db, both, "t4")
    const reopened = findings(db).filter((f) => f.account_id === "a")
    assert.deepStrictEqual(
      reopened.map((f) => `${f.rule} ${f.status} ${f.first_seen} ${f.resolved_at}`),
      ["abuse-contact open t4 null", "enforce-twofactor open t4 null"]
    )
  })
})
