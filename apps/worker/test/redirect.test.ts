/**
 * The worker's client (FetchTransport over workerd's fetch) never follows a redirect: a sync
 * whose `GET /accounts` is redirected to another origin fails with RedirectError naming
 * that origin, and the other origin (a server on 127.0.0.1 that records every request)
 * receives nothing, so the credentials never reach it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { admin, type Emulator, routeStats, startWorker, type TestWorker } from "./support/Harness.js"
import * as Responses from "../src/api/Responses.js"

describe("a redirect to another origin", () => {
  let emulator: Emulator
  let worker: TestWorker
  let collector: Server
  let origin: string
  const received: Array<IncomingHttpHeaders> = []

  beforeAll(async () => {
    collector = createServer((req, res) => {
      received.push(req.headers)
      req.resume()
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ success: true, errors: [], messages: [], result: [] }))
    })
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve))
    origin = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`
    emulator = await startEmulator({ seedAccounts: 3 })
    worker = await startWorker({ emulator, vars: { CLIENT_MAX_ATTEMPTS: "3" } })
  })

  afterAll(async () => {
    await worker?.dispose()
    await emulator?.close()
    collector?.close()
  })

  it("is not followed: the sync fails naming only that origin, which receives nothing", async () => {
    await admin(emulator, "PUT", "/faults", {
      rules: [{ route: "GET /accounts", kind: "redirect", status: 308, location: `${origin}/collect?from=worker` }]
    })
    // 502: the sync failed (the typed client decodes that answer as SyncFailed).
    const { sync } = await worker.apiError(Responses.SyncFailed, (client) => client.syncs.start())
    await admin(emulator, "PUT", "/faults", { rules: [] })
    assert.strictEqual(sync.status, "failed")
    assert.strictEqual(sync.error?.tag, "RedirectError")
    assert.strictEqual(sync.error?.status, 308)
    assert.include(sync.error?.message, origin)
    assert.notInclude(sync.error?.message, "collect")
    // Sent once: a redirect is not retried.
    assert.strictEqual((await routeStats(emulator, "GET /accounts")).requests, 1)
    assert.deepStrictEqual(received, [])
  })
})
