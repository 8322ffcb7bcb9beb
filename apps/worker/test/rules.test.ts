/**
 * While no policy version is stored, the default policy's two rules can be switched off with
 * vars: a disabled rule opens no findings.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import type * as Responses from "../src/api/Responses.js"
import { after, type Emulator, inlineSync, startWorker, type TestWorker } from "./support/Harness.js"

describe("the default policy's rule switches", () => {
  let emulator: Emulator
  let worker: TestWorker

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: 30, seed: 51 })
    worker = await startWorker({ emulator, vars: { RULE_ABUSE_CONTACT: "false" } })
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  it("checks only the enabled rules", async () => {
    await inlineSync(worker)
    const findings = await worker.api((client) => client.findings.list({ urlParams: { status: "all", limit: 500 } }))
    assert.strictEqual(findings.items.length, 30)
    assert.deepStrictEqual([...new Set(findings.items.map((f) => f.rule))], ["enforce_twofactor"])
    const abuse = await worker.api((client) => client.findings.list({ urlParams: { rule: "abuse_contact_email", status: "all" } }))
    assert.deepStrictEqual(abuse.items, [])
    const noncompliant = await worker.api((client) => client.accounts.list({ urlParams: { compliant: false, limit: 500 } }))
    assert.strictEqual(noncompliant.items.length, 30)
  })

  it("pages findings with a cursor", async () => {
    const seen: Array<string> = []
    let cursor: string | null = null
    do {
      const next = after(cursor)
      const page: Responses.FindingsPage = await worker.api((client) => client.findings.list({ urlParams: { limit: 7, ...next } }))
      assert.isAtMost(page.items.length, 7)
      seen.push(...page.items.map((f) => `${f.account_id} ${f.rule}`))
      cursor = page.next_cursor
    } while (cursor !== null)
    assert.strictEqual(seen.length, 30)
    assert.strictEqual(new Set(seen).size, 30)
    assert.deepStrictEqual(seen, [...seen].sort())
  })
})
