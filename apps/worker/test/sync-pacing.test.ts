/**
 * A fanned-out sync under the shared request budget: it pauses when a window is spent and
 * resumes in the next, without spending the queue's retries, and it shares windows with jobs
 * so neither starves. Windows pass by moving the budget's recorded window into the past (the
 * worker then opens a new one on its own clock), so nothing here waits.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import type { AccountId } from "@cf-accounts/core/Ids"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Option from "effect/Option"
import * as Sync from "../src/sync/Sync.js"
import {
  createJob,
  type Emulator,
  emulatorAccounts,
  type MeterEvent,
  routeStats,
  type SentMessage,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const WINDOW_SECONDS = 300

interface Metered {
  readonly worker: TestWorker
  /** Messages the worker sent to each queue and the test has not delivered yet. */
  readonly sent: { readonly sync: Array<SentMessage>; readonly jobs: Array<SentMessage> }
}

const start = async (emulator: Emulator, budget: number, share: number): Promise<Metered> => {
  const sent: Metered["sent"] = { sync: [], jobs: [] }
  const worker = await startWorker({
    emulator,
    consumers: false,
    meter: (event: MeterEvent) => {
      if (event.kind === "send") sent[event.queue].push(...event.messages)
    },
    vars: {
      // Pages of 5, one page per range: each sync message costs 1 request.
      SYNC_PAGE_SIZE: "5",
      SYNC_FANOUT_THRESHOLD: "10",
      SYNC_PAGES_PER_MESSAGE: "1",
      BUDGET_REQUESTS: String(budget),
      BUDGET_WINDOW_SECONDS: String(WINDOW_SECONDS),
      SYNC_BUDGET_SHARE: String(share)
    }
  })
  return { worker, sent }
}

/** Delivers `messages` as the queue would, `size` per batch (first deliveries); answers the retries asked for. */
const deliver = async (worker: TestWorker, queue: string, messages: ReadonlyArray<SentMessage>, size: number) => {
  const consumer = await worker.entries()
  const retried: Array<string> = []
  for (let i = 0; i < messages.length; i += size) {
    const batch = messages.slice(i, i + size).map((m, j) => ({ id: `m${i + j}`, timestamp: new Date(0), attempts: 1, body: m.body }))
    const result = await consumer.queue(queue, batch)
    retried.push(...result.retryMessages.map((m) => m.msgId))
  }
  return retried
}

/** The budget's window ends now: the next request opens a new one. */
const nextWindow = (worker: TestWorker) =>
  worker.sql("UPDATE rate_budget SET window_start = window_start - ?1", WINDOW_SECONDS * 1000)

const budget = async (worker: TestWorker) =>
  (await worker.sql<{ used: number; sync_used: number }>("SELECT used, sync_used FROM rate_budget"))[0]

const syncOf = async (worker: TestWorker, id: string) =>
  (await worker.api((client) => client.syncs.get({ path: { sync_id: id } }))).sync

