/**
 * The deletion check of a fanned-out sync, paged over the sync queue under the shared budget:
 * once every range is staged, the candidates are checked in chunks (one `deletion-check` message
 * each), each taking its GETs from the window's sync share first and sent again for the next
 * window when the window is spent, without spending the queue's retries; the sync is applied
 * only when every chunk is done. The test is the queue consumer (recording queues, `meter`), and
 * windows pass by moving the budget's recorded window into the past, so nothing here waits.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Option from "effect/Option"
import * as Errors from "../src/api/Errors.js"
import * as Sync from "../src/sync/Sync.js"
import {
  admin,
  cloudflare,
  type Emulator,
  emulatorAccounts,
  routeStats,
  type SentMessage,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 220
const WINDOW_SECONDS = 300
/** Requests per window; 75% of it (6) is the sync's share, and a chunk checks at most 4 candidates. */
const BUDGET = 8
const QUEUE = "cf-accounts-sync"

/** A proxy to the emulator that answers 403 (no access, code 9109) for the accounts in `denied`. */
const startProxy = async (emulator: Emulator) => {
  const prefix = new URL(emulator.url).pathname
  const denied = new Set<string>()
  const server = createServer((request, response) => {
    const path = request.url ?? "/"
    const id = /\/accounts\/([^/?]+)$/.exec(new URL(path, emulator.origin).pathname)?.[1]
    if (request.method === "GET" && id !== undefined && denied.has(id)) {
      response.writeHead(403, { "content-type": "application/json" })
      response.end(
        JSON.stringify({ success: false, errors: [{ code: 9109, message: "Unauthorized to access requested resource" }], messages: [], result: null })
      )
      return
    }
    // The worker only reads (GET) through the proxy.
    fetch(`${emulator.origin}${path}`, { headers: { authorization: request.headers.authorization ?? "" } })
      .then(async (upstream) => {
        response.writeHead(upstream.status, { "content-type": "application/json" })
        response.end(await upstream.text())
      })
      .catch((error: unknown) => {
        response.writeHead(599)
        response.end(String(error))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    denied,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

interface Round {
  readonly status: string
  readonly deleted: number
}

/** What delivering a sync's messages took: windows passed, retries the queue was asked for, each window's use. */
interface Drive {
  windows: number
  retried: number
  readonly usedPerWindow: Array<number>
  readonly rounds: Array<Round>
}

describe("a fanned-out sync's deletion check, paged under the shared budget", () => {
  let emulator: Emulator
  let proxy: Awaited<ReturnType<typeof startProxy>>
  let worker: TestWorker
  const sent: Array<SentMessage> = []
  let syncId = ""

  const budget = async () => (await worker.sql<{ used: number }>("SELECT used FROM rate_budget"))[0]?.used ?? 0
  const nextWindow = () => worker.sql("UPDATE rate_budget SET window_start = window_start - ?1", WINDOW_SECONDS * 1000)
  const syncOf = async (id: string) => (await worker.api((client) => client.syncs.get({ path: { sync_id: id } }))).sync
  const deletedCount = async () =>
    (await worker.sql<{ n: number }>("SELECT count(*) AS n FROM accounts WHERE deleted_at IS NOT NULL"))[0]?.n ?? 0

  /**
   * Starts a sync in a fresh window and delivers its messages as the queue would, one per batch,
   * in rounds: what a round sends (new chunks, deferrals) or retries is delivered in the next, and
   * a round that deferred work is followed by the next window. `afterRound` runs after each.
   */
  const drive = async (afterRound?: (round: number) => Promise<void>): Promise<Drive> => {
    await nextWindow()
    const [body, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
    assert.strictEqual(response.status, 202)
    syncId = body.sync.id
    const consumer = await worker.entries()
    const log: Drive = { windows: 0, retried: 0, usedPerWindow: [], rounds: [] }
    let pending = sent.splice(0).map((m) => ({ body: m.body, attempts: 1 }))
    let delivered = 0
    while (pending.length > 0) {
      const next: typeof pending = []
      let deferred = false
      for (const { body: message, attempts } of pending) {
        const batch = [{ id: `m${delivered++}`, timestamp: new Date(0), attempts, body: message }]
        const result = await consumer.queue(QUEUE, batch)
        for (const _ of result.retryMessages) next.push({ body: message, attempts: attempts + 1 })
        log.retried += result.retryMessages.length
        for (const m of sent.splice(0)) {
          deferred ||= m.delaySeconds > 0
          next.push({ body: m.body, attempts: 1 })
        }
      }
      log.rounds.push({ status: (await syncOf(syncId)).status, deleted: await deletedCount() })
      await afterRound?.(log.rounds.length)
      if (deferred) {
        log.usedPerWindow.push(await budget())
        await nextWindow()
        log.windows++
      }
      pending = next
      assert.isBelow(delivered, 100, "the sync should be done by now")
    }
    return log
  }

  const liveIds = async () =>
    (await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NULL AND inaccessible_since IS NULL ORDER BY id")).map((row) => row.id)
  const upstreamIds = async () => (await emulatorAccounts(emulator)).map((a) => a.id).sort()
  const deleteUpstream = async (count: number) => {
    const doomed = (await emulatorAccounts(emulator)).filter((_, i) => i % 7 === 3).slice(0, count)
    for (const account of doomed) await cloudflare(emulator, "DELETE", `/accounts/${account.id}`)
    return doomed.map((a) => a.id)
  }
  const leftovers = async () =>
    (
      await worker.sql<{ n: number }>(
        "SELECT (SELECT count(*) FROM sync_staging) + (SELECT count(*) FROM sync_chunks) + (SELECT count(*) FROM sync_candidates) AS n"
      )
    )[0]?.n

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 61 })
    proxy = await startProxy(emulator)
    worker = await startWorker({
      emulator,
      consumers: false,
      meter: (event) => {
        if (event.kind === "send" && event.queue === "sync") sent.push(...event.messages)
      },
      vars: {
        CLOUDFLARE_BASE_URL: proxy.url,
        // 5 pages of 50: page 1 inline, then 4 ranges of one page.
        SYNC_PAGE_SIZE: "50",
        SYNC_FANOUT_THRESHOLD: "100",
        SYNC_PAGES_PER_MESSAGE: "1",
        SYNC_MAX_DELETE_CHECKS: "4",
        SYNC_STALE_MINUTES: "1",
        BUDGET_REQUESTS: String(BUDGET),
        BUDGET_WINDOW_SECONDS: String(WINDOW_SECONDS),
        CLIENT_MAX_ATTEMPTS: "1"
      }
    })
    await drive()
    const first = await syncOf(syncId)
    assert.strictEqual(first.status, "completed", JSON.stringify(first.error))
    assert.strictEqual(first.accounts_seen, SEEDED)
  })

  afterAll(async () => {
    await worker?.dispose()
    await proxy?.close()
    await emulator?.close()
  })

  it("candidates above one window's budget are checked across windows, and the sync is applied when every chunk is done", async () => {
    const gone = await deleteUpstream(12)
    await admin(emulator, "POST", "/reset-stats")
    const log = await drive()
    const sync = await syncOf(syncId)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    // 12 checks beside 5 pages at 8 requests a window: the ranges' window, then two more.
    assert.strictEqual(log.windows, 2)
    for (const used of log.usedPerWindow) assert.isAtMost(used, BUDGET)
    assert.strictEqual(log.retried, 0)
    // Running, nothing deleted, until the last chunk is in.
    for (const round of log.rounds.slice(0, -1)) assert.deepStrictEqual(round, { status: "running", deleted: 0 })
    assert.strictEqual(sync.deletion_candidates, 12)
    assert.strictEqual(sync.accounts_deleted, 12)
    assert.isFalse(sync.deletions_skipped)
    assert.isNull(sync.warning)
    // 3 chunks of 4, each candidate fetched once: waiting for a window cost no request.
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 12)
    assert.strictEqual(sync.chunks_total, 4 + 3)
    assert.deepStrictEqual(await liveIds(), await upstreamIds())
    const deleted = await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NOT NULL ORDER BY id")
    assert.deepStrictEqual(
      deleted.map((row) => row.id),
      [...gone].sort()
    )
    assert.strictEqual(await leftovers(), 0)
  })

  it("a candidate answered 403 is marked inaccessible, not deleted", async () => {
    const [hidden, ...gone] = await deleteUpstream(3)
    proxy.denied.add(hidden as string)
    const deletedBefore = await deletedCount()
    await drive()
    proxy.denied.clear()
    const sync = await syncOf(syncId)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    assert.strictEqual(sync.deletion_candidates, 3)
    assert.strictEqual(sync.accounts_deleted, 2)
    assert.strictEqual(sync.accounts_inaccessible, 1)
    assert.strictEqual(
      sync.warning,
      "1 accounts missing from the listing answered 403 and were marked inaccessible to the worker's token."
    )
    const [row] = await worker.sql<{ deleted_at: string | null; inaccessible_since: string | null }>(
      "SELECT deleted_at, inaccessible_since FROM accounts WHERE id = ?1",
      hidden
    )
    assert.isNull(row?.deleted_at)
    assert.strictEqual(row?.inaccessible_since, sync.finished_at)
    assert.strictEqual(await deletedCount(), deletedBefore + gone.length)
  })

  it("a chunk failing transiently is retried by the queue, and the sync completes", async () => {
    // 201 accounts left: 5 pages leave 3 requests in the window, too few for the chunk of 4 to be
    // checked by the invocation that sends it, so it goes through the queue.
    await deleteUpstream(4)
    await admin(emulator, "POST", "/reset-stats")
    // The first check fails (the client makes one attempt here): its chunk fails as a whole.
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts/{account_id}", kind: "status", status: 503, times: 1 }] })
    const log = await drive()
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).faults, 1)
    assert.strictEqual(log.retried, 1)
    const sync = await syncOf(syncId)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    assert.strictEqual(sync.deletion_candidates, 4)
    assert.strictEqual(sync.accounts_deleted, 4)
    for (const used of log.usedPerWindow) assert.isAtMost(used, BUDGET)
    assert.deepStrictEqual(await liveIds(), await upstreamIds())
  })

  it("a sync is not taken for abandoned while its checks run", async () => {
    await deleteUpstream(12)
    const log = await drive(async (round) => {
      if (round !== 1) return
      // The ranges are in and the 12 checks sent: 4 pages and 12 checks at 6 requests a window
      // are 3 windows, 16 minutes with SYNC_STALE_MINUTES; counted as SYNC_MAX_DELETE_CHECKS (4), 11.
      const running = await syncOf(syncId)
      assert.strictEqual(running.status, "running")
      assert.strictEqual(running.deletion_candidates, 12)
      const startedAt = new Date(Date.now() - 13 * 60_000).toISOString()
      await worker.sql("UPDATE syncs SET started_at = ?2 WHERE id = ?1", syncId, startedAt)
      const conflict = await worker.apiError(Errors.Conflict, (client) => client.syncs.start())
      assert.strictEqual(conflict.error.code, "sync_in_progress")
      assert.strictEqual((await syncOf(syncId)).status, "running")
    })
    assert.isAtLeast(log.windows, 1)
    const sync = await syncOf(syncId)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    assert.strictEqual(sync.accounts_deleted, 12)
    assert.deepStrictEqual(await liveIds(), await upstreamIds())
  })

  it("a mass disappearance (more than a tenth of the listing and than SYNC_MAX_DELETE_CHECKS) is not checked, and the sync says so", async () => {
    const listed = (await emulatorAccounts(emulator)).length
    await deleteUpstream(25)
    await admin(emulator, "POST", "/reset-stats")
    await drive()
    const sync = await syncOf(syncId)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    assert.isTrue(sync.deletions_skipped)
    assert.strictEqual(sync.deletion_candidates, 25)
    assert.strictEqual(sync.accounts_deleted, 0)
    assert.include(sync.warning ?? "", `than 10% of the ${listed - 25} listed`)
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 0)
    assert.strictEqual(await leftovers(), 0)
  })
})

describe("how long a sync checking deletions may run", () => {
  const settings = {
    syncStaleMinutes: 30,
    budgetRequests: 600,
    budgetWindowSeconds: 300,
    syncBudgetShare: 75,
    syncPageSize: 50,
    maxDeleteChecks: 500
  }
  it("counts the checks it sent, when more than SYNC_MAX_DELETE_CHECKS", () => {
    // 2,000 pages and 10,000 checks at 450 requests a window: 27 windows of 5 minutes.
    const running = { mode: "fanout", total_count: 100_000 }
    assert.strictEqual(Sync.staleMinutes(settings, Option.some({ ...running, deletion_candidates: 10_000 })), 30 + 27 * 5)
    assert.strictEqual(Sync.staleMinutes(settings, Option.some({ ...running, deletion_candidates: 100 })), 60)
  })
})
