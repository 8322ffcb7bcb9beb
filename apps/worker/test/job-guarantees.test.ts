/**
 * What a job promises under at-least-once delivery, client retries and queue outages, in
 * Miniflare with real D1 and Queues against the emulator: one API call per item when the
 * same message is delivered while the first delivery is in flight; a job id for every
 * recorded job, even when the enqueue fails part-way, and a resume that finishes it without
 * running an item twice; idempotent POSTs; body limits counted in bytes while reading.
 */
import type { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Errors from "../src/api/Errors.js"
import type * as Responses from "../src/api/Responses.js"
import {
  admin,
  createJob,
  type Emulator,
  emulatorAccounts,
  eventually,
  jobRequest,
  pathTo,
  requestJob,
  routeStats,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 400

let emulator: Emulator
let accounts: ReadonlyArray<AccountId>
/** Without queue consumers: tests deliver messages themselves, or none. */
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: SEEDED, seed: 77 })
  accounts = (await emulatorAccounts(emulator)).map((account) => account.id).sort()
  worker = await startWorker({ emulator, consumers: false })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

/** Accounts [from, to) of the emulator, by id: each test takes its own. */
const slice = (from: number, to: number) => accounts.slice(from, to)

/** Creates a job from a raw body: one the typed client would not send (spaced, extra fields, too large, malformed). */
const post = <T = Errors.ErrorBody>(
  worker: TestWorker,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {}
) =>
  worker.call<T>(pathTo("jobs", "create"), {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    // A stream is sent as it is read (no Content-Length).
    ...(typeof body === "string" ? {} : { duplex: "half" })
  } as RequestInit)

/** A job of enforcing two-factor on `accountIds`. */
const enforce = (accountIds: ReadonlyArray<AccountId>) => ({ kind: "enforce-twofactor" as const, account_ids: accountIds })

const jobStatus = async (worker: TestWorker, id: string) =>
  (await worker.api((client) => client.jobs.get({ path: { job_id: id } }))).job

const resume = (worker: TestWorker, id: string) => worker.api((client) => client.jobs.resume({ path: { job_id: id } }))

const settled = (worker: TestWorker, id: string) =>
  eventually(`job ${id}`, async () => {
    const job = await jobStatus(worker, id)
    return job.status === "completed" || job.status === "completed_with_failures" ? job : undefined
  })

