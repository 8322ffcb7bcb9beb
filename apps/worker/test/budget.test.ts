/**
 * The request budget shared by all invocations: a queue batch only calls the API for
 * what the budget grants; the rest is deferred to the next window, not retried.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import {
  createJob as create,
  type Emulator,
  emulatorAccounts,
  inlineSync,
  routeStats,
  type SentMessage,
  startWorker,
  type TestWorker
} from "./support/Harness.js"
import type { AccountId } from "@cf-accounts/core/Ids"

const WINDOW_MS = 300_000

describe("shared request budget", () => {
  let emulator: Emulator
  /** 10 requests per window. */
  let spending: TestWorker
  /** 6 requests per window, its jobs queue's sends recorded in `sent`. */
  let windows: TestWorker
  const sent: Array<SentMessage> = []

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: 20, seed: 41 })
    const budget = (requests: number) => ({ BUDGET_REQUESTS: String(requests), BUDGET_WINDOW_SECONDS: String(WINDOW_MS / 1000) })
    ;[spending, windows] = await Promise.all([
      startWorker({ emulator, consumers: false, vars: budget(10) }),
      startWorker({ emulator, consumers: false, vars: budget(6), onJobSend: (messages) => void sent.push(...messages) })
    ])
  })

  afterAll(async () => {
    await spending?.dispose()
    await windows?.dispose()
    await emulator?.close()
  })

  const createJob = async (worker: TestWorker, accountIds: ReadonlyArray<AccountId>) =>
    (await create(worker, { kind: "enforce-twofactor", account_ids: accountIds })).id

  const jobStatus = async (worker: TestWorker, id: string) =>
    (await worker.api((client) => client.jobs.get({ path: { job_id: id } }))).job

  it("processes only the items the budget covers and defers the rest without calling the API", async () => {
    const worker = spending
    // The inline sync reads one page, charged to the budget afterwards.
    await inlineSync(worker)
    const targets = (await emulatorAccounts(emulator)).slice(0, 8).map((account) => account.id)
    const jobId = await createJob(worker, targets)
    const puts = await routeStats(emulator, "PUT /accounts/{account_id}")
    const consumer = await worker.entries()
    const deliver = (ids: ReadonlyArray<string>) =>
      consumer.queue(
        "cf-accounts-jobs",
        ids.map((accountId, i) => ({
          id: `m${i}`,
          timestamp: new Date(0),
          attempts: 1,
          body: { type: "job-item", jobId, accountId }
        }))
      )

    // 9 requests are left: 4 items of 2 requests each.
    const first = await deliver(targets)
    assert.deepStrictEqual(first.retryMessages, [])
    const after = await jobStatus(worker, jobId)
    assert.deepStrictEqual(after.counts, { pending: 4, running: 0, done: 4, failed: 0, skipped: 0 })
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests - puts.requests, 4)
    const budget = await worker.sql<{ used: number }>("SELECT used FROM rate_budget")
    assert.strictEqual(budget[0]?.used, 10)

    // The window is spent: the rest waits, and is not counted as an attempt.
    const pending = await worker.sql<{ account_id: string }>(
      "SELECT account_id FROM job_items WHERE job_id = ?1 AND state = 'pending'",
      jobId
    )
    const second = await deliver(pending.map((row) => row.account_id))
    assert.deepStrictEqual(second.retryMessages, [])
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests - puts.requests, 4)
    const attempts = await worker.sql<{ attempts: number }>(
      "SELECT DISTINCT attempts FROM job_items WHERE job_id = ?1 AND state = 'pending'",
      jobId
    )
    assert.deepStrictEqual(attempts, [{ attempts: 0 }])
  })

  it("deferred items run in a later window and the job completes", async () => {
    const worker = windows
    const targets = (await emulatorAccounts(emulator)).slice(8, 17).map((account) => account.id)
    const puts = await routeStats(emulator, "PUT /accounts/{account_id}")
    const jobId = await createJob(worker, targets)
    const consumer = await worker.entries()
    // Each window, this test delivers what the worker sent to the queue, as the queue would.
    let queued = sent.splice(0)
    assert.deepStrictEqual(
      queued.map((m) => m.delaySeconds),
      targets.map(() => 0)
    )
    const ranPerWindow: Array<number> = []
    for (let window = 0; queued.length > 0 && window < 5; window++) {
      const before = (await routeStats(emulator, "PUT /accounts/{account_id}")).requests
      const result = await consumer.queue(
        "cf-accounts-jobs",
        queued.map((m, i) => ({ id: `w${window}-${i}`, timestamp: new Date(0), attempts: 1, body: m.body }))
      )
      assert.deepStrictEqual(result.retryMessages, [])
      ranPerWindow.push((await routeStats(emulator, "PUT /accounts/{account_id}")).requests - before)
      // What did not fit is sent again for the start of the next window (plus up to 30 s of spread),
      // measured from when the worker deferred it. The test reads no clock: the worker's own record
      // of this delivery (the items it settled, on its clock) stands for that moment, within the few
      // seconds a delivery can take.
      const [budget] = await worker.sql<{ window_start: number }>("SELECT window_start FROM rate_budget")
      const nextWindow = (budget?.window_start ?? 0) + WINDOW_MS
      const settled = await worker.sql<{ updated_at: string }>("SELECT updated_at FROM job_items WHERE job_id = ?1", jobId)
      const delivered = Math.max(...settled.map((item) => Date.parse(item.updated_at)))
      queued = sent.splice(0)
      for (const m of queued) {
        assert.isAtLeast(m.delaySeconds * 1000, nextWindow - delivered - 10_000)
        assert.isAtMost(m.delaySeconds * 1000, nextWindow - delivered + 41_000)
      }
      // The window ends. The worker reads the time from workerd's clock, which a test cannot
      // move: the window it recorded becomes the previous one instead.
      await worker.sql("UPDATE rate_budget SET window_start = window_start - ?1", WINDOW_MS)
    }
    // 9 items of 2 requests with 6 per window: three windows of three.
    assert.deepStrictEqual(ranPerWindow, [3, 3, 3])
    const done = await jobStatus(worker, jobId)
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 9, failed: 0, skipped: 0 })
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests - puts.requests, 9)
    // Waiting for the budget spent no attempt: each item was claimed once.
    const attempts = await worker.sql<{ attempts: number }>("SELECT DISTINCT attempts FROM job_items WHERE job_id = ?1", jobId)
    assert.deepStrictEqual(attempts, [{ attempts: 1 }])
  })
})
