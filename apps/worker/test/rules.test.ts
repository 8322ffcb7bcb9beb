/**
 * Rules can be switched off with vars: a disabled rule opens no findings.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Emulator, startWorker, type TestWorker } from "./support/Harness.js"
import type * as Responses from "../src/api/Responses.js"

describe("rule switches", () => {
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
    assert.strictEqual((await worker.call("/v1/sync", { method: "POST" })).status, 200)
    const findings = await worker.call<Responses.FindingsPage>("/v1/findings?status=all&limit=500")
    assert.strictEqual(findings.body.items.length, 30)
    assert.deepStrictEqual([...new Set(findings.body.items.map((f) => f.rule))], ["enforce-twofactor"])
    const abuse = await worker.call<Responses.FindingsPage>("/v1/findings?rule=abuse-contact&status=all")
    assert.deepStrictEqual(abuse.body.items, [])
    const noncompliant = await worker.call<Responses.AccountsPage>("/v1/accounts?compliant=false&limit=500")
    assert.strictEqual(noncompliant.body.items.length, 30)
  })

  it("pages findings with a cursor", async () => {
    const seen: Array<string> = []
    let cursor: string | null = null
    do {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`
      const page = await worker.call<Responses.FindingsPage>(`/v1/findings?limit=7${query}`)
      assert.isAtMost(page.body.items.length, 7)
      seen.push(...page.body.items.map((f) => `${f.account_id} ${f.rule}`))
      cursor = page.body.next_cursor
    } while (cursor !== null)
    assert.strictEqual(seen.length, 30)
    assert.strictEqual(new Set(seen).size, 30)
    assert.deepStrictEqual(seen, [...seen].sort())
  })
})