const count = async (worker: TestWorker, table: string) =>
  (await worker.sql<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n

describe("claims", () => {
  const deliver = (jobId: string, ids: ReadonlyArray<string>, tag: string) =>
    worker.entries().then((consumer) =>
      consumer.queue(
        "cf-accounts-jobs",
        ids.map((accountId, i) => ({
          id: `${tag}-${i}`,
          timestamp: new Date(),
          attempts: 1,
          body: { type: "job-item", jobId, accountId }
        }))
      )
    )

  it("duplicate messages delivered while the first is in flight: one API call per item, no attempt spent", async () => {
    const targets = slice(0, 6)
    const job = await createJob(worker, enforce(targets))
    await admin(emulator, "POST", "/reset-stats")
    // Slow reads keep the first delivery of each item in flight while the others arrive.
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts/{account_id}", kind: "latency", ms: 300 }] })
    // Three deliveries of every message at once, and each message twice within one batch.
    const results = await Promise.all([
      deliver(job.id, [...targets, ...targets], "a"),
      deliver(job.id, targets, "b"),
      deliver(job.id, targets, "c")
    ])
    await admin(emulator, "PUT", "/faults", { rules: [] })
    for (const result of results) {
      assert.strictEqual(result.outcome, "ok")
      assert.deepStrictEqual(result.retryMessages, [])
    }
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, targets.length)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, targets.length)
    const done = await jobStatus(worker, job.id)
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: targets.length, failed: 0, skipped: 0 })
    assert.strictEqual(done.status, "completed")
    const attempts = await worker.sql<{ attempts: number }>("SELECT DISTINCT attempts FROM job_items WHERE job_id = ?1", job.id)
    assert.deepStrictEqual(attempts, [{ attempts: 1 }])
  })

  it("an item held under a live lease is acknowledged without a call; one whose lease expired is claimed again", async () => {
    const [held, crashed] = slice(10, 12) as [AccountId, AccountId]
    const { id } = await createJob(worker, enforce([held, crashed]))
    // `held` is being applied by another delivery; `crashed` was claimed by a consumer that died.
    const lease = (accountId: string, until: string) =>
      worker.sql(
        "UPDATE job_items SET state = 'running', attempts = 1, lease_until = ?3 WHERE job_id = ?1 AND account_id = ?2",
        id,
        accountId,
        until
      )
    await lease(held, "2999-01-01T00:00:00.000Z")
    await lease(crashed, "2000-01-01T00:00:00.000Z")
    await admin(emulator, "POST", "/reset-stats")
    const result = await deliver(id, [held, crashed], "lease")
    assert.deepStrictEqual(result.retryMessages, [])
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 1)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, 1)
    const items = await worker.sql<{ account_id: string; state: string; attempts: number }>(
      "SELECT account_id, state, attempts FROM job_items WHERE job_id = ?1 ORDER BY account_id",
      id
    )
    assert.deepStrictEqual(
      items,
      [
        { account_id: held, state: "running", attempts: 1 },
        { account_id: crashed, state: "done", attempts: 2 }
      ].sort((a, b) => (a.account_id < b.account_id ? -1 : 1))
    )
    assert.strictEqual((await jobStatus(worker, id)).counts.running, 1)
    assert.strictEqual((await jobStatus(worker, id)).status, "running")
  })

  it("an item whose consumers keep ending without an outcome fails at JOB_MAX_ATTEMPTS claims instead of being claimed forever", async () => {
    const [looping] = slice(14, 15) as [AccountId]
    const { id } = await createJob(worker, enforce([looping]))
    // Five claims (JOB_MAX_ATTEMPTS) already made, the last one's consumer gone: its lease expired.
    await worker.sql(
      "UPDATE job_items SET state = 'running', attempts = 5, lease_until = '2000-01-01T00:00:00.000Z' WHERE job_id = ?1",
      id
    )
    await admin(emulator, "POST", "/reset-stats")
    const result = await deliver(id, [looping], "looping")
    assert.deepStrictEqual(result.retryMessages, [])
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 0)
    const done = await jobStatus(worker, id)
    assert.strictEqual(done.status, "completed_with_failures")
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 0, failed: 1, skipped: 0 })
    assert.strictEqual(done.failed[0]?.error?.tag, "AttemptsExhausted")
    assert.include(done.failed[0]?.error?.message ?? "", "JOB_MAX_ATTEMPTS (5)")
  })
})

describe("the request budget", () => {
  it("is not spent on deliveries of items already settled (duplicates from a resume or the cron make no call)", async () => {
    const budgeted = await startWorker({ emulator, consumers: false, vars: { BUDGET_REQUESTS: "4", BUDGET_WINDOW_SECONDS: "300" } })
    try {
      const targets = slice(16, 20)
      const { id } = await createJob(budgeted, enforce(targets))
      await budgeted.sql("UPDATE job_items SET state = 'done', attempts = 1 WHERE job_id = ?1", id)
      const consumer = await budgeted.entries()
      const result = await consumer.queue(
        "cf-accounts-jobs",
        [...targets, ...targets].map((accountId, i) => ({
          id: `settled-${i}`,
          timestamp: new Date(),
          attempts: 1,
          body: { type: "job-item", jobId: id, accountId }
        }))
      )
      assert.strictEqual(result.outcome, "ok")
      assert.deepStrictEqual(result.retryMessages, [])
      assert.deepStrictEqual(result.explicitAcks.length, 8)
      const used = await budgeted.sql<{ used: number }>("SELECT coalesce(sum(used), 0) AS used FROM rate_budget")
      assert.deepStrictEqual(used, [{ used: 0 }])
    } finally {
      await budgeted.dispose()
    }
  })
})

