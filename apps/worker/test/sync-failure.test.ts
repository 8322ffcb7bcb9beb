/**
 * A sync that fails, at its first page or part-way through, is recorded as failed with
 * its error, and the previous snapshot stays exactly as it was.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Responses from "../src/api/Responses.js"
import {
  admin,
  cloudflare,
  type Emulator,
  eventually,
  inlineSync,
  routeStats,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 1000

describe("interrupted sync", () => {
  let emulator: Emulator
  let worker: TestWorker
  let snapshot: ReadonlyArray<Record<string, unknown>>
  let findings: ReadonlyArray<Record<string, unknown>>

  const readSnapshot = () => worker.sql("SELECT * FROM accounts ORDER BY id")
  const readFindings = () => worker.sql("SELECT * FROM findings ORDER BY account_id, rule")

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 21 })
    // A listing that is not a consistent snapshot is read again after 5 ms, then 10 ms.
    worker = await startWorker({ emulator, vars: { CLIENT_MAX_ATTEMPTS: "3", SYNC_RESTART_DELAY_MS: "5" } })
    assert.strictEqual((await inlineSync(worker)).status, "completed")
    // Upstream changes a completed sync would apply: a deletion and a fixed account.
    const [gone, fixed] = await cloudflare<Array<{ id: string; name: string; type: string }>>(
      emulator,
      "GET",
      "/accounts?per_page=5"
    )
    await cloudflare(emulator, "DELETE", `/accounts/${gone?.id}`)
    await cloudflare(emulator, "PUT", `/accounts/${fixed?.id}`, {
      ...fixed,
      settings: { enforce_twofactor: true, abuse_contact_email: "abuse@example.com" }
    })
    snapshot = await readSnapshot()
    findings = await readFindings()
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  const assertUntouched = async () => {
    assert.deepStrictEqual(await readSnapshot(), snapshot)
    assert.deepStrictEqual(await readFindings(), findings)
    const staging = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM sync_staging")
    assert.strictEqual(staging[0]?.n, 0)
  }

  it("records a sync whose first page keeps failing, with the Cloudflare error", async () => {
    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "status", status: 500, times: 50 }] })
    // 502, which the typed client decodes as SyncFailed.
    const { sync } = await worker.apiError(Responses.SyncFailed, (client) => client.syncs.start())
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(sync.status, "failed")
    assert.strictEqual(sync.error?.tag, "ServerError")
    assert.strictEqual(sync.error?.status, 500)
    assert.isString(sync.finished_at)
    // The client's retry budget (3 attempts) was spent on page 1, then the sync stopped.
    assert.strictEqual((await routeStats(emulator, "GET /accounts")).requests, 3)
    await assertUntouched()
  })

  it("records a sync that fails part-way, after pages were staged, and keeps the previous snapshot", async () => {
    await admin(emulator, "POST", "/reset-stats")
    // Slow pages, so the sync is still running when the failure starts.
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "latency", ms: 40 }] })
    const pending = worker.apiError(Responses.SyncFailed, (client) => client.syncs.start())
    await eventually("a few pages", async () =>
      (await routeStats(emulator, "GET /accounts")).requests >= 5 ? true : undefined
    )
    await admin(emulator, "PUT", "/faults", {
      rules: [
        { route: "GET /accounts", kind: "latency", ms: 40 },
        { route: "GET /accounts", kind: "status", status: 503 }
      ]
    })
    const { sync } = await pending
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(sync.status, "failed")
    assert.strictEqual(sync.error?.status, 503)
    await assertUntouched()

    const history = await worker.api((client) => client.syncs.list({ urlParams: {} }))
    assert.deepStrictEqual(
      history.items.map((s) => s.status),
      ["failed", "failed", "completed"]
    )
  })

  it("records a listing that stays inconsistent (IncompleteListingError) and keeps the previous snapshot", async () => {
    // total_count says 60 of the 1000 accounts: every pass of the listing is inconsistent.
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "lie_total", total: 60 }] })
    const { sync } = await worker.apiError(Responses.SyncFailed, (client) => client.syncs.start())
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(sync.status, "failed")
    assert.strictEqual(sync.error?.tag, "IncompleteListingError")
    assert.match(sync.error?.message ?? "", /^GET \/accounts listing incomplete after 3 passes \(.*\): page 2 has \d+ accounts, past total_count 60/)
    await assertUntouched()
  })

  it("the next sync that completes applies the upstream changes", async () => {
    const sync = await inlineSync(worker)
    assert.strictEqual(sync.status, "completed")
    assert.strictEqual(sync.accounts_deleted, 1)
    const compliant = await worker.api((client) => client.accounts.list({ urlParams: { compliant: true } }))
    assert.strictEqual(compliant.items.length, 1)
  })
})
