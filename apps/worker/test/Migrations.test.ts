/**
 * Constraints in the schema, checked on Node's SQLite with the real migrations.
 */
import { DatabaseSync } from "node:sqlite"
import { assert, describe, it } from "@effect/vitest"
import * as IdempotencyKeys from "../src/db/IdempotencyKeys.js"
import { migrationStatements } from "./support/Harness.js"

describe("migrations", () => {
  it("allow only one running sync at a time, and any number of finished ones", () => {
    const db = new DatabaseSync(":memory:")
    for (const sql of migrationStatements()) db.exec(sql)
    const insert = db.prepare(
      "INSERT OR IGNORE INTO syncs (id, trigger, mode, status, started_at) VALUES (?, 'api', 'inline', ?, 't')"
    )
    assert.strictEqual(insert.run("s1", "running").changes, 1)
    assert.strictEqual(insert.run("s2", "running").changes, 0)
    assert.strictEqual(insert.run("s3", "completed").changes, 1)
    assert.strictEqual(insert.run("s4", "failed").changes, 1)
    db.prepare("UPDATE syncs SET status = 'finalizing' WHERE id = 's1'").run()
    assert.strictEqual(insert.run("s5", "running").changes, 0)
    db.prepare("UPDATE syncs SET status = 'completed' WHERE id = 's1'").run()
    assert.strictEqual(insert.run("s6", "running").changes, 1)
  })
})

describe("idempotency keys", () => {
  it("a live key cannot be recorded twice, so the batch that would create a second job fails; an expired one is replaced", () => {
    const db = new DatabaseSync(":memory:")
    for (const sql of migrationStatements()) db.exec(sql)
    const record = (jobId: string, createdAt: string, expiresAt: string) => {
      db.exec("BEGIN")
      try {
        for (const { sql, params } of IdempotencyKeys.recordStatements({
          key: "k",
          request_hash: "h",
          job_id: jobId,
          created_at: createdAt,
          expires_at: expiresAt
        })) {
          // Every parameter of these statements is text.
          db.prepare(sql).run(...(params as Array<string>))
        }
        db.exec("COMMIT")
        return true
      } catch {
        db.exec("ROLLBACK")
        return false
      }
    }
    const jobOf = () => (db.prepare("SELECT job_id FROM idempotency_keys WHERE key = 'k'").get() as { job_id: string }).job_id
    assert.isTrue(record("job-1", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"))
    // A concurrent duplicate within the 24 hours: refused, the first job stays.
    assert.isFalse(record("job-2", "2026-01-01T12:00:00.000Z", "2026-01-02T12:00:00.000Z"))
    assert.strictEqual(jobOf(), "job-1")
    // After the 24 hours the key is free again.
    assert.isTrue(record("job-3", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"))
    assert.strictEqual(jobOf(), "job-3")
  })
})
