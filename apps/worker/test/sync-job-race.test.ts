/**
 * A job's write and a sync's apply: "a fix shows at once" holds against a sync that was
 * already running (its apply leaves an account a job wrote after it started as the job wrote
 * it, and says so), and a job on an account no sync has stored leaves no findings.
 */
import { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Emulator, requestJob, type SentMessage, startWorker, type TestWorker } from "./support/Harness.js"

let emulator: Emulator
let worker: TestWorker
const syncSent: Array<SentMessage> = []
const jobSent: Array<SentMessage> = []

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: 150, seed: 9 })
  // No consumers: the test delivers each message itself, in the order the race needs.
  worker = await startWorker({
    emulator,
    consumers: false,
    meter: (event) => {
      if (event.kind === "send" && event.queue === "sync") syncSent.push(...event.messages)
      if (event.kind === "send" && event.queue === "jobs") jobSent.push(...event.messages)
    },
    vars: { SYNC_PAGE_SIZE: "50", SYNC_FANOUT_THRESHOLD: "100", SYNC_PAGES_PER_MESSAGE: "1", CLIENT_MAX_ATTEMPTS: "1" }
  })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

let delivered = 0
const deliver = async (queue: string, box: Array<SentMessage>) => {
  const entries = await worker.entries()
  while (box.length > 0) {
    const message = box.shift()
    if (message !== undefined) {
      await entries.queue(queue, [{ id: `m${delivered++}`, timestamp: new Date(), attempts: 1, body: message.body }])
    }
  }
}

const startSync = async () => {
  const [body, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
  assert.strictEqual(response.status, 202)
  return body.sync.id
}

const syncRow = async (id: string) =>
  (await worker.sql<{ status: string; warning: string | null }>("SELECT status, warning FROM syncs WHERE id = ?1", id))[0]

const twoFactor = (id: string) =>
  worker.sql<{ enforce_twofactor: number | null; status: string; first_seen: string }>(
    `SELECT a.enforce_twofactor, f.status, f.first_seen FROM accounts a
     JOIN findings f ON f.account_id = a.id AND f.rule = 'enforce_twofactor' WHERE a.id = ?1`,
    id
  )

describe("a job's write and a sync already running", () => {
  it("a fix made while a fanned-out sync runs is kept by the sync's apply, which says it left the account as the job wrote it", async () => {
    const first = await startSync()
    await deliver("cf-accounts-sync", syncSent)
    assert.strictEqual((await syncRow(first))?.status, "completed")

    // The second sync stages page 1 (started synchronously); its other ranges wait in the queue.
    const second = await startSync()
    const [target] = await worker.sql<{ id: string }>(
      `SELECT s.id FROM sync_staging s JOIN findings f ON f.account_id = s.id
       WHERE s.sync_id = ?1 AND f.rule = 'enforce_twofactor' AND f.status = 'open' ORDER BY s.id LIMIT 1`,
      second
    )
    assert.isDefined(target, "page 1 staged an account with an open two-factor finding")
    const id = target?.id ?? ""

    // A job fixes it: shown at once.
    const job = await requestJob(worker, { kind: "enforce-twofactor", account_ids: [AccountId.make(id)] })
    assert.strictEqual(job.status, 202)
    await deliver("cf-accounts-jobs", jobSent)
    const fixed = await twoFactor(id)
    assert.deepStrictEqual(fixed.map((r) => [r.enforce_twofactor, r.status]), [[1, "resolved"]])

    // The ranges complete: the apply keeps the job's account and its resolved finding.
    await deliver("cf-accounts-sync", syncSent)
    const applied = await syncRow(second)
    assert.strictEqual(applied?.status, "completed")
    assert.deepStrictEqual(await twoFactor(id), fixed)
    assert.deepStrictEqual(
      await worker.sql("SELECT count(*) AS n FROM findings WHERE account_id = ?1 AND status = 'open' AND rule = 'enforce_twofactor'", id),
      [{ n: 0 }]
    )
    assert.include(applied?.warning ?? "", "accounts left as a job wrote them after the sync started (the next sync reads them again): 1.")

    // The next sync reads it afresh (the emulator has the fix), and has nothing to say of it.
    const third = await startSync()
    await deliver("cf-accounts-sync", syncSent)
    const next = await syncRow(third)
    assert.strictEqual(next?.status, "completed")
    assert.notInclude(next?.warning ?? "", "job")
    assert.deepStrictEqual((await twoFactor(id)).map((r) => [r.enforce_twofactor, r.status]), [[1, "resolved"]])
  })
})