describe("an enqueue that fails part-way", () => {
  let flaky: TestWorker
  /** sendBatch calls to fail, by call number (1-based), counted across the test. */
  const failing = new Set<number>()
  let calls = 0

  beforeAll(async () => {
    flaky = await startWorker({
      emulator,
      // Four messages per sendBatch, so a few items span several batches.
      vars: { QUEUE_SEND_BATCH: "4" },
      failJobSend: () => {
        calls++
        return failing.has(calls)
      }
    })
  })

  afterAll(async () => {
    await flaky?.dispose()
  })

  it("answers 202 with the job id, sends the rest on resume and on the cron, and runs no item twice", async () => {
    const targets = slice(100, 110)
    await admin(emulator, "POST", "/reset-stats")
    // 10 items are 3 sendBatch calls (4, 4, 2): the second one fails.
    calls = 0
    failing.clear()
    failing.add(2)
    const created = await requestJob(flaky, enforce(targets))
    assert.strictEqual(created.status, 202)
    const id = created.body.job.id
    assert.match(id, /^job_[0-9a-f]{32}$/)
    assert.strictEqual(created.body.job.total, 10)
    assert.strictEqual(created.body.job.status, "enqueueing")
    assert.include(created.body.warning ?? "", `6 of 10 items are not known to be on the queue`)
    assert.include(created.body.warning ?? "", `resuming job ${id} sends them`)
    // The first 4 run; the rest wait, pending, never failed.
    const partly = await eventually("the first chunk", async () => {
      const job = await jobStatus(flaky, id)
      return job.counts.done === 4 ? job : undefined
    })
    assert.strictEqual(partly.status, "enqueueing")
    assert.deepStrictEqual(partly.counts, { pending: 6, running: 0, done: 4, failed: 0, skipped: 0 })

    // A resume that fails again after one more chunk answers 503 and keeps its progress.
    calls = 0
    failing.clear()
    failing.add(2)
    const stopped = await flaky.apiError(Errors.Unavailable, (client) => client.jobs.resume({ path: { job_id: id } }))
    assert.strictEqual(stopped.error.code, "queue_unavailable")
    // Not to be read as the job failing: it says what is sent and what waits.
    assert.include(stopped.error.message, "2 of 10 items are not known to be on the queue")
    assert.include(stopped.error.message, `resuming job ${id} sends them`)
    assert.include(stopped.error.message, "the items sent run")
    const [row] = await flaky.sql<{ sent: number }>("SELECT sent FROM jobs WHERE id = ?1", id)
    assert.strictEqual(row?.sent, 8)

    // The cron sends the last 2.
    failing.clear()
    await (await flaky.entries()).scheduled({ cron: "0 */6 * * *" })
    const done = await settled(flaky, id)
    assert.strictEqual(done.status, "completed")
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 10, failed: 0, skipped: 0 })
    // Each item was read and written exactly once, each claimed once.
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 10)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, 10)
    const attempts = await flaky.sql<{ attempts: number }>("SELECT DISTINCT attempts FROM job_items WHERE job_id = ?1", id)
    assert.deepStrictEqual(attempts, [{ attempts: 1 }])
    // Resuming a job with nothing left to send changes nothing.
    const [again, response] = await flaky.api((client) => client.jobs.resume({ path: { job_id: id }, withResponse: true }))
    assert.strictEqual(response.status, 200)
    assert.deepStrictEqual(again.job, done)
    await flaky.apiError(Errors.NotFound, (client) => client.jobs.resume({ path: { job_id: `job_${"0".repeat(32)}` } }))
  })

  it("a replay of a job whose enqueue stopped says so again (the first answer's warning may be lost)", async () => {
    calls = 0
    failing.clear()
    failing.add(1)
    const payload = enforce(slice(360, 365))
    const first = await requestJob(flaky, payload, "lost-answer-1")
    assert.strictEqual(first.status, 202)
    const id = first.body.job.id
    assert.include(first.body.warning ?? "", "5 of 5 items are not known to be on the queue")
    failing.clear()
    const replayed = await requestJob(flaky, payload, "lost-answer-1")
    assert.strictEqual(replayed.status, 200)
    assert.strictEqual(replayed.body.job.id, id)
    assert.strictEqual(replayed.body.job.status, "enqueueing")
    assert.include(replayed.body.warning ?? "", "5 of 5 items are not known to be on the queue")
    assert.include(replayed.body.warning ?? "", `resuming job ${id} sends them`)
    // Once everything is sent, a replay has nothing to warn about.
    await resume(flaky, id)
    const later = await requestJob(flaky, payload, "lost-answer-1")
    assert.strictEqual(later.status, 200)
    assert.isUndefined(later.body.warning)
  })

  it("resumes racing each other, and one sending everything again, still run each item once", async () => {
    // Start from a quiet queue: every item of the earlier jobs settled.
    await eventually("earlier jobs", async () => {
      const [row] = await flaky.sql<{ n: number }>("SELECT count(*) AS n FROM job_items WHERE state IN ('pending', 'running')")
      return row?.n === 0 ? true : undefined
    })
    calls = 0
    failing.clear()
    failing.add(1)
    const targets = slice(370, 400)
    const { id } = await createJob(flaky, enforce(targets))
    failing.clear()
    await admin(emulator, "POST", "/reset-stats")
    // Each answers 200 with the job, or the test fails.
    await Promise.all([resume(flaky, id), resume(flaky, id)])
    // Whatever the race did, this one sends all 30 again (as when D1 lost the record of a send).
    await flaky.sql("UPDATE jobs SET sent = 0 WHERE id = ?1", id)
    await resume(flaky, id)
    const done = await settled(flaky, id)
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: targets.length, failed: 0, skipped: 0 })
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, targets.length)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, targets.length)
    const attempts = await flaky.sql<{ attempts: number }>("SELECT DISTINCT attempts FROM job_items WHERE job_id = ?1", id)
    assert.deepStrictEqual(attempts, [{ attempts: 1 }])
  })
})

