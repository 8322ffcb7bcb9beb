/**
 * The edge of the API: what reaches a caller when the router, a schema or a handler fails in a
 * way no endpoint names. A request field no kind takes is refused by name; the worker's own
 * answer breaking its schema, or a handler crashing, is a logged JSON 500, never a 400 that
 * blames the caller; a 400 shows the value from where it was refused; a percent-encoded path
 * is matched as the router matches it.
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { startEmulator } from "@cf-accounts/emulator/start"
import { ADMIN_TOKEN, type Emulator, inlineSync, ORIGIN, pathTo, PREFIX, startWorker, type TestWorker } from "./support/Harness.js"

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: 6, seed: 7 })
  worker = await startWorker({ emulator })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

const ACCOUNT = "0123456789abcdef0123456789abcdef"

/** A request with the admin token, answered as a Web `Response` (for its headers). */
const raw = (path: string, method = "GET") =>
  worker.mf.dispatchFetch(`${ORIGIN}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })

const countOf = async (table: string) => (await worker.sql<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n

describe("the API's edge", () => {
  it("refuses a job body with a field its kind does not take, naming it, and records nothing", async () => {
    const response = await worker.call(pathTo("jobs", "create"), {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ kind: "enforce-twofactor", account_ids: [ACCOUNT], dry_run: true })
    })
    assert.strictEqual(response.status, 400)
    assert.strictEqual(response.body.error.code, "invalid_input")
    assert.strictEqual(response.body.error.field, "dry_run")
    assert.strictEqual(await countOf("jobs"), 0)
  })

  it("answers an answer that breaks its own schema with a JSON 500, not a 400 that blames the caller", async () => {
    const sync = await inlineSync(worker)
    await worker.sql("UPDATE syncs SET mode = 'weird' WHERE id = ?1", sync.id)
    const response = await worker.call(pathTo("syncs", "get", { sync_id: sync.id }))
    assert.strictEqual(response.status, 500)
    assert.strictEqual(response.body.error.code, "internal")
    // A handler that dies (a stored JSON column it cannot read) answers the same way.
    await worker.sql("UPDATE syncs SET mode = 'inline', error = '{not json' WHERE id = ?1", sync.id)
    const crashed = await raw(pathTo("syncs", "get", { sync_id: sync.id }))
    assert.strictEqual(crashed.status, 500)
    assert.include(crashed.headers.get("content-type") ?? "", "application/json")
    assert.strictEqual(((await crashed.json()) as { error: { code: string } }).error.code, "internal")
  })

  it("shows the refused value from where it came: the path, not a same-named query parameter", async () => {
    const response = await worker.call(`${pathTo("accounts", "get", { account_id: "xyz" })}?account_id=FROMQUERY`)
    assert.strictEqual(response.status, 400)
    assert.strictEqual(response.body.error.field, "account_id")
    assert.include(response.body.error.message, '"xyz"')
    assert.notInclude(response.body.error.message, "FROMQUERY")
  })

  it("says a parameter's own rule, and takes only decimal digits for a number", async () => {
    for (const limit of ["0x10", "1e3", " 5", "0"]) {
      const response = await worker.call(`${pathTo("accounts", "list")}?limit=${encodeURIComponent(limit)}`)
      assert.strictEqual(response.status, 400, limit)
      assert.include(response.body.error.message, "must be a whole number from 1 to 500", limit)
    }
    const sorted = await worker.call(`${pathTo("accounts", "list")}?sort=zzz`)
    assert.strictEqual(sorted.status, 400)
    assert.include(sorted.body.error.message, "must be 'id' or 'name'")
  })

  it("matches a percent-encoded path as the router does: a method it does not answer is a 405", async () => {
    const response = await raw(`${PREFIX}/%61ccounts`, "DELETE")
    assert.strictEqual(response.status, 405)
    assert.strictEqual(response.headers.get("allow"), "GET, HEAD")
    await response.arrayBuffer()
  })

  it("refuses an empty policy body instead of storing a policy that switches every rule off", async () => {
    const response = await worker.call(pathTo("policy", "put"), {
      method: "PUT",
      headers: { "content-type": "text/plain", origin: ORIGIN },
      body: "  \n"
    })
    assert.strictEqual(response.status, 400)
    assert.strictEqual(response.body.error.field, "body")
    assert.strictEqual(await countOf("policy_versions"), 0)
  })
})
