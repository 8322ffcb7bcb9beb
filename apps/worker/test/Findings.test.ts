/**
 * Findings from the policy engine, staged page by page and applied when the sync is: the real
 * statements (`Accounts.stage`, `Accounts.applyStaged`, `Findings.stage`, `Findings.refresh`)
 * run on Node's SQLite (the engine D1 runs on) with the real migrations.
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite"
import type { Account } from "@cf-accounts/core/Account"
import type { Policy } from "@cf-accounts/policy/PolicyFile"
import { assert, describe, it } from "@effect/vitest"
import * as Accounts from "../src/db/Accounts.js"
import * as Syncs from "../src/db/Syncs.js"
import * as FindingsTable from "../src/findings/Findings.js"
import * as PolicyModule from "../src/findings/Policy.js"
import type { Statement } from "../src/platform/Database.js"
import { migrationStatements } from "./support/Harness.js"

const open = () => {
  const db = new DatabaseSync(":memory:")
  for (const sql of migrationStatements()) db.exec(sql)
  return db
}

const run = (db: DatabaseSync, statements: ReadonlyArray<Statement>) => {
  // The statements bind text, numbers and nulls, all SQLite values.
  for (const s of statements) db.prepare(s.sql).run(...(s.params as Array<SQLInputValue>))
}

const id = (n: number) => n.toString(16).padStart(32, "0")

const account = (n: number, settings: { enforce_twofactor?: boolean | null; abuse_contact_email?: string | null }): Account =>
  // The fields the engine and the staging statements read; the rest of an account is not needed here.
  ({ id: id(n), name: `acct-${n}`, type: "standard", settings, managed_by: null }) as unknown as Account

/** A sync at `day` (noon UTC) that stages `accounts` and finds `unlisted` gone or out of reach, under `policy`. */
const sync = (
  db: DatabaseSync,
  day: string,
  accounts: ReadonlyArray<Account>,
  policy: Policy,
  unlisted: Accounts.Unlisted = { deleted: [], inaccessible: [] }
) => {
  const syncId = `sync-${day}`
  const now = `${day}T12:00:00.000Z`
  const time = Date.parse(now)
  const auditor = { version: null, policy, now: time }
  // A running sync: its apply applies only while it is unfinished.
  db.prepare("INSERT INTO syncs (id, trigger, mode, status, started_at) VALUES (?, 'manual', 'inline', 'running', ?)").run(syncId, now)
  run(db, [Accounts.stage(syncId, accounts), ...FindingsTable.stage(syncId, PolicyModule.audit(auditor, accounts), auditor)])
  run(db, [
    ...Accounts.applyStaged(syncId, now, unlisted),
    ...FindingsTable.refresh(syncId, PolicyModule.enabledRules(policy), now),
    Syncs.completed(syncId, now, { candidates: 0, inaccessible: 0, skipped: false, warnings: [] }, null),
    Accounts.clearStaging(syncId),
    FindingsTable.clearStaged(syncId)
  ])
}

interface Row {
  readonly account_id: string
  readonly rule: string
  readonly status: string
  readonly detail: string
  readonly exception: string | null
  readonly first_seen: string
  readonly resolved_at: string | null
}

const findings = (db: DatabaseSync) =>
  (
    db
      .prepare("SELECT account_id, rule, status, detail, exception, first_seen, resolved_at FROM findings ORDER BY account_id, rule")
      .all() as unknown as ReadonlyArray<Row> // The columns selected.
  ).map((f) => ({
      ...f,
      account: Number.parseInt(String(f.account_id), 16),
      exception: f.exception === null ? null : (JSON.parse(String(f.exception)) as FindingsTable.ExceptionRecord)
    }))

const brief = (db: DatabaseSync) => findings(db).map((f) => `${f.account} ${f.rule} ${f.status} ${String(f.first_seen).slice(0, 10)}`)

const compliance = (db: DatabaseSync) =>
  db
    .prepare("SELECT id, compliant FROM accounts ORDER BY id")
    .all()
    .map((r) => `${Number.parseInt(String(r.id), 16)}:${r.compliant}`)

const both: Policy = { enforce_twofactor: true, abuse_contact_email: true }

