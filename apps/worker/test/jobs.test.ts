/**
 * Bulk jobs through the jobs queue, against the emulator with injected 429s and 5xx:
 * every item is applied once, transient failures come back through the queue, permanent
 * ones are recorded with the Cloudflare error, and a redelivery after the job settled applies
 * nothing again (deliveries while an item is in flight: job-guarantees.test.ts).
 */
import type { Account } from "@cf-accounts/core/Account"
import { AccountId, OrganizationId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import type { JobRequest } from "../src/jobs/JobRequest.js"
import {
  admin,
  cloudflare,
  createJob as create,
  type Emulator,
  emulatorAccounts,
  eventually,
  inlineSync,
  routeStats,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

// Enough for several queue batches (25 a batch) and every fault rule below to be spent.
const SEEDED = 120
const UNKNOWN = AccountId.make("fedcba9876543210fedcba9876543210")
const DEAD_JOB = `job_${"0".repeat(28)}dead`

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: SEEDED, seed: 31 })
  // Two attempts per call in the client, so bursts of faults reach the queue's retries.
  worker = await startWorker({ emulator, vars: { CLIENT_MAX_ATTEMPTS: "2", JOB_MAX_ATTEMPTS: "8" } })
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

const createJob = (payload: JobRequest) => create(worker, payload)

describe("enforce-twofactor job", () => {
  it("fixes every non-compliant account despite 429s and 5xx, and a redelivery once settled applies nothing again", async () => {
    const upstream = await emulatorAccounts(emulator)
    const alreadyCompliant = upstream.slice(0, 5)
    for (const account of alreadyCompliant) {
      await cloudflare(emulator, "PUT", `/accounts/${account.id}`, {
        id: account.id,
        name: account.name,
        type: account.type,
        settings: { enforce_twofactor: true }
      })
    }
    // A non-compliant account with other settings, one the client does not model among them:
    // the read-modify-write must keep them all.
    const withContact = upstream[5] as Account
    await cloudflare(emulator, "PUT", `/accounts/${withContact.id}`, {
      id: withContact.id,
      name: withContact.name,
      type: withContact.type,
      settings: { enforce_twofactor: false, abuse_contact_email: "keep@example.com", default_nameservers: "custom.account" }
    })
    await inlineSync(worker)

    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", {
      seed: 5,
      rules: [
        { route: "PUT /accounts/{account_id}", kind: "rate_limit", retryAfterMs: 5, times: 12 },
        { route: "PUT /accounts/{account_id}", kind: "status", status: 503, times: 12 },
        { route: "GET /accounts/{account_id}", kind: "status", status: 502, times: 8 },
        { route: "GET /accounts/{account_id}", kind: "edge_error", status: 521, probability: 0.05 }
      ]
    })
    const job = await createJob({ kind: "enforce-twofactor", account_ids: "all-noncompliant" })
    assert.strictEqual(job.total, SEEDED - alreadyCompliant.length)

    const done = await settled(job.id)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: SEEDED - 5, failed: 0, skipped: 0 })
    assert.strictEqual(done.status, "completed")

    // Some items needed more than one delivery: the queue's retries were used.
    const retried = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM job_items WHERE attempts > 1")
    assert.isAbove(retried[0]?.n ?? 0, 0)

    for (const account of await emulatorAccounts(emulator)) {
      assert.strictEqual(account.settings?.enforce_twofactor, true, account.id)
    }
    const kept = await cloudflare<Account>(emulator, "GET", `/accounts/${withContact.id}`)
    assert.deepStrictEqual(kept.settings, {
      enforce_twofactor: true,
      abuse_contact_email: "keep@example.com",
      default_nameservers: "custom.account"
    })
    // Exactly one successful PUT per item; the already-compliant accounts were not touched.
    const puts = await routeStats(emulator, "PUT /accounts/{account_id}")
    assert.strictEqual(puts.requests - puts.faults, SEEDED - 5)

    // Redeliver every message, as the queue may: nothing is applied again.
    const gets = await routeStats(emulator, "GET /accounts/{account_id}")
    const items = await worker.sql<{ account_id: string }>("SELECT account_id FROM job_items WHERE job_id = ?1", job.id)
    const queue = await worker.entries()
    const result = await queue.queue(
      "cf-accounts-jobs",
      items.map((item, i) => ({
        id: `redelivery-${i}`,
        timestamp: new Date(),
        attempts: 2,
        body: { type: "job-item", jobId: job.id, accountId: item.account_id }
      }))
    )
    assert.strictEqual(result.outcome, "ok")
    assert.deepStrictEqual(result.retryMessages, [])
    assert.deepStrictEqual(await routeStats(emulator, "PUT /accounts/{account_id}"), puts)
    assert.deepStrictEqual(await routeStats(emulator, "GET /accounts/{account_id}"), gets)

    // The scheduled sync sees the fixed accounts and resolves their findings.
    await queue.scheduled({ cron: "0 */6 * * *" })
    const syncs = await worker.api((client) => client.syncs.list({ urlParams: { limit: 1 } }))
    assert.strictEqual(syncs.items[0]?.trigger, "scheduled")
    assert.strictEqual(syncs.items[0]?.status, "completed")
    const open = await worker.api((client) => client.findings.list({ urlParams: { rule: "enforce_twofactor" } }))
    assert.deepStrictEqual(open.items, [])
  })

  it("records permanent failures with the Cloudflare error, without retrying them; skips an account already compliant", async () => {
    // Made compliant by the test above: read, and left alone.
    const [known] = (await emulatorAccounts(emulator)) as [Account]
    await admin(emulator, "POST", "/reset-stats")
    const job = await createJob({ kind: "enforce-twofactor", account_ids: [known.id, UNKNOWN, known.id] })
    assert.strictEqual(job.total, 2)
    const done = await settled(job.id)
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 0, failed: 1, skipped: 1 })
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, 0)
    assert.strictEqual(done.status, "completed_with_failures")
    assert.strictEqual(done.failed.length, 1)
    const failed = done.failed[0]
    assert.strictEqual(failed?.account_id, UNKNOWN)
    assert.strictEqual(failed?.attempts, 1)
    assert.strictEqual(failed?.error?.tag, "NotFoundError")
    assert.strictEqual(failed?.error?.status, 404)
    assert.isAbove(failed?.error?.errors?.length ?? 0, 0)
  })
})

