/**
 * Inventory sync against the emulator: a full snapshot of 5,000 accounts, a second sync
 * that sees deletions and setting changes, and a large tenant fanned out over the queue.
 */
import type { Account } from "@cf-accounts/core/Account"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Errors from "../src/api/Errors.js"
import type * as Responses from "../src/api/Responses.js"
import {
  admin,
  after,
  cloudflare,
  type Emulator,
  emulatorAccounts,
  eventually,
  fanOutSync,
  inlineSync,
  routeStats,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 5000

describe("sync of 5,000 accounts", () => {
  let emulator: Emulator
  let worker: TestWorker
  let first: Responses.Sync

  beforeAll(async () => {
    // Accounts as Cloudflare answers them (nulls, legacy_flags, microseconds), every 7th of a type the spec does not list.
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 11, unknownTypeEvery: 7 })
    // One invocation syncs them all (the fan-out is tested below).
    worker = await startWorker({ emulator, vars: { SYNC_FANOUT_THRESHOLD: "10000" } })
    first = await inlineSync(worker)
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  it("stores every account with every field as sent, and records the completed sync", async () => {
    assert.strictEqual(first.status, "completed")
    assert.strictEqual(first.mode, "inline")
    assert.strictEqual(first.accounts_seen, SEEDED)
    assert.strictEqual(first.total_count, SEEDED)
    const upstream = await emulatorAccounts(emulator)
    const rows = await worker.sql<{
      id: string
      name: string
      type: string
      created_on: string
      managed_by: string | null
      account: string
    }>("SELECT id, name, type, created_on, managed_by, account FROM accounts WHERE deleted_at IS NULL ORDER BY id")
    assert.strictEqual(rows.length, SEEDED)
    const byId = new Map(rows.map((row) => [row.id, row]))
    for (const account of upstream) {
      const row = byId.get(account.id)
      assert.isDefined(row, account.id)
      assert.strictEqual(row?.name, account.name)
      assert.strictEqual(row?.type, account.type)
      assert.strictEqual(row?.created_on, account.created_on)
      assert.deepStrictEqual(row?.managed_by === null ? undefined : JSON.parse(row?.managed_by ?? "null"), account.managed_by)
      assert.deepStrictEqual(JSON.parse(row?.account ?? "null"), account)
    }
    assert.strictEqual(rows.filter((row) => row.type === "partner").length, Math.floor(SEEDED / 7))
    const staging = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM sync_staging")
    assert.strictEqual(staging[0]?.n, 0)
  })

  it("opens a finding per account and rule it breaks", async () => {
    const counts = await worker.sql<{ rule: string; n: number }>(
      "SELECT rule, count(*) AS n FROM findings WHERE status = 'open' GROUP BY rule ORDER BY rule"
    )
    // Seeded accounts enforce no two-factor authentication; most have no abuse contact (null).
    const upstream = await emulatorAccounts(emulator)
    const noContact = upstream.filter((account) => (account.settings?.abuse_contact_email ?? null) === null)
    assert.isBelow(noContact.length, SEEDED)
    assert.deepStrictEqual(counts, [
      { rule: "abuse_contact_email", n: noContact.length },
      { rule: "enforce_twofactor", n: SEEDED }
    ])
  })

  it("pages through the read API with a cursor and filters by name and compliance", async () => {
    const seen = new Set<string>()
    let cursor: string | null = null
    do {
      const next = after(cursor)
      const [page, response] = await worker.api((client) =>
        client.accounts.list({ urlParams: { limit: 500, ...next }, withResponse: true })
      )
      assert.strictEqual(response.status, 200)
      for (const item of page.items) seen.add(item.id)
      cursor = page.next_cursor
    } while (cursor !== null)
    assert.strictEqual(seen.size, SEEDED)

    const named = await worker.api((client) => client.accounts.list({ urlParams: { name: " 1234", limit: 500 } }))
    assert.isAbove(named.items.length, 0)
    for (const item of named.items) assert.include(item.name, " 1234")
    const compliant = await worker.api((client) => client.accounts.list({ urlParams: { compliant: true } }))
    assert.deepStrictEqual(compliant.items, [])
  })

  it("a second sync marks deletions, updates settings and resolves and opens findings", async () => {
    // Accounts without an abuse contact, so each has both findings open.
    const upstream = (await emulatorAccounts(emulator)).filter((account) => (account.settings?.abuse_contact_email ?? null) === null)
    const [gone1, gone2, gone3, fixed1, fixed2, partly] = upstream as [Account, Account, Account, Account, Account, Account]
    for (const account of [gone1, gone2, gone3]) await cloudflare(emulator, "DELETE", `/accounts/${account.id}`)
    for (const account of [fixed1, fixed2]) {
      await cloudflare(emulator, "PUT", `/accounts/${account.id}`, {
        id: account.id,
        name: account.name,
        type: account.type,
        settings: { enforce_twofactor: true, abuse_contact_email: "abuse@example.com" }
      })
    }
    await cloudflare(emulator, "PUT", `/accounts/${partly.id}`, {
      id: partly.id,
      name: `${partly.name} renamed`,
      type: partly.type,
      settings: { enforce_twofactor: true }
    })
    const detail = (account: Account) => worker.api((client) => client.accounts.get({ path: { account_id: account.id } }))
    const before = await detail(fixed1)

    const second = await inlineSync(worker)
    assert.strictEqual(second.accounts_seen, SEEDED - 3)
    assert.strictEqual(second.accounts_deleted, 3)

    for (const account of [gone1, gone2, gone3]) {
      const view = await detail(account)
      assert.isString(view.deleted_at)
      assert.isTrue(view.findings?.every((f) => f.status === "resolved"))
    }
    const live = await worker.api((client) => client.accounts.list({ urlParams: { limit: 500 } }))
    assert.notInclude(
      live.items.map((a) => a.id),
      gone1.id
    )
    const withDeleted = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM accounts")
    assert.strictEqual(withDeleted[0]?.n, SEEDED)

    const fixed = await detail(fixed1)
    assert.strictEqual(fixed.compliant, true)
    assert.deepStrictEqual(fixed.settings, { enforce_twofactor: true, abuse_contact_email: "abuse@example.com" })
    assert.strictEqual(fixed.first_seen, before.first_seen)
    assert.notStrictEqual(fixed.last_seen, before.last_seen)
    assert.deepStrictEqual(
      fixed.findings?.map((f) => [f.rule, f.status]),
      [
        ["abuse_contact_email", "resolved"],
        ["enforce_twofactor", "resolved"]
      ]
    )

    const partial = await detail(partly)
    assert.strictEqual(partial.name, `${partly.name} renamed`)
    assert.strictEqual(partial.compliant, false)
    const open = await worker.api((client) => client.findings.list({ urlParams: { account_id: partly.id } }))
    assert.deepStrictEqual(
      open.items.map((f) => f.rule),
      ["abuse_contact_email"]
    )

    const compliant = await worker.api((client) => client.accounts.list({ urlParams: { compliant: true } }))
    assert.sameMembers(
      compliant.items.map((a) => a.id),
      [fixed1.id, fixed2.id]
    )
    const openTwofactor = await worker.sql<{ n: number }>(
      "SELECT count(*) AS n FROM findings WHERE status = 'open' AND rule = 'enforce_twofactor'"
    )
    assert.strictEqual(openTwofactor[0]?.n, SEEDED - 6)
  })
})

describe("fan-out of a large tenant over the sync queue", () => {
  let emulator: Emulator
  let worker: TestWorker

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: 900, seed: 12 })
    worker = await startWorker({
      emulator,
      vars: { SYNC_FANOUT_THRESHOLD: "100", SYNC_PAGE_SIZE: "50", SYNC_PAGES_PER_MESSAGE: "3" }
    })
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  it("spreads the pages over queue messages and applies the sync when the last range is in", async () => {
    const [{ sync: started }, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
    assert.strictEqual(response.status, 202)
    assert.strictEqual(started.mode, "fanout")
    assert.strictEqual(started.status, "running")
    // 900 accounts = 18 pages; page 1 is read inline, pages 2..18 in ranges of 3.
    assert.strictEqual(started.chunks_total, 6)
    const conflict = await worker.apiError(Errors.Conflict, (client) => client.syncs.start())
    assert.strictEqual(conflict.error.sync_id, started.id)

    const done = await eventually("the fanned-out sync", async () => {
      const { sync } = await worker.api((client) => client.syncs.get({ path: { sync_id: started.id } }))
      return sync.status === "completed" || sync.status === "failed" ? sync : undefined
    })
    assert.strictEqual(done.status, "completed", JSON.stringify(done.error))
    assert.strictEqual(done.accounts_seen, 900)
    const ids = await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id")
    const upstream = (await emulatorAccounts(emulator)).map((a) => a.id).sort()
    assert.deepStrictEqual(
      ids.map((row) => row.id),
      upstream
    )
  })

  it("fails a sync during which accounts are created (on page 12), keeping the snapshot; the next sync has every account", async () => {
    const snapshot = await worker.sql("SELECT * FROM accounts ORDER BY id")
    // 25 accounts appear when page 12 is asked for: past the 18 pages planned from page 1's 900.
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "mutate", page: 12, create: 25, times: 1 }] })
    const failed = await fanOutSync(worker)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(failed.status, "failed")
    assert.strictEqual(failed.error?.tag, "IncompleteListingError")
    assert.match(failed.error?.message ?? "", /total_count changed from 900 to 925 on page \d+/)
    assert.deepStrictEqual(await worker.sql("SELECT * FROM accounts ORDER BY id"), snapshot)

    const done = await fanOutSync(worker)
    assert.strictEqual(done.status, "completed", JSON.stringify(done.error))
    assert.strictEqual(done.accounts_seen, 925)
    const ids = await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id")
    assert.deepStrictEqual(
      ids.map((row) => row.id),
      (await emulatorAccounts(emulator)).map((a) => a.id).sort()
    )
  })

  it("fails a sync whose total_count is short by whole pages (900 of 925): the last range reads the page after it", async () => {
    const snapshot = await worker.sql("SELECT * FROM accounts ORDER BY id")
    // Every page says 900: pages 1..18 are full and agree, only page 19 shows the 25 left out.
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "lie_total", total: 900 }] })
    const failed = await fanOutSync(worker)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(failed.status, "failed")
    assert.strictEqual(failed.error?.tag, "IncompleteListingError")
    assert.match(failed.error?.message ?? "", /page 19 has 25 accounts, past total_count 900/)
    assert.deepStrictEqual(await worker.sql("SELECT * FROM accounts ORDER BY id"), snapshot)
  })
})