describe("Findings.refresh from the engine's staged audit", () => {
  it("opens a finding per broken rule with the engine's detail, keeps first_seen, and resolves on compliance, deletion or a switched-off rule", () => {
    const db = open()
    sync(db, "2026-01-01", [account(1, { enforce_twofactor: false }), account(2, { enforce_twofactor: true, abuse_contact_email: "a@example.com" }), account(3, { abuse_contact_email: "  " })], both)
    assert.deepStrictEqual(brief(db), [
      "1 abuse_contact_email open 2026-01-01",
      "1 enforce_twofactor open 2026-01-01",
      "3 abuse_contact_email open 2026-01-01",
      "3 enforce_twofactor open 2026-01-01"
    ])
    assert.strictEqual(findings(db).find((f) => f.account === 3 && f.rule === "abuse_contact_email")?.detail, "settings.abuse_contact_email is not set")
    assert.deepStrictEqual(compliance(db), ["1:0", "2:1", "3:0"])

    // 1 enforces two-factor now; 3 is gone (a 404); 2 unchanged.
    sync(db, "2026-01-02", [account(1, { enforce_twofactor: true }), account(2, { enforce_twofactor: true, abuse_contact_email: "a@example.com" })], both, {
      deleted: [id(3)],
      inaccessible: []
    })
    assert.deepStrictEqual(
      findings(db).map((f) => `${f.account} ${f.rule} ${f.status} ${String(f.first_seen).slice(0, 10)} ${String(f.resolved_at).slice(0, 10)}`),
      [
        "1 abuse_contact_email open 2026-01-01 null",
        "1 enforce_twofactor resolved 2026-01-01 2026-01-02",
        "3 abuse_contact_email resolved 2026-01-01 2026-01-02",
        "3 enforce_twofactor resolved 2026-01-01 2026-01-02"
      ]
    )

    // The abuse contact rule switched off in the policy: its findings resolve.
    sync(db, "2026-01-03", [account(1, { enforce_twofactor: true }), account(2, { enforce_twofactor: true })], { enforce_twofactor: true })
    assert.deepStrictEqual(brief(db).filter((f) => f.includes(" open ")), [])
    assert.deepStrictEqual(compliance(db), ["1:1", "2:1", "3:1"])

    // Breaking a rule again reopens the finding with a new first_seen.
    sync(db, "2026-01-04", [account(1, { enforce_twofactor: false }), account(2, { enforce_twofactor: true })], both)
    assert.deepStrictEqual(brief(db).filter((f) => f.startsWith("1 ")), [
      "1 abuse_contact_email open 2026-01-04",
      "1 enforce_twofactor open 2026-01-04"
    ])
  })

  it("an exception excuses a finding until it expires; then the finding is open and names the expired exception", () => {
    const db = open()
    const exception = { rule: "enforce_twofactor" as const, accounts: ["acct-1"], reason: "vendor, SEC-142", expires: "2026-01-02" }
    const policy: Policy = { enforce_twofactor: true, exceptions: [exception] }
    const fleet = [account(1, { enforce_twofactor: false }), account(2, { enforce_twofactor: false })]
    sync(db, "2026-01-01", fleet, policy)
    const first = findings(db)
    assert.deepStrictEqual(first.map((f) => `${f.account} ${f.status}`), ["1 excused", "2 open"])
    // A reference to the exception (its place in the policy version), not a copy of its accounts.
    const { accounts: _, ...cited } = exception
    assert.deepStrictEqual(first[0]?.exception, { version: null, index: 0, ...cited, expired: false })
    assert.strictEqual(first[1]?.exception, null)
    // An excused finding does not count against compliance.
    assert.deepStrictEqual(compliance(db), ["1:1", "2:0"])

    // Through the expiry day it still holds.
    sync(db, "2026-01-02", fleet, policy)
    assert.deepStrictEqual(findings(db).map((f) => `${f.account} ${f.status}`), ["1 excused", "2 open"])

    // The day after: open again, naming the expired exception; first_seen kept (the breach never went away).
    sync(db, "2026-01-03", fleet, policy)
    const expired = findings(db)
    assert.deepStrictEqual(expired.map((f) => `${f.account} ${f.status} ${String(f.first_seen).slice(0, 10)}`), [
      "1 open 2026-01-01",
      "2 open 2026-01-01"
    ])
    assert.deepStrictEqual(expired[0]?.exception, { version: null, index: 0, ...cited, expired: true })
    assert.include(String(expired[0]?.detail), "exception expired 2026-01-02")
    assert.deepStrictEqual(compliance(db), ["1:0", "2:0"])
  })

  it("keeps the findings of an account the sync could not read, unless its rule is switched off", () => {
    const db = open()
    sync(db, "2026-01-01", [account(1, {}), account(2, {})], both)
    // 2 answered 403: out of the token's reach, not staged.
    sync(db, "2026-01-02", [account(1, { enforce_twofactor: true, abuse_contact_email: "a@example.com" })], both, {
      deleted: [],
      inaccessible: [id(2)]
    })
    assert.deepStrictEqual(brief(db), [
      "1 abuse_contact_email resolved 2026-01-01",
      "1 enforce_twofactor resolved 2026-01-01",
      "2 abuse_contact_email open 2026-01-01",
      "2 enforce_twofactor open 2026-01-01"
    ])
    sync(db, "2026-01-03", [account(1, { enforce_twofactor: true, abuse_contact_email: "a@example.com" })], { enforce_twofactor: true })
    assert.deepStrictEqual(brief(db).filter((f) => f.startsWith("2 ")), [
      "2 abuse_contact_email resolved 2026-01-01",
      "2 enforce_twofactor open 2026-01-01"
    ])
  })
})
