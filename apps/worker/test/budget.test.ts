/**
 * The request budget shared by all invocations: a queue batch only calls the API for
 * what the budget grants; the rest is deferred to the next window, not retried.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Emulator, emulatorAccounts, eventually, routeStats, startWorker, type TestWorker } from "./support/Harness.js"
import type * as Responses from "../src/http/Responses.js"

describe("shared request budget", () => {
  let emulator: Emulator

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: 20, seed: 41 })
  })

  afterAll(async () => {
    await emulator?.close()
  })

  const createJob = async (worker: TestWorker, accountIds: ReadonlyArray<string>) => {
    const response = await worker.call<{ job: { id: string } }>("/v1/jobs", {
      method: "POST",
      body: JSON.stringify({ kind: "enforce-twofactor", account_ids: accountIds })
    })
    assert.strictEqual(response.status, 202, response.text)
    return response.body.job.id
  }

  const jobStatus = async (worker: TestWorker, id: string) =>
    (await worker.call<Responses.JobBody>(`/v1/jobs/${id}`)).body.job

  it("processes only the items the budget covers and defers the rest without calling the API", async () => {
    const worker = await startWorker({
      emulator,
      consumers: false,
      vars: { BUDGET_REQUESTS: "10", BUDGET_WINDOW_SECONDS: "300" }
    })
    try {
      // The inline sync reads one page, charged to the budget afterwards.
      assert.strictEqual((await worker.call<Responses.SyncBody>("/v1/sync", { method: "POST" })).status, 200)
      const targets = (await emulatorAccounts(emulator)).slice(0, 8).map((account) => account.id)
      const jobId = await createJob(worker, targets)
      const puts = await routeStats(emulator, "PUT /accounts/{account_id}")
      const consumer = await worker.mf.getWorker()
      const deliver = (ids: ReadonlyArray<string>) =>
        consumer.queue(
          "cf-accounts-jobs",
          ids.map((accountId, i) => ({
            id: `m${i}`,
            timestamp: new Date(),
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
    } finally {
      await worker.dispose()
    }
  })

  it("deferred items run in a later window and the job completes", async () => {
    const worker = await startWorker({ emulator, vars: { BUDGET_REQUESTS: "6", BUDGET_WINDOW_SECONDS: "1" } })
    try {
      const targets = (await emulatorAccounts(emulator)).slice(8, 17).map((account) => account.id)
      const puts = await routeStats(emulator, "PUT /accounts/{account_id}")
      const started = performance.now()
      const jobId = await createJob(worker, targets)
      const done = await eventually("the budgeted job", async () => {
        const job = await jobStatus(worker, jobId)
        return job.counts.pending + job.counts.running === 0 ? job : undefined
      })
      assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 9, failed: 0, skipped: 0 })
      // 9 items of 2 requests with 6 per window need at least three windows.
      assert.isAtLeast(performance.now() - started, 2000)
      assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests - puts.requests, 9)
    } finally {
      await worker.dispose()
    }
  })
})
