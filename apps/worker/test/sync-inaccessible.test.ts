/**
 * A token that loses access to an account stops listing it and gets a 403 for it. Such a
 * deletion candidate is marked inaccessible (not deleted) and the sync completes; a
 * listing that shows it again clears the mark. A 401, or a 403 saying the credentials
 * themselves are not valid, still fails the sync with the previous snapshot intact.
 *
 * The emulator has no per-account permissions, so the worker talks to it through a small
 * proxy on 127.0.0.1 that can hide one account: left out of listings, and answered with an
 * error of our choosing on `GET /accounts/{account_id}`.
 */
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import type { Account } from "@cf-accounts/core/Account"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Responses from "../src/api/Responses.js"
import {
  cloudflare,
  createJob,
  type Emulator,
  emulatorAccounts,
  inlineSync,
  pathTo,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 20

interface Hidden {
  readonly id: string
  readonly status: 401 | 403
  readonly code: number
  readonly message: string
}

/** No access to the account, as Cloudflare answers it. */
const NO_ACCESS = { status: 403, code: 9109, message: "Unauthorized to access requested resource" } as const

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

interface Listing {
  result: Array<{ id: string }>
  result_info: { count: number; total_count: number }
}

/** A proxy to the emulator's API that can hide one account from the worker's token. */
const startProxy = async (emulator: Emulator) => {
  const prefix = new URL(emulator.url).pathname
  let hidden: Hidden | undefined
  let denied = 0
  const server = createServer((request, response) => {
    const handle = async () => {
      const path = request.url ?? "/"
      const pathname = new URL(path, emulator.origin).pathname
      if (hidden !== undefined && request.method === "GET" && pathname === `${prefix}/accounts/${hidden.id}`) {
        denied++
        response.writeHead(hidden.status, { "content-type": "application/json" })
        response.end(
          JSON.stringify({
            success: false,
            errors: [{ code: hidden.code, message: hidden.message }],
            messages: [],
            result: null
          })
        )
        return
      }
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === "string" && !["host", "connection", "content-length"].includes(name)) headers.set(name, value)
      }
      const body = request.method === "GET" || request.method === "HEAD" ? undefined : await readBody(request)
      const upstream = await fetch(`${emulator.origin}${path}`, {
        method: request.method ?? "GET",
        headers,
        ...(body === undefined ? {} : { body })
      })
      let text = await upstream.text()
      if (hidden !== undefined && request.method === "GET" && pathname === `${prefix}/accounts` && upstream.ok) {
        const listing = JSON.parse(text) as Listing
        const id = hidden.id
        const kept = listing.result.filter((account) => account.id !== id)
        const removed = listing.result.length - kept.length
        listing.result = kept
        listing.result_info.count -= removed
        listing.result_info.total_count -= removed
        text = JSON.stringify(listing)
      }
      const out: Record<string, string> = {}
      upstream.headers.forEach((value, name) => {
        if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name)) out[name] = value
      })
      response.writeHead(upstream.status, out)
      response.end(text)
    }
    handle().catch((error: unknown) => {
      response.writeHead(599)
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    /** Hides `id` (whole listings of one page only: the counts are fixed up, not the offsets). */
    hide: (id: string, answer: Omit<Hidden, "id"> = NO_ACCESS) => {
      hidden = { id, ...answer }
    },
    reveal: () => {
      hidden = undefined
    },
    /** How many requests for the hidden account were denied. */
    denied: () => denied,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

describe("a deletion candidate the worker's token can no longer see", () => {
  let emulator: Emulator
  let proxy: Awaited<ReturnType<typeof startProxy>>
  let worker: TestWorker

  const listedIds = async (includeInaccessible = false) => {
    const urlParams = { limit: 500, ...(includeInaccessible ? { include_inaccessible: true } : {}) }
    return (await worker.api((client) => client.accounts.list({ urlParams }))).items.map((a) => a.id)
  }

  const accountRow = async (id: string) =>
    (
      await worker.sql<{ deleted_at: string | null; inaccessible_since: string | null; last_seen: string }>(
        "SELECT deleted_at, inaccessible_since, last_seen FROM accounts WHERE id = ?1",
        id
      )
    )[0]

  const openFindings = (id: string) =>
    worker.sql<{ rule: string; last_seen: string }>(
      "SELECT rule, last_seen FROM findings WHERE account_id = ?1 AND status = 'open' ORDER BY rule",
      id
    )

  beforeAll(async () => {
    emulator = await startEmulator({ seedAccounts: SEEDED, seed: 41 })
    proxy = await startProxy(emulator)
    worker = await startWorker({
      emulator,
      // Inline syncs use no queue; no job is run here.
      consumers: false,
      vars: { CLOUDFLARE_BASE_URL: proxy.url, SYNC_PAGE_SIZE: "50", CLIENT_MAX_ATTEMPTS: "2" }
    })
    assert.strictEqual((await inlineSync(worker)).accounts_seen, SEEDED)
  })

  afterAll(async () => {
    await worker?.dispose()
    await proxy?.close()
    await emulator?.close()
  })

  it("marks it inaccessible, not deleted, keeps its findings, and clears the mark when it is listed again", async () => {
    const upstream = await emulatorAccounts(emulator)
    const [withFinding] = await worker.sql<{ account_id: string }>(
      "SELECT account_id FROM findings WHERE status = 'open' ORDER BY account_id LIMIT 1"
    )
    const hidden = upstream.find((a) => a.id === withFinding?.account_id) as Account
    const gone = upstream.find((a) => a.id !== hidden.id) as Account
    const findingsBefore = await openFindings(hidden.id)
    assert.isNotEmpty(findingsBefore)
    await cloudflare(emulator, "DELETE", `/accounts/${gone.id}`)

    proxy.hide(hidden.id)
    const sync = await inlineSync(worker)
    assert.strictEqual(sync.status, "completed", JSON.stringify(sync.error))
    assert.strictEqual(sync.deletion_candidates, 2)
    assert.strictEqual(sync.accounts_deleted, 1)
    assert.strictEqual(sync.accounts_inaccessible, 1)
    assert.strictEqual(sync.accounts_seen, SEEDED - 2)
    assert.strictEqual(
      sync.warning,
      "1 accounts missing from the listing answered 403 and were marked inaccessible to the worker's token."
    )
    assert.strictEqual(proxy.denied(), 1)
    const row = await accountRow(hidden.id)
    assert.isNull(row?.deleted_at)
    assert.strictEqual(row?.inaccessible_since, sync.finished_at)
    assert.isNotNull((await accountRow(gone.id))?.deleted_at)

    // Out of the default listing, in it on request, and shown on its own.
    assert.notInclude(await listedIds(), hidden.id)
    assert.include(await listedIds(true), hidden.id)
    assert.notInclude(await listedIds(true), gone.id)
    const [one, response] = await worker.api((client) => client.accounts.get({ path: { account_id: hidden.id }, withResponse: true }))
    assert.strictEqual(response.status, 200)
    assert.strictEqual(one.inaccessible_since, sync.finished_at)
    assert.isNull(one.deleted_at)
    // Its open findings are left as they were: still open, not refreshed.
    assert.deepStrictEqual(await openFindings(hidden.id), findingsBefore)
    assert.deepStrictEqual(
      one.findings?.filter((f) => f.status === "open").map((f) => f.rule),
      findingsBefore.map((f) => f.rule)
    )
    assert.isFalse(one.compliant)
    // A job for every non-compliant account leaves it out: each call would be a 403.
    const job = await createJob(worker, { kind: "enforce-twofactor", account_ids: "all-noncompliant" })
    const items = await worker.sql<{ account_id: string }>("SELECT account_id FROM job_items WHERE job_id = ?1", job.id)
    assert.isNotEmpty(items)
    assert.notInclude(
      items.map((item) => item.account_id),
      hidden.id
    )

    // Not checked again while it stays unlisted: no GET, no warning, the mark keeps its time.
    const again = await inlineSync(worker)
    assert.strictEqual(again.status, "completed", JSON.stringify(again.error))
    assert.strictEqual(again.deletion_candidates, 0)
    assert.strictEqual(again.accounts_inaccessible, 0)
    assert.isNull(again.warning)
    assert.strictEqual(proxy.denied(), 1)
    assert.strictEqual((await accountRow(hidden.id))?.inaccessible_since, sync.finished_at)
    assert.deepStrictEqual(await openFindings(hidden.id), findingsBefore)

    // Access restored: the listing shows it again and the mark goes.
    proxy.reveal()
    const back = await inlineSync(worker)
    assert.strictEqual(back.status, "completed", JSON.stringify(back.error))
    assert.strictEqual(back.accounts_seen, SEEDED - 1)
    assert.isNull(back.warning)
    const restored = await accountRow(hidden.id)
    assert.isNull(restored?.inaccessible_since)
    assert.strictEqual(restored?.last_seen, back.finished_at)
    assert.include(await listedIds(), hidden.id)
    assert.deepStrictEqual(
      (await openFindings(hidden.id)).map((f) => f.last_seen),
      findingsBefore.map(() => back.finished_at)
    )
  })

  it("rejects a bad include_inaccessible value, naming it", async () => {
    const response = await worker.call(`${pathTo("accounts", "list")}?include_inaccessible=yes`)
    assert.strictEqual(response.status, 400)
    assert.strictEqual(response.body.error.field, "include_inaccessible")
  })

  const failsKeepingSnapshot = (what: string, answer: Omit<Hidden, "id">, tag: string) =>
    it(`fails the sync, keeping the snapshot, on ${what} for a candidate`, async () => {
      const [victim] = await worker.sql<{ id: string }>(
        "SELECT id FROM accounts WHERE deleted_at IS NULL AND inaccessible_since IS NULL ORDER BY id LIMIT 1"
      )
      const snapshot = await worker.sql("SELECT * FROM accounts ORDER BY id")
      const findings = await worker.sql("SELECT * FROM findings ORDER BY account_id, rule")
      proxy.hide(victim?.id ?? "", answer)
      const { sync } = await worker.apiError(Responses.SyncFailed, (client) => client.syncs.start())
      proxy.reveal()
      assert.strictEqual(sync.status, "failed")
      assert.strictEqual(sync.error?.tag, tag)
      assert.strictEqual(sync.error?.status, answer.status)
      assert.deepStrictEqual(await worker.sql("SELECT * FROM accounts ORDER BY id"), snapshot)
      assert.deepStrictEqual(await worker.sql("SELECT * FROM findings ORDER BY account_id, rule"), findings)
      const staging = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM sync_staging")
      assert.strictEqual(staging[0]?.n, 0)
    })

  failsKeepingSnapshot("a 401", { status: 401, code: 9109, message: "Unauthorized to access requested resource" }, "AuthenticationError")
  failsKeepingSnapshot(
    "a 403 saying the token is not valid (code 10000)",
    { status: 403, code: 10000, message: "Authentication error" },
    "PermissionDeniedError"
  )
})