const startSync = async (worker: TestWorker) => {
  const [body, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
  assert.strictEqual(response.status, 202)
  return body.sync.id
}

describe("sync pacing under the shared budget", () => {
  let small: Emulator
  let large: Emulator
  /** 4 requests per window. */
  let alone: Metered
  /** 10 requests per window, 60% of it for a sync while jobs wait. */
  let shared: Metered
  beforeAll(async () => {
    ;[small, large] = await Promise.all([startEmulator({ seedAccounts: 30, seed: 51 }), startEmulator({ seedAccounts: 40, seed: 52 })])
    ;[alone, shared] = await Promise.all([start(small, 4, 75), start(large, 10, 60)])
  })
  afterAll(async () => {
    await alone?.worker.dispose()
    await shared?.worker.dispose()
    await small?.close()
    await large?.close()
  })

  it("a sync longer than one window pauses when the window is spent and completes in the next, spending no retries", async () => {
    // 6 pages: page 1 inline (charged afterwards), then 5 ranges of 1 page; 4 requests per window.
    const { worker, sent } = alone
      const syncId = await startSync(worker)
      const ranges = sent.sync.splice(0)
      assert.strictEqual(ranges.length, 5)
      assert.deepStrictEqual(await deliver(worker, "cf-accounts-sync", ranges, 1), [])
      // No job waits, so the sync may take the whole window: page 1 and 3 ranges.
      assert.strictEqual((await routeStats(small, "GET /accounts")).requests, 4)
      assert.deepStrictEqual(await budget(worker), { used: 4, sync_used: 4 })
      const deferred = sent.sync.splice(0)
      assert.strictEqual(deferred.length, 2)
      for (const m of deferred) assert.isAtLeast(m.delaySeconds, 1)
      assert.strictEqual((await syncOf(worker, syncId)).status, "running")

      await nextWindow(worker)
      assert.deepStrictEqual(await deliver(worker, "cf-accounts-sync", deferred, 1), [])
      const done = await syncOf(worker, syncId)
      assert.strictEqual(done.status, "completed")
      assert.strictEqual(done.accounts_seen, 30)
      assert.deepStrictEqual(sent.sync, [])
  })

  it("while job items wait a sync takes at most its share of a window, and jobs cannot take the share of a running sync", async () => {
    // 10 requests per window, 60% for the sync while jobs wait: 6 for the sync, 4 (2 items) for jobs.
    const { worker, sent } = shared
      const ids = (await emulatorAccounts(large)).slice(0, 5).map((account) => account.id as AccountId)
      const job = await createJob(worker, { kind: "enforce-twofactor", account_ids: ids })
      const items = sent.jobs.splice(0)
      assert.strictEqual(items.length, 5)
      const syncId = await startSync(worker)
      const ranges = sent.sync.splice(0)
      assert.strictEqual(ranges.length, 7)

      // Window 1: the sync (page 1 and 5 ranges) stops at its share; jobs get the other 4 requests.
      await deliver(worker, "cf-accounts-sync", ranges, 1)
      assert.deepStrictEqual(await budget(worker), { used: 6, sync_used: 6 })
      assert.strictEqual(sent.sync.length, 2)
      await deliver(worker, "cf-accounts-jobs", items, 10)
      assert.deepStrictEqual(await budget(worker), { used: 10, sync_used: 6 })
      assert.strictEqual((await routeStats(large, "PUT /accounts/{account_id}")).requests, 2)
      const deferredItems = sent.jobs.splice(0)
      assert.strictEqual(deferredItems.length, 3)

      // Window 2: jobs come first but leave the running sync its share; the sync finishes.
      await nextWindow(worker)
      await deliver(worker, "cf-accounts-jobs", deferredItems, 10)
      assert.deepStrictEqual(await budget(worker), { used: 4, sync_used: 0 })
      const lastItem = sent.jobs.splice(0)
      assert.strictEqual(lastItem.length, 1)
      await deliver(worker, "cf-accounts-sync", sent.sync.splice(0), 1)
      assert.deepStrictEqual(await budget(worker), { used: 6, sync_used: 2 })
      assert.strictEqual((await syncOf(worker, syncId)).status, "completed")

      // Window 3: no sync runs, so the last item may take any part of the window.
      await nextWindow(worker)
      await deliver(worker, "cf-accounts-jobs", lastItem, 10)
      const view = (await worker.api((client) => client.jobs.get({ path: { job_id: job.id } }))).job
      assert.strictEqual(view.counts.pending + view.counts.running, 0)
      assert.strictEqual((await routeStats(large, "PUT /accounts/{account_id}")).requests, 5)
  })
})

describe("a paced sync is not taken for abandoned", () => {
  const settings = {
    syncStaleMinutes: 30,
    budgetRequests: 600,
    budgetWindowSeconds: 300,
    syncBudgetShare: 75,
    syncPageSize: 50,
    maxDeleteChecks: 500
  }
  it("a fanned-out sync under the budget gets the windows its pages and deletion checks need beside SYNC_STALE_MINUTES", () => {
    // 2,000 pages and 500 checks at 450 requests per window: 6 windows of 5 minutes.
    assert.strictEqual(Sync.staleMinutes(settings, Option.some({ mode: "fanout", total_count: 100_000 })), 60)
    assert.strictEqual(Sync.staleMinutes(settings, Option.some({ mode: "inline", total_count: 1_000 })), 30)
    assert.strictEqual(Sync.staleMinutes({ ...settings, budgetRequests: 0 }, Option.some({ mode: "fanout", total_count: 100_000 })), 30)
    assert.strictEqual(Sync.staleMinutes(settings, Option.none()), 30)
  })
})
