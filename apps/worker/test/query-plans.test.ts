/**
 * The dashboard's queries use indexes: each is built by the worker's own code (captured by a
 * `Database` that records what it is asked), then planned with `EXPLAIN QUERY PLAN` on Node's
 * SQLite with every migration applied (D1 is SQLite too; the planner's choices can differ
 * between versions, so this holds the schema to serving each query, not to one plan). A plan may
 * search a table by an index, or walk an index in the query's order (stopping at its LIMIT); it
 * may not scan `accounts` or `findings` without one. The totals of the overview must search.
 */
import { DatabaseSync, type SQLInputValue } from "node:sqlite"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../src/db/Accounts.js"
import * as Compliance from "../src/db/Compliance.js"
import * as FindingsTable from "../src/findings/Findings.js"
import { Database, type Statement } from "../src/platform/Database.js"
import { migrationStatements } from "./support/Harness.js"

/** The statements `program` sends to the database (answered with no rows). */
const statementsOf = <A, E>(program: Effect.Effect<A, E, Database>): ReadonlyArray<Statement> => {
  const seen: Array<Statement> = []
  const record = (query: Statement) => Effect.sync(() => void seen.push(query))
  const service: Database["Type"] = {
    all: (_, query) => Effect.as(record(query), []),
    first: (_, query) => Effect.as(record(query), Option.none()),
    run: (_, query) => Effect.as(record(query), 0),
    batch: (_, queries) => Effect.as(Effect.forEach(queries, record), [])
  }
  // Every answer is empty; what a program makes of that (some fail on no rows) does not matter here.
  Effect.runSync(Effect.exit(Effect.provideService(program, Database, service)))
  return seen
}

const db = new DatabaseSync(":memory:")
for (const sql of migrationStatements()) db.exec(sql)

/** The plan's lines (`detail` of each row). */
const plan = (query: Statement): ReadonlyArray<string> =>
  (db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.params as Array<SQLInputValue>)) as Array<{ detail: string }>).map(
    (row) => row.detail
  )

/** A line that reads `accounts` or `findings` (as themselves or their aliases) row by row, with no index. */
const fullScan = (line: string) => /^SCAN (accounts|findings|a|f)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line)

const live = { includeDeleted: false, includeInaccessible: false, limit: 50 } as const

const dashboard: ReadonlyArray<readonly [string, Effect.Effect<unknown, unknown, Database>]> = [
  ["accounts, first page", Accounts.list(live)],
  ["accounts, next page", Accounts.list({ ...live, after: { id: "0".repeat(32) } })],
  ["accounts, not compliant", Accounts.list({ ...live, compliant: false })],
  ["accounts, compliant, by id desc", Accounts.list({ ...live, compliant: true, order: "desc" })],
  ["accounts, by name", Accounts.list({ ...live, sort: "name" })],
  ["accounts, by name desc", Accounts.list({ ...live, sort: "name", order: "desc" })],
  ["accounts, name search", Accounts.list({ ...live, name: "labs" })],
  ["accounts, open finding for a rule", Accounts.list({ ...live, rule: "enforce_twofactor" })],
  ["accounts, inaccessible only", Accounts.list({ ...live, includeInaccessible: "only" })],
  ["accounts, deleted included", Accounts.list({ ...live, includeDeleted: true })],
  ["fix preview", Accounts.withOpenFindingPreview("enforce_twofactor", 5)],
  ["findings, open", FindingsTable.list({ status: "open", limit: 50 })],
  ["findings, open for a rule", FindingsTable.list({ status: "open", rule: "abuse_contact_email", limit: 50 })],
  [
    "findings, open for a rule, next page",
    FindingsTable.list({ status: "open", rule: "abuse_contact_email", after: { accountId: "0".repeat(32), rule: "abuse_contact_email" }, limit: 50 })
  ],
  ["findings, all statuses", FindingsTable.list({ status: "all", limit: 50 })],
  ["findings of an account", FindingsTable.list({ status: "all", accountId: "0".repeat(32), limit: 50 })],
  ["overview totals", Compliance.current],
  ["overview chart", Compliance.since("2026-01-01T00:00:00.000Z")]
]

describe("query plans of the dashboard's queries", () => {
  for (const [name, program] of dashboard) {
    it(`${name}: no scan of accounts or findings without an index`, () => {
      const statements = statementsOf(program)
      assert.isAbove(statements.length, 0)
      for (const statement of statements) {
        const lines = plan(statement)
        assert.deepStrictEqual(lines.filter(fullScan), [], `${name}:\n${lines.join("\n")}`)
      }
    })
  }

  it("the overview's totals search indexes for every count", () => {
    const [totals] = statementsOf(Compliance.current)
    assert.isDefined(totals)
    const lines = plan(totals as Statement).filter((line) => /\b(accounts|findings)\b/.test(line))
    assert.isAtLeast(lines.length, 5)
    for (const line of lines) assert.match(line, /^SEARCH (accounts|findings) USING (COVERING )?INDEX/, lines.join("\n"))
  })

  it("the findings listing for a rule searches by status and rule, in account order, without sorting", () => {
    const [query] = statementsOf(FindingsTable.list({ status: "open", rule: "enforce_twofactor", limit: 50 }))
    const lines = plan(query as Statement)
    assert.isTrue(
      lines.some((line) => /^SEARCH f USING (COVERING )?INDEX findings_status_rule \(status=\? AND rule=\?\)/.test(line)),
      lines.join("\n")
    )
    assert.isFalse(
      lines.some((line) => line.includes("TEMP B-TREE")),
      lines.join("\n")
    )
  })

  it("the live accounts in id order are searched by index, not sorted", () => {
    for (const filter of [live, { ...live, compliant: false }]) {
      const [query] = statementsOf(Accounts.list(filter))
      const lines = plan(query as Statement)
      assert.isTrue(
        lines.some((line) => /^SEARCH accounts USING INDEX accounts_live/.test(line)),
        lines.join("\n")
      )
      assert.isFalse(
        lines.some((line) => line.includes("TEMP B-TREE")),
        lines.join("\n")
      )
    }
  })

  it("the live accounts in name order are searched by index, not sorted", () => {
    for (const order of ["asc", "desc"] as const) {
      const [query] = statementsOf(Accounts.list({ ...live, sort: "name", order }))
      const lines = plan(query as Statement)
      assert.isTrue(
        lines.some((line) => /^SEARCH accounts USING INDEX accounts_live_name/.test(line)),
        lines.join("\n")
      )
      assert.isFalse(
        lines.some((line) => line.includes("TEMP B-TREE")),
        lines.join("\n")
      )
    }
  })

  it("the fix preview counts from the findings' index and samples without sorting every match", () => {
    const statements = statementsOf(Accounts.withOpenFindingPreview("enforce_twofactor", 5))
    const lines = statements.flatMap((statement) => plan(statement))
    assert.isTrue(
      lines.some((line) => /^SEARCH f USING (COVERING )?INDEX findings_status_rule/.test(line)),
      lines.join("\n")
    )
    assert.isFalse(
      lines.some((line) => line.includes("TEMP B-TREE")),
      lines.join("\n")
    )
  })
})
