/**
 * A sync marks an account deleted only when the API answers 404 for it. A listing that
 * ends early (a server without total_count answers an empty page, which the client cannot
 * tell from the end; an inconsistent listing with a count fails instead) or misses
 * accounts leaves them as candidates, each confirmed with a GET; above
 * `SYNC_MAX_DELETE_CHECKS` candidates no deletion is applied at all.
 */
import type { Account } from "@cf-accounts/core/Account"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Responses from "../src/api/Responses.js"
import {
  admin,
  cloudflare,
  type Emulator,
  emulatorAccounts,
  fanOutSync,
  inlineSync,
  routeStats,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 300
// No total_count, so no count check is possible, and page 3 empty: the listing ends after page 2.
const CUT_SHORT = {
  rules: [
    { route: "GET /accounts", kind: "empty_page", page: 3 },
    { route: "GET /accounts", kind: "no_total_count" }
  ]
}

const liveIds = async (worker: TestWorker) =>
  (await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY id")).map((row) => row.id)

const upstreamIds = async (emulator: Emulator) => (await emulatorAccounts(emulator)).map((a) => a.id).sort()

const rename = (emulator: Emulator, account: Account, name: string) =>
  cloudflare(emulator, "PUT", `/accounts/${account.id}`, { id: account.id, name, type: account.type })

describe("a listing the server cuts short (no total_count, an empty page 3)", () => {
  let emulator: Emulator
  let worker: TestWorker

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 31 })
    worker = await startWorker({
      emulator,
      vars: { SYNC_PAGE_SIZE: "50", SYNC_MAX_DELETE_CHECKS: "400", CLIENT_MAX_ATTEMPTS: "2" }
    })
    assert.strictEqual((await inlineSync(worker)).accounts_seen, SEEDED)
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  it("marks deleted only the accounts the API no longer has, and refreshes the ones it missed", async () => {
    const upstream = await emulatorAccounts(emulator)
    const gone = [upstream[10], upstream[200]] as [Account, Account]
    // On the last page: never listed when the listing stops at page 2.
    const renamed = upstream[280] as Account
    for (const account of gone) await cloudflare(emulator, "DELETE", `/accounts/${account.id}`)
    await rename(emulator, renamed, `${renamed.name} renamed`)

    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", CUT_SHORT)
    const sync = await inlineSync(worker)
    await admin(emulator, "PUT", "/faults", { rules: [] })

    assert.strictEqual((await routeStats(emulator, "GET /accounts")).requests, 3)
    assert.strictEqual(sync.status, "completed")
    assert.isNull(sync.total_count)
    assert.strictEqual(sync.accounts_deleted, 2)
    assert.strictEqual(sync.accounts_seen, SEEDED - 2)
    assert.isFalse(sync.deletions_skipped)
    // Every candidate was fetched once, and there were more than the two real deletions.
    assert.isAbove(sync.deletion_candidates, 50)
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, sync.deletion_candidates)
    // One sentence: the listing's count could not be checked, then what the deletion check found.
    assert.match(
      sync.warning ?? "",
      /^GET \/accounts sent no total_count, so [^;]*could not be checked against a count[^;]*; \d+ accounts missing from the listing still exist and were kept\.$/
    )

    assert.deepStrictEqual(await liveIds(worker), await upstreamIds(emulator))
    const deleted = await worker.sql<{ id: string }>("SELECT id FROM accounts WHERE deleted_at IS NOT NULL ORDER BY id")
    assert.deepStrictEqual(
      deleted.map((row) => row.id),
      gone.map((a) => a.id).sort()
    )
    const [row] = await worker.sql<{ name: string; last_sync_id: string }>(
      "SELECT name, last_sync_id FROM accounts WHERE id = ?1",
      renamed.id
    )
    assert.strictEqual(row?.name, `${renamed.name} renamed`)
    assert.strictEqual(row?.last_sync_id, sync.id)
  })

  it("fails the sync, keeping the snapshot, when a candidate's check fails with anything but a 404", async () => {
    const snapshot = await worker.sql("SELECT * FROM accounts ORDER BY id")
    await admin(emulator, "PUT", "/faults", {
      rules: [...CUT_SHORT.rules, { route: "GET /accounts/{account_id}", kind: "status", status: 500 }]
    })
    const { sync } = await worker.apiError(Responses.SyncFailed, (client) => client.syncs.start())
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(sync.status, "failed")
    assert.strictEqual(sync.error?.tag, "ServerError")
    assert.deepStrictEqual(await worker.sql("SELECT * FROM accounts ORDER BY id"), snapshot)
    const staging = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM sync_staging")
    assert.strictEqual(staging[0]?.n, 0)
  })
})

