/**
 * An inline sync takes its requests from the shared budget before it makes them: its pages,
 * then its deletion checks. A window that cannot cover them is not overspent: page 1 waits for
 * the next window on the sync queue, pages fan out, checks are paged. Windows pass by moving the
 * budget's recorded window into the past, so nothing here waits.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import {
  admin,
  cloudflare,
  type Emulator,
  emulatorAccounts,
  inlineSync,
  type MeterEvent,
  routeStats,
  type SentMessage,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const WINDOW_SECONDS = 300
/** The review's scenario (1,000 accounts, 600 a window, 400 deleted) at a fifth of its size: pages of 10. */
const BUDGET = 120

const budget = async (worker: TestWorker) =>
  (await worker.sql<{ used: number; sync_used: number }>("SELECT used, sync_used FROM rate_budget"))[0]!

const nextWindow = (worker: TestWorker) =>
  worker.sql("UPDATE rate_budget SET window_start = window_start - ?1", WINDOW_SECONDS * 1000)

const requests = async (emulator: Emulator) =>
  (await routeStats(emulator, "GET /accounts")).requests + (await routeStats(emulator, "GET /accounts/{account_id}")).requests

const syncOf = async (worker: TestWorker, id: string) =>
  (await worker.api((client) => client.syncs.get({ path: { sync_id: id } }))).sync

describe("an inline sync under the shared budget", () => {
  let emulator: Emulator
  let worker: TestWorker
  const sent: Array<SentMessage> = []
  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: 200, seed: 4 })
    worker = await startWorker({
      emulator,
      consumers: false,
      meter: (event: MeterEvent) => {
        if (event.kind === "send" && event.queue === "sync") sent.push(...event.messages)
      },
      vars: { SYNC_PAGE_SIZE: "10", BUDGET_REQUESTS: String(BUDGET), BUDGET_WINDOW_SECONDS: String(WINDOW_SECONDS) }
    })
  })
  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  /** Delivers every message sent so far, one batch of 10 at a time, until none is left; the window's use after each. */
  const drain = async () => {
    const consumer = await worker.entries()
    while (sent.length > 0) {
      const batch = sent.splice(0, 10).map((m, i) => ({ id: `m${i}`, timestamp: new Date(0), attempts: 1, body: m.body }))
      const result = await consumer.queue("cf-accounts-sync", batch)
      assert.deepStrictEqual(result.retryMessages, [])
      assert.isAtMost((await budget(worker)).used, BUDGET)
    }
  }

  /** Starts a sync and answers its id with whether it was answered inline. */
  const startSync = async () => {
    await admin(emulator, "POST", "/reset-stats")
    const [body, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
    return { id: body.sync.id, inline: response.status === 200, sync: body.sync }
  }

  it("with enough budget, a sync and its deletion checks stay inline, taken from the window first", async () => {
    const first = await inlineSync(worker)
    assert.strictEqual(first.status, "completed")
    assert.deepStrictEqual(await budget(worker), { used: 20, sync_used: 20 })
    const all = await emulatorAccounts(emulator)
    for (const a of all.slice(0, 5)) await cloudflare(emulator, "DELETE", `/accounts/${a.id}`)
    await nextWindow(worker)
    const { inline, sync } = await startSync()
    assert.isTrue(inline)
    assert.strictEqual(sync.status, "completed")
    assert.strictEqual(sync.accounts_deleted, 5)
    // 20 pages and 5 checks, all taken before they were made.
    assert.strictEqual(await requests(emulator), 25)
    assert.deepStrictEqual(await budget(worker), { used: 25, sync_used: 25 })
    assert.deepStrictEqual(sent, [])
  })

  it("in a spent window, a sync makes no request and completes in the next window without overspending it", async () => {
    const all = await emulatorAccounts(emulator)
    for (const a of all.slice(0, 80)) await cloudflare(emulator, "DELETE", `/accounts/${a.id}`)
    // Queue work spent the window.
    await worker.sql("UPDATE rate_budget SET used = ?1, sync_used = 0", BUDGET)
    const { id, inline, sync } = await startSync()
    assert.isFalse(inline, JSON.stringify(sync))
    assert.strictEqual(await requests(emulator), 0)
    assert.strictEqual((await budget(worker)).used, BUDGET)
    assert.strictEqual(sent.length, 1)
    assert.isAtLeast(sent[0]!.delaySeconds, 1)

    await nextWindow(worker)
    await drain()
    const done = await syncOf(worker, id)
    assert.strictEqual(done.status, "completed")
    assert.strictEqual(done.accounts_seen, 115)
    assert.strictEqual(done.accounts_deleted, 80)
    // 12 pages and 80 checks, in the new window.
    assert.strictEqual(await requests(emulator), 92)
    assert.strictEqual((await budget(worker)).used, 92)
  })

  it("a window that covers the pages but not the checks pages them over the queue", async () => {
    const all = await emulatorAccounts(emulator)
    for (const a of all.slice(0, 20)) await cloudflare(emulator, "DELETE", `/accounts/${a.id}`)
    // 10 requests left: the listing's 10 pages, none of its 20 checks.
    await worker.sql("UPDATE rate_budget SET used = ?1, sync_used = 0", BUDGET - 10)
    const { id, inline } = await startSync()
    assert.isFalse(inline)
    assert.strictEqual(await requests(emulator), 10)
    assert.strictEqual((await budget(worker)).used, BUDGET)
    assert.strictEqual((await syncOf(worker, id)).status, "running")
    assert.strictEqual(sent.length, 2)

    await nextWindow(worker)
    await drain()
    const done = await syncOf(worker, id)
    assert.strictEqual(done.status, "completed")
    assert.strictEqual(done.accounts_deleted, 20)
    assert.strictEqual((await budget(worker)).used, 20)
  })
})