describe("Idempotency-Key", () => {
  it("replays the same job for the same key and body (200), and refuses a changed body with 422", async () => {
    const before = (await count(worker, "jobs")) ?? 0
    const ids = slice(20, 23)
    const first = await requestJob(worker, enforce(ids), "retry-1")
    assert.strictEqual(first.status, 202)
    // The same request, spaced and ordered differently (a raw body: the typed client sends one spelling).
    const replayed = await post<Responses.JobReplayed>(
      worker,
      JSON.stringify({ account_ids: ids, kind: "enforce-twofactor" }, null, 2),
      { "idempotency-key": "retry-1" }
    )
    assert.strictEqual(replayed.status, 200, replayed.text)
    assert.strictEqual(replayed.body.job.id, first.body.job.id)
    assert.strictEqual(replayed.body.job.total, 3)

    const changed = await worker.apiError(Errors.Unprocessable, (client) =>
      client.jobs.create(jobRequest(enforce(ids.slice(0, 2)), "retry-1"))
    )
    assert.strictEqual(changed.error.code, "idempotency_key_reused")
    assert.strictEqual(changed.error.field, "idempotency-key")
    assert.include(changed.error.message, first.body.job.id)
    assert.strictEqual(await count(worker, "jobs"), before + 1)
    // One message per item: the replay enqueued nothing.
    const enqueued = await worker.sql<{ sent: number }>("SELECT sent FROM jobs WHERE id = ?1", first.body.job.id)
    assert.deepStrictEqual(enqueued, [{ sent: 3 }])
  })

  it("concurrent duplicates create one job", async () => {
    const before = await count(worker, "jobs")
    const payload = enforce(slice(30, 40))
    const responses = await Promise.all(Array.from({ length: 6 }, () => requestJob(worker, payload, "concurrent-7")))
    const statuses = responses.map((response) => response.status).sort()
    assert.deepStrictEqual(statuses, [200, 200, 200, 200, 200, 202])
    assert.strictEqual(new Set(responses.map((response) => response.body.job.id)).size, 1)
    assert.strictEqual(await count(worker, "jobs"), (before ?? 0) + 1)
  })

  it("without a key, or after 24 hours, a retry creates another job; a malformed key is a 400", async () => {
    const payload = enforce(slice(40, 41))
    const a = await requestJob(worker, payload)
    const b = await requestJob(worker, payload)
    assert.deepStrictEqual([a.status, b.status], [202, 202])
    assert.notStrictEqual(a.body.job.id, b.body.job.id)

    const keyed = await requestJob(worker, payload, "old-key")
    await worker.sql("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00.000Z' WHERE key = 'old-key'")
    const later = await requestJob(worker, payload, "old-key")
    assert.strictEqual(later.status, 202)
    assert.notStrictEqual(later.body.job.id, keyed.body.job.id)

    // A key the typed client refuses to send.
    const bad = await post(worker, JSON.stringify(payload), { "idempotency-key": "has spaces" })
    assert.strictEqual(bad.status, 400)
    assert.strictEqual(bad.body.error.field, "idempotency-key")
  })
})

