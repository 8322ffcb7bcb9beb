/**
 * A job on an account no sync has stored: its write does not add the account, and its
 * findings are not written either (they come with the account's row, at the next sync), so no
 * finding points at an account the inventory does not have.
 */
import { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { createJob, type Emulator, emulatorAccounts, eventually, startWorker, type TestWorker } from "./support/Harness.js"

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: 10, seed: 3 })
  worker = await startWorker({ emulator })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

describe("a job before any sync", () => {
  it("leaves no findings, and the overview counts none open", async () => {
    const [account] = await emulatorAccounts(emulator)
    assert.isDefined(account)
    // Two-factor is fixed; the abuse contact rule stays broken, which would be an open finding.
    const job = await createJob(worker, { kind: "enforce-twofactor", account_ids: [AccountId.make(account?.id ?? "")] })
    const done = await eventually("the job", async () => {
      const { job: row } = await worker.api((client) => client.jobs.get({ path: { job_id: job.id } }))
      return row.status.startsWith("completed") ? row : undefined
    })
    assert.strictEqual(done.status, "completed")
    assert.deepStrictEqual(await worker.sql("SELECT count(*) AS n FROM accounts"), [{ n: 0 }])
    assert.deepStrictEqual(await worker.sql("SELECT count(*) AS n FROM findings"), [{ n: 0 }])
    const overview = await worker.api((client) => client.dashboard.overview())
    assert.strictEqual(overview.open_findings, 0)
  })
})