describe("fan-out sync driven message by message", () => {
  let emulator: Emulator
  let worker: TestWorker

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: 400, seed: 13 })
    worker = await startWorker({
      emulator,
      consumers: false,
      vars: {
        SYNC_FANOUT_THRESHOLD: "100",
        SYNC_PAGE_SIZE: "50",
        SYNC_PAGES_PER_MESSAGE: "2",
        CLIENT_MAX_ATTEMPTS: "2",
        JOB_MAX_ATTEMPTS: "3"
      }
    })
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  const chunkMessages = async (syncId: string) => {
    const rows = await worker.sql<{ chunk: number; first_page: number; last_page: number }>(
      "SELECT chunk, first_page, last_page FROM sync_chunks WHERE sync_id = ?1 ORDER BY chunk",
      syncId
    )
    return rows.map((row) => ({
      type: "sync-chunk",
      syncId,
      chunk: row.chunk,
      firstPage: row.first_page,
      lastPage: row.last_page,
      perPage: 50
    }))
  }

  const deliver = async (body: unknown, attempts: number) => {
    const consumer = await worker.entries()
    return consumer.queue("cf-accounts-sync", [{ id: `m-${attempts}`, timestamp: new Date(), attempts, body }])
  }

  const startSync = async () => {
    const [{ sync }, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
    assert.strictEqual(response.status, 202)
    return sync.id
  }

  const syncStatus = async (id: string) => (await worker.api((client) => client.syncs.get({ path: { sync_id: id } }))).sync

  const readSnapshot = () => worker.sql("SELECT * FROM accounts ORDER BY id")

  const assertNothingLeft = async () => {
    const leftovers = await worker.sql<{ n: number }>(
      "SELECT (SELECT count(*) FROM sync_staging) + (SELECT count(*) FROM sync_chunks) AS n"
    )
    assert.strictEqual(leftovers[0]?.n, 0)
  }

  it("completes when the last range is in, retries transient failures, and a failed range fails the sync without touching the snapshot", async () => {
    const first = await startSync()
    const messages = await chunkMessages(first)
    // 400 accounts = 8 pages; page 1 inline, pages 2..8 in ranges of 2.
    assert.strictEqual(messages.length, 4)
    for (const message of messages.reverse()) {
      assert.strictEqual((await syncStatus(first)).status, "running")
      assert.deepStrictEqual((await deliver(message, 1)).retryMessages, [])
    }
    assert.strictEqual((await syncStatus(first)).status, "completed")
    // A range delivered again after completion does nothing.
    await admin(emulator, "POST", "/reset-stats")
    await deliver(messages[0], 2)
    assert.strictEqual((await routeStats(emulator, "GET /accounts")).requests, 0)
    const snapshot = await worker.sql("SELECT * FROM accounts ORDER BY id")
    assert.strictEqual(snapshot.length, 400)

    const [gone] = await emulatorAccounts(emulator)
    await cloudflare(emulator, "DELETE", `/accounts/${gone?.id}`)
    const second = await startSync()
    const [ok, failing, ...rest] = await chunkMessages(second)
    assert.deepStrictEqual((await deliver(ok, 1)).retryMessages, [])
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "status", status: 500 }] })
    assert.strictEqual((await deliver(failing, 1)).retryMessages.length, 1)
    assert.strictEqual((await deliver(failing, 2)).retryMessages.length, 1)
    assert.strictEqual((await syncStatus(second)).status, "running")
    assert.deepStrictEqual((await deliver(failing, 3)).retryMessages, [])
    await admin(emulator, "PUT", "/faults", { rules: [] })
    const failed = await syncStatus(second)
    assert.strictEqual(failed.status, "failed")
    assert.strictEqual(failed.error?.tag, "ServerError")
    for (const message of rest) await deliver(message, 1)
    assert.strictEqual((await syncStatus(second)).status, "failed")
    assert.deepStrictEqual(await readSnapshot(), snapshot)
    await assertNothingLeft()
  })

  it("a range inconsistent with page 1 (accounts created as page 5 is read) fails the sync at once, without a redelivery", async () => {
    const snapshot = await readSnapshot()
    const upstream = (await emulatorAccounts(emulator)).length
    const id = await startSync()
    const [first, second, ...rest] = await chunkMessages(id)
    assert.deepStrictEqual((await deliver(first, 1)).retryMessages, [])
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "mutate", page: 5, create: 10, times: 1 }] })
    // Pages 4-5: not transient, so acknowledged, not retried, and the sync fails now.
    assert.deepStrictEqual((await deliver(second, 1)).retryMessages, [])
    await admin(emulator, "PUT", "/faults", { rules: [] })
    const failed = await syncStatus(id)
    assert.strictEqual(failed.status, "failed")
    assert.strictEqual(failed.error?.tag, "IncompleteListingError")
    assert.match(failed.error?.message ?? "", new RegExp(`total_count changed from ${upstream} to ${upstream + 10} on page [45]`))
    for (const message of rest) await deliver(message, 1)
    assert.strictEqual((await syncStatus(id)).status, "failed")
    assert.deepStrictEqual(await readSnapshot(), snapshot)
    await assertNothingLeft()
  })

  it("ranges each consistent but together short of page 1's total_count fail the sync instead of applying it", async () => {
    const snapshot = await readSnapshot()
    const upstream = await emulatorAccounts(emulator)
    const id = await startSync()
    const [first, second, ...rest] = await chunkMessages(id)
    assert.deepStrictEqual((await deliver(second, 1)).retryMessages, [])
    // Then the oldest account goes and one is created: the same total_count, every page after 1
    // shifted by one, so pages 2-3 repeat the first account of page 4 and two accounts fall between pages.
    await cloudflare(emulator, "DELETE", `/accounts/${upstream[0]?.id}`)
    await cloudflare(emulator, "POST", "/accounts", { name: "created mid-sync" })
    for (const message of [first, ...rest]) assert.deepStrictEqual((await deliver(message, 1)).retryMessages, [])
    const failed = await syncStatus(id)
    assert.strictEqual(failed.status, "failed")
    assert.strictEqual(failed.error?.tag, "SyncIncompleteError")
    assert.include(
      failed.error?.message ?? "",
      `listed ${upstream.length - 1} distinct accounts, not the ${upstream.length} the first page reported`
    )
    assert.deepStrictEqual(await readSnapshot(), snapshot)
    await assertNothingLeft()

    // The tenant at rest again: the next sync applies every account there is.
    const next = await startSync()
    for (const message of await chunkMessages(next)) assert.deepStrictEqual((await deliver(message, 1)).retryMessages, [])
    const done = await syncStatus(next)
    assert.strictEqual(done.status, "completed", JSON.stringify(done.error))
    const live = await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id")
    assert.deepStrictEqual(
      live.map((row) => row.id),
      (await emulatorAccounts(emulator)).map((a) => a.id).sort()
    )
  })
})
