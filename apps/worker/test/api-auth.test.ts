/**
 * Authentication and input validation: only the health route is open; bad input is a
 * 400 naming the field and neither writes to D1 nor enqueues nor calls Cloudflare.
 */
import * as Errors from "../src/api/Errors.js"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { ADMIN_TOKEN, type Emulator, ORIGIN, PREFIX, pathTo, routeStats, startWorker, type TestWorker } from "./support/Harness.js"
import { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: 12, seed: 7 })
  worker = await startWorker({ emulator })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

const ACCOUNT = "0123456789abcdef0123456789abcdef"

describe("auth", () => {
  it("serves health without a token", async () => {
    const [health, response] = await worker.api((client) => client.meta.health({ withResponse: true }), { auth: null })
    assert.strictEqual(response.status, 200)
    assert.strictEqual(health.status, "ok")
  })

  it("answers 401 with a JSON error to a missing token", async () => {
    const response = await worker.call(pathTo("accounts", "list"), { auth: null })
    assert.strictEqual(response.status, 401)
    assert.strictEqual(response.body.error.code, "unauthorized")
  })

  it("answers 401 to a wrong token, including one that only differs in its last character or length", async () => {
    for (const token of ["nope", `${ADMIN_TOKEN.slice(0, -1)}x`, `${ADMIN_TOKEN}x`, ""]) {
      const response = await worker.call(pathTo("findings", "list"), { auth: token })
      assert.strictEqual(response.status, 401, token)
      assert.notInclude(response.text, ADMIN_TOKEN)
    }
    const basic = await worker.call(pathTo("findings", "list"), { auth: null, headers: { authorization: `Basic ${ADMIN_TOKEN}` } })
    assert.strictEqual(basic.status, 401)
  })

  it("accepts the right token", async () => {
    const [page, response] = await worker.api((client) => client.accounts.list({ urlParams: {}, withResponse: true }))
    assert.strictEqual(response.status, 200)
    assert.deepStrictEqual(page, { items: [], next_cursor: null, total: 0 })
  })

  it("answers 404 and 405 as JSON", async () => {
    const missing = await worker.call(`${PREFIX}/nothing`)
    assert.strictEqual(missing.status, 404)
    assert.strictEqual(missing.body.error.code, "not_found")
    const wrongMethod = await worker.call(pathTo("jobs", "create"), { method: "DELETE" })
    assert.strictEqual(wrongMethod.status, 405)
    assert.strictEqual(wrongMethod.body.error.code, "method_not_allowed")
  })

  it("answers HEAD as GET without a body, and 405 with Allow to a method a route does not answer", async () => {
    const head = await worker.mf.dispatchFetch(`${ORIGIN}${pathTo("accounts", "get", { account_id: ACCOUNT })}`, {
      method: "HEAD",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
    })
    assert.strictEqual(head.status, 404)
    assert.strictEqual(await head.text(), "")
    const post = await worker.mf.dispatchFetch(`${ORIGIN}${pathTo("meta", "health")}`, { method: "POST" })
    assert.strictEqual(post.status, 405)
    assert.strictEqual(post.headers.get("allow"), "GET, HEAD")
    await post.arrayBuffer()
    // The API's shape is public (its OpenAPI document is open), so a 405 comes before the token check.
    const deleted = await worker.call(pathTo("jobs", "create"), { method: "DELETE", auth: null })
    assert.strictEqual(deleted.status, 405)
    assert.strictEqual(deleted.body.error.code, "method_not_allowed")
  })

  it("ignores trailing and repeated slashes, matches case-sensitively, and answers a malformed escape with 400", async () => {
    assert.strictEqual((await worker.call(`${PREFIX}/accounts/`)).status, 200)
    assert.strictEqual((await worker.call(`${PREFIX}//accounts`)).status, 200)
    assert.strictEqual((await worker.call(`${PREFIX}/Accounts`)).status, 404)
    const malformed = await worker.call(`${PREFIX}/accounts/%zz`)
    assert.strictEqual(malformed.status, 400)
    assert.strictEqual(malformed.body.error.field, "account_id")
  })
})

