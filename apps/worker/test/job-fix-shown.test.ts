/**
 * A fix shows at once: a job item whose write succeeds stores the account as the API
 * answered it and its findings re-audited, in the batch that records the outcome, so
 * `accounts.get`, the listing and the overview show the fix before any sync; the chart keeps
 * one point per sync. A failed item changes nothing.
 */
import { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Accounts from "../src/db/Accounts.js"
import {
  admin,
  createJob,
  type Emulator,
  eventually,
  inlineSync,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 40

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: SEEDED, seed: 24 })
  worker = await startWorker({ emulator, vars: { CLIENT_MAX_ATTEMPTS: "1", JOB_MAX_ATTEMPTS: "2" } })
  await inlineSync(worker)
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

const settled = (jobId: string) =>
  eventually(`job ${jobId}`, async () => {
    const { job } = await worker.api((client) => client.jobs.get({ path: { job_id: jobId } }))
    return job.status === "completed" || job.status === "completed_with_failures" ? job : undefined
  })

const overview = () => worker.api((client) => client.dashboard.overview())
const account = (id: string) => worker.api((client) => client.accounts.get({ path: { account_id: AccountId.make(id) } }))

/** What a failed item must leave as it was: the account's row and its findings. */
const stored = async (id: string) => ({
  row: await worker.sql("SELECT * FROM accounts WHERE id = ?1", id),
  findings: await worker.sql("SELECT * FROM findings WHERE account_id = ?1 ORDER BY rule", id)
})

describe("a fix job, without a sync", () => {
  it("a failed item changes nothing: not the account, its findings, nor the overview", async () => {
    const target = (await worker.api((client) => client.accounts.list({ urlParams: { rule: "enforce_twofactor", limit: 1 } })))
      .items[0]
    assert.isDefined(target)
    const id = target?.id ?? ""
    const before = await stored(id)
    const totals = await overview()
    // A 501 is permanent: the item fails at once, after the read, with no write.
    await admin(emulator, "PUT", "/faults", {
      rules: [{ route: "PUT /accounts/{account_id}", kind: "status", status: 501, times: 1 }]
    })
    try {
      const job = await createJob(worker, { kind: "fix", rule: "enforce_twofactor", account_ids: [AccountId.make(id)] })
      const done = await settled(job.id)
      assert.strictEqual(done.counts.failed, 1)
    } finally {
      await admin(emulator, "PUT", "/faults", { rules: [] })
    }
    assert.deepStrictEqual(await stored(id), before)
    const after = await overview()
    assert.deepStrictEqual({ ...after, series: [] }, { ...totals, series: [] })
  })

  it("shows the new setting, no open finding, and the overview's new counts; the chart keeps one point per sync", async () => {
    const before = await overview()
    const open = before.open_by_rule["enforce_twofactor"] ?? 0
    assert.isAbove(open, 0)
    const targets = await worker.api((client) =>
      client.accounts.list({ urlParams: { rule: "enforce_twofactor", limit: 500 } })
    )
    assert.strictEqual(targets.items.length, open)
    // Accounts whose only open finding is two-factor comply once it is fixed.
    let complying = 0
    for (const { id } of targets.items) {
      const rules = (await account(id)).findings.filter((f) => f.status === "open").map((f) => f.rule)
      if (rules.length === 1) complying++
    }
    assert.isAbove(complying, 0)
    const job = await createJob(worker, { kind: "fix", rule: "enforce_twofactor", account_ids: "all-noncompliant" })
    const done = await settled(job.id)
    assert.strictEqual(done.counts.done, open)

    for (const { id, name } of targets.items) {
      const fixed = await account(id)
      assert.strictEqual(fixed.settings?.enforce_twofactor, true, id)
      const finding = fixed.findings.find((f) => f.rule === "enforce_twofactor")
      assert.strictEqual(finding?.status, "resolved", id)
      assert.isNotNull(finding?.resolved_at ?? null)
      // The row's columns come from the same mapping as a sync's.
      const [row] = await worker.sql<{ enforce_twofactor: number; name_key: string }>(
        "SELECT enforce_twofactor, name_key FROM accounts WHERE id = ?1",
        id
      )
      assert.deepStrictEqual(row, { enforce_twofactor: 1, name_key: Accounts.nameKey(name) })
      assert.strictEqual(fixed.compliant, fixed.findings.every((f) => f.status !== "open"))
    }

    const after = await overview()
    assert.strictEqual(after.open_by_rule["enforce_twofactor"] ?? 0, 0)
    assert.strictEqual(after.open_findings, before.open_findings - open)
    assert.strictEqual(after.compliant, before.compliant + complying)
    assert.deepStrictEqual(after.series, before.series)
    const listed = await worker.api((client) => client.accounts.list({ urlParams: { rule: "enforce_twofactor" } }))
    assert.strictEqual(listed.total, 0)

    // The next sync finds what the job stored: nothing changes.
    await inlineSync(worker)
    const synced = await overview()
    assert.strictEqual(synced.open_findings, after.open_findings)
    assert.strictEqual(synced.compliant, after.compliant)
  })
})