describe("a 501 is permanent", () => {
  it("a job item answered 501 is recorded failed after one delivery, not retried through the queue", async () => {
    const [account] = (await emulatorAccounts(emulator)).slice(62, 63) as [Account]
    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts/{account_id}", kind: "status", status: 501 }] })
    const job = await createJob({ kind: "enforce-twofactor", account_ids: [account.id] })
    const done = await settled(job.id)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 0, failed: 1, skipped: 0 })
    assert.strictEqual(done.failed[0]?.attempts, 1)
    assert.strictEqual(done.failed[0]?.error?.tag, "ServerError")
    assert.strictEqual(done.failed[0]?.error?.status, 501)
    // one delivery, one client attempt (the client does not retry a 501 either), never a write
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 1)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, 0)
  })
})

describe("enforce-twofactor over accounts as the real API holds them", () => {
  it("writes each one back with every other field as the server holds it, none refused by an input rule", async () => {
    const [nullContact, emptyContact, longName, unknownType, compliant] = (await emulatorAccounts(emulator)).slice(70, 75) as [
      Account,
      Account,
      Account,
      Account,
      Account
    ]
    // Stored as the server holds them (the emulator's API, like Cloudflare's, would refuse some
    // of these values from a caller).
    const hold = (account: Account | undefined, values: { name?: string; type?: string; settings: Record<string, unknown> }) => {
      const record = emulator.state.account(account?.id ?? "")
      if (record === undefined) throw new Error(`no account ${account?.id}`)
      // The emulator's record types the known types and settings; these are the server's own values.
      emulator.state.update(record, { name: values.name ?? record.name, type: (values.type ?? record.type) as never, settings: values.settings as never })
    }
    // What public transcripts of the real API show (issue 20), and values a caller could not type.
    const realSettings = {
      enforce_twofactor: false,
      api_access_enabled: null,
      access_approval_expiry: null,
      abuse_contact_email: null,
      oauth_app_access_enabled: true
    }
    hold(nullContact, { settings: realSettings })
    hold(emptyContact, { settings: { enforce_twofactor: false, abuse_contact_email: "", default_nameservers: "custom.account" } })
    hold(longName, { name: "n".repeat(101), settings: { enforce_twofactor: false, abuse_contact_email: "long@example.com" } })
    hold(unknownType, { type: "partner", settings: { enforce_twofactor: false } })
    hold(compliant, { settings: { enforce_twofactor: true, abuse_contact_email: null } })
    await admin(emulator, "POST", "/reset-stats")

    const ids = [nullContact, emptyContact, longName, unknownType, compliant].map((account) => account.id)
    const done = await settled((await createJob({ kind: "enforce-twofactor", account_ids: ids })).id)
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 4, failed: 0, skipped: 1 }, JSON.stringify(done.failed))
    // One read per item, one write per item that needed it.
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 5)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, 4)

    const read = (account: Account | undefined) => cloudflare<Account>(emulator, "GET", `/accounts/${account?.id}`)
    // A null the client models (the abuse contact) was left out of the PUT: still not set. One it
    // does not model (api_access_enabled) was written back as sent: still null.
    const { abuse_contact_email: contact, ...others } = (await read(nullContact)).settings ?? {}
    assert.isTrue(contact === undefined || contact === null, String(contact))
    assert.deepStrictEqual(others, {
      enforce_twofactor: true,
      api_access_enabled: null,
      access_approval_expiry: null,
      oauth_app_access_enabled: true
    })
    assert.deepStrictEqual((await read(emptyContact)).settings, {
      enforce_twofactor: true,
      abuse_contact_email: "",
      default_nameservers: "custom.account"
    })
    const named = await read(longName)
    assert.strictEqual(named.name, "n".repeat(101))
    assert.deepStrictEqual(named.settings, { enforce_twofactor: true, abuse_contact_email: "long@example.com" })
    const typed = await read(unknownType)
    assert.strictEqual(typed.type, "partner")
    assert.strictEqual(typed.settings?.enforce_twofactor, true)
  })
})