describe("validation", () => {
  const nothingChanged = async () => {
    const jobs = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM jobs")
    const items = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM job_items")
    const syncs = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM syncs")
    assert.deepStrictEqual([jobs[0]?.n, items[0]?.n, syncs[0]?.n], [0, 0, 0])
    const stats = await routeStats(emulator, "PUT /accounts/{account_id}")
    assert.strictEqual(stats.requests, 0)
  }

  const post = (body: string) =>
    worker.call<Errors.ErrorBody>(pathTo("jobs", "create"), { method: "POST", body, headers: { "content-type": "application/json" } })

  const cases: ReadonlyArray<readonly [string, string]> = [
    ["{", "body"],
    ["[]", "body"],
    [JSON.stringify({ kind: "delete-everything", account_ids: [ACCOUNT] }), "kind"],
    [JSON.stringify({ account_ids: [ACCOUNT] }), "kind"],
    [JSON.stringify({ kind: "enforce-twofactor", account_ids: [ACCOUNT, "not-an-id"] }), "account_ids.1"],
    [JSON.stringify({ kind: "enforce-twofactor", account_ids: [] }), "account_ids"],
    [JSON.stringify({ kind: "enforce-twofactor", account_ids: "all" }), "account_ids"],
    [JSON.stringify({ kind: "move", account_ids: [ACCOUNT] }), "destination_organization_id"],
    [JSON.stringify({ kind: "move", account_ids: [ACCOUNT], destination_organization_id: "../x" }), "destination_organization_id"],
    [JSON.stringify({ kind: "move", account_ids: "all-noncompliant", destination_organization_id: "org1" }), "account_ids"]
  ]

  it("rejects bad job bodies with 400 naming the field, and writes and enqueues nothing", async () => {
    for (const [body, field] of cases) {
      const response = await post(body)
      assert.strictEqual(response.status, 400, body)
      assert.strictEqual(response.body.error.code, "invalid_input", body)
      assert.strictEqual(response.body.error.field, field, body)
    }
    await nothingChanged()
  })

  it("rejects bad ids and query values with 400 naming the field", async () => {
    const accounts = pathTo("accounts", "list")
    const findings = pathTo("findings", "list")
    const cases: ReadonlyArray<readonly [string, string]> = [
      [pathTo("accounts", "get", { account_id: "not-an-id" }), "account_id"],
      [pathTo("accounts", "get", { account_id: "0123456789ABCDEF0123456789ABCDEZ" }), "account_id"],
      [`${accounts}?limit=0`, "limit"],
      [`${accounts}?limit=abc`, "limit"],
      [`${accounts}?limit=501`, "limit"],
      [`${accounts}?compliant=maybe`, "compliant"],
      [`${accounts}?cursor=%%%`, "cursor"],
      [`${accounts}?name=`, "name"],
      [`${findings}?status=closed`, "status"],
      [`${findings}?rule=nope`, "rule"],
      [`${findings}?account_id=zz`, "account_id"],
      [pathTo("jobs", "get", { job_id: "123" }), "job_id"],
      [pathTo("syncs", "get", { sync_id: "abc" }), "sync_id"]
    ]
    for (const [path, field] of cases) {
      const response = await worker.call<Errors.ErrorBody>(path)
      assert.strictEqual(response.status, 400, path)
      assert.strictEqual(response.body.error.field, field, path)
    }
    await nothingChanged()
  })

  it("answers 404 for a well-formed id it does not know", async () => {
    await worker.apiError(Errors.NotFound, (client) => client.accounts.get({ path: { account_id: AccountId.make(ACCOUNT) } }))
    await worker.apiError(Errors.NotFound, (client) => client.jobs.get({ path: { job_id: `job_${ACCOUNT}` } }))
  })

  it("never includes a secret in an answer", async () => {
    const bodies = await Promise.all([
      worker.call(`${pathTo("accounts", "list")}?limit=0`),
      post("{"),
      worker.call(pathTo("accounts", "list"), { auth: "wrong" })
    ])
    for (const response of bodies) {
      assert.notInclude(response.text, ADMIN_TOKEN)
      assert.notInclude(response.text, emulator.token)
    }
  })
})

// One worker a test: starting workerd is most of a test's time.
describe("configuration errors", () => {
  it("answers a JSON 500 that names no value when a var is malformed", async () => {
    const broken = await startWorker({ emulator, vars: { SYNC_PAGE_SIZE: "lots" } })
    try {
      const response = await broken.call<Errors.ErrorBody>(pathTo("accounts", "list"))
      assert.strictEqual(response.status, 500)
      assert.strictEqual(response.body.error.code, "configuration")
      assert.notInclude(response.text, "lots")
    } finally {
      await broken.dispose()
    }
  })

  it("answers 500 naming the missing secret on sync, and records no sync", async () => {
    const tokenless = await startWorker({ emulator, vars: { CLOUDFLARE_API_TOKEN: "" } })
    try {
      const failure = await tokenless.apiError(Errors.InternalError, (client) => client.syncs.start())
      assert.strictEqual(failure.error.code, "configuration")
      assert.include(failure.error.message, "CLOUDFLARE_API_TOKEN")
      const syncs = await tokenless.sql<{ n: number }>("SELECT count(*) AS n FROM syncs")
      assert.strictEqual(syncs[0]?.n, 0)
    } finally {
      await tokenless.dispose()
    }
  })
})