describe("more deletion candidates than SYNC_MAX_DELETE_CHECKS", () => {
  let emulator: Emulator
  let worker: TestWorker

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 32 })
    worker = await startWorker({ emulator, vars: { SYNC_PAGE_SIZE: "50", SYNC_MAX_DELETE_CHECKS: "20" } })
    assert.strictEqual((await inlineSync(worker)).accounts_seen, SEEDED)
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  it("applies the upserts but no deletion, says so, and the next full listing applies the deletion", async () => {
    const [gone, renamed] = (await emulatorAccounts(emulator)) as [Account, Account]
    await cloudflare(emulator, "DELETE", `/accounts/${gone.id}`)
    // On page 1, which is always listed.
    await rename(emulator, renamed, `${renamed.name} renamed`)

    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", CUT_SHORT)
    const cut = await inlineSync(worker)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(cut.status, "completed")
    assert.isTrue(cut.deletions_skipped)
    assert.strictEqual(cut.accounts_deleted, 0)
    assert.isAbove(cut.deletion_candidates, 20)
    assert.include(cut.warning ?? "", `${cut.deletion_candidates} accounts of the previous snapshot were not listed`)
    assert.include(cut.warning ?? "", "SYNC_MAX_DELETE_CHECKS (20)")
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 0)
    assert.strictEqual((await liveIds(worker)).length, SEEDED)
    const [row] = await worker.sql<{ name: string }>("SELECT name FROM accounts WHERE id = ?1", renamed.id)
    assert.strictEqual(row?.name, `${renamed.name} renamed`)

    const full = await inlineSync(worker)
    assert.isFalse(full.deletions_skipped)
    assert.strictEqual(full.deletion_candidates, 1)
    assert.strictEqual(full.accounts_deleted, 1)
    assert.isNull(full.warning)
    assert.deepStrictEqual(await liveIds(worker), await upstreamIds(emulator))
  })
})

describe("deletion confirmation in a fanned-out sync", () => {
  let emulator: Emulator
  let worker: TestWorker

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 33 })
    worker = await startWorker({
      emulator,
      vars: { SYNC_FANOUT_THRESHOLD: "100", SYNC_PAGE_SIZE: "50", SYNC_PAGES_PER_MESSAGE: "2" }
    })
    assert.strictEqual((await fanOutSync(worker)).accounts_seen, SEEDED)
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
  })

  it("fails the sync on a page served again (snapshot kept), and the next sync marks the real deletion", async () => {
    const upstream = await emulatorAccounts(emulator)
    const gone = upstream[150] as Account
    await cloudflare(emulator, "DELETE", `/accounts/${gone.id}`)
    const snapshot = await worker.sql("SELECT * FROM accounts ORDER BY id")
    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts", kind: "repeat_page", times: 2 }] })
    const repeated = await fanOutSync(worker)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.isAtLeast((await routeStats(emulator, "GET /accounts")).faults, 1)
    // A range got a page it had already seen instead of the next: the sync fails instead of missing a page.
    assert.strictEqual(repeated.status, "failed")
    assert.strictEqual(repeated.error?.tag, "IncompleteListingError")
    assert.match(repeated.error?.message ?? "", /page (\d+) was answered as page \d+/)
    assert.deepStrictEqual(await worker.sql("SELECT * FROM accounts ORDER BY id"), snapshot)

    await admin(emulator, "POST", "/reset-stats")
    const sync = await fanOutSync(worker)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    assert.strictEqual(sync.accounts_deleted, 1)
    // Every other account was listed: the one deletion is the only candidate fetched.
    assert.strictEqual(sync.deletion_candidates, 1)
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 1)
    assert.deepStrictEqual(await liveIds(worker), await upstreamIds(emulator))
  })
})