describe("transient failures that do not stop", () => {
  it("are retried through the queue up to JOB_MAX_ATTEMPTS deliveries, then recorded with the last error", async () => {
    const [account] = (await emulatorAccounts(emulator)).slice(60, 61) as [Account]
    await admin(emulator, "POST", "/reset-stats")
    await admin(emulator, "PUT", "/faults", { rules: [{ route: "GET /accounts/{account_id}", kind: "status", status: 503 }] })
    const job = await createJob({ kind: "enforce-twofactor", account_ids: [account.id] })
    const done = await settled(job.id)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: 0, failed: 1, skipped: 0 })
    assert.strictEqual(done.failed[0]?.attempts, 8)
    assert.strictEqual(done.failed[0]?.error?.tag, "ServerError")
    assert.strictEqual(done.failed[0]?.error?.status, 503)
    // 8 deliveries of 2 client attempts each, and never a write.
    assert.strictEqual((await routeStats(emulator, "GET /accounts/{account_id}")).requests, 16)
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, 0)
  })

  it("a dead-lettered item is recorded as failed", async () => {
    const [account] = (await emulatorAccounts(emulator)).slice(61, 62)
    // Recorded but never delivered to the jobs queue: stands for a message the queue gave up on.
    await worker.sql(
      "INSERT INTO jobs (id, kind, params, created_at, total, sent) VALUES (?1, 'enforce-twofactor', '{}', '2026-01-01T00:00:00.000Z', 1, 1)",
      DEAD_JOB
    )
    await worker.sql(
      "INSERT INTO job_items (job_id, account_id, state, attempts, updated_at) VALUES (?1, ?2, 'pending', 10, '2026-01-01T00:00:00.000Z')",
      DEAD_JOB,
      account?.id
    )
    const queue = await worker.entries()
    const result = await queue.queue("cf-accounts-dlq", [
      {
        id: "dead-1",
        timestamp: new Date(),
        attempts: 1,
        body: { type: "job-item", jobId: DEAD_JOB, accountId: account?.id }
      }
    ])
    assert.strictEqual(result.outcome, "ok")
    const { job } = await worker.api((client) => client.jobs.get({ path: { job_id: DEAD_JOB } }))
    assert.deepStrictEqual(job.counts, { pending: 0, running: 0, done: 0, failed: 1, skipped: 0 })
    assert.strictEqual(job.failed[0]?.error?.tag, "DeadLettered")
  })
})

describe("move job", () => {
  it("moves every account to the destination organization", async () => {
    const { organizations } = await admin<{ organizations: Array<{ id: string; name: string }> }>(
      emulator,
      "GET",
      "/organizations"
    )
    const destination = organizations.find((org) => org.name.endsWith("West"))
    assert.isDefined(destination)
    const targets = (await emulatorAccounts(emulator)).slice(10, 50)
    await admin(emulator, "PUT", "/faults", {
      rules: [
        { route: "POST /accounts/{account_id}/move", kind: "status", status: 500, times: 6 },
        { route: "POST /accounts/{account_id}/move", kind: "rate_limit", retryAfterMs: 5, times: 4 }
      ]
    })
    const job = await createJob({
      kind: "move",
      account_ids: targets.map((account) => account.id),
      destination_organization_id: OrganizationId.make(destination.id)
    })
    const done = await settled(job.id)
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: targets.length, failed: 0, skipped: 0 })
    for (const target of targets) {
      const account = await cloudflare<Account>(emulator, "GET", `/accounts/${target.id}`)
      assert.strictEqual(account.managed_by?.parent_org_id, destination.id, target.id)
    }
  })
})