describe("a job with no items", () => {
  it("is answered completed, as GET reports it, not running", async () => {
    // No sync has run on this worker: no account is known to be non-compliant.
    assert.strictEqual(await count(worker, "accounts"), 0)
    const created = await createJob(worker, { kind: "enforce-twofactor", account_ids: "all-noncompliant" })
    assert.strictEqual(created.total, 0)
    assert.strictEqual(created.status, "completed")
    assert.strictEqual((await jobStatus(worker, created.id)).status, "completed")
  })
})

describe("body limits", () => {
  // 400,000 "€" are 1.2 MB of UTF-8 but 400,000 UTF-16 units: over the 1,000,000-byte limit.
  const multibyte = () => JSON.stringify({ kind: "enforce-twofactor", account_ids: slice(0, 1), note: "€".repeat(400_000) })

  it("refuses a multibyte body over the limit in bytes with 413, declared or streamed, writing nothing", async () => {
    const jobsBefore = await count(worker, "jobs")
    const declared = await post(worker, multibyte())
    assert.strictEqual(declared.status, 413, declared.text)
    assert.strictEqual(declared.body.error.code, "body_too_large")
    assert.strictEqual(declared.body.error.message, "the request body must be at most 1000000 bytes (UTF-8)")

    // No Content-Length: the limit is found while reading the stream.
    const bytes = new TextEncoder().encode(multibyte())
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024))
        controller.close()
      }
    })
    const streamed = await post(worker, stream)
    assert.strictEqual(streamed.status, 413, streamed.text)
    assert.strictEqual(streamed.body.error.code, "body_too_large")
    assert.strictEqual(await count(worker, "jobs"), jobsBefore)
  })

  it("accepts a body of exactly 1,000,000 bytes and refuses one byte more; an empty body is a 400 naming the body", async () => {
    /** A valid job body of exactly `bytes` bytes: JSON padded with the whitespace JSON allows after it. */
    const sized = (bytes: number) => {
      const json = JSON.stringify({ kind: "enforce-twofactor", account_ids: slice(0, 1) })
      const body = json + " ".repeat(bytes - new TextEncoder().encode(json).length)
      assert.strictEqual(new TextEncoder().encode(body).length, bytes)
      return body
    }
    const atLimit = await post(worker, sized(1_000_000))
    assert.strictEqual(atLimit.status, 202, atLimit.text)
    const over = await post(worker, sized(1_000_001))
    assert.strictEqual(over.status, 413, over.text)
    assert.strictEqual(over.body.error.field, "body")
    const empty = await post(worker, "")
    assert.strictEqual(empty.status, 400, empty.text)
    assert.strictEqual(empty.body.error.field, "body")
  })

  it("reads a multibyte body under the limit in bytes to the end: its fields are checked, not its size", async () => {
    // 900,000 bytes of "€" in a field no job takes: read whole, then refused by name.
    const body = JSON.stringify({ kind: "enforce-twofactor", account_ids: slice(0, 1), note: "€".repeat(300_000) })
    const response = await post(worker, body)
    assert.strictEqual(response.status, 400, response.text)
    assert.strictEqual(response.body.error.field, "note")
  })
})
