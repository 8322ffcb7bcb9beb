/**
 * Constraints in the schema, checked on Node's SQLite with the real migrations.
 */
import { DatabaseSync } from "node:sqlite"
import { assert, describe, it } from "@effect/vitest"
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
