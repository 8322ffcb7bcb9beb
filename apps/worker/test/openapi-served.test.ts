/**
 * The OpenAPI document a running worker serves, without a token, is the one its definition gives
 * (built beside the dashboard's files and read from the assets).
 */
import * as OpenApi from "@effect/platform/OpenApi"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { WorkerApi } from "../src/api/WorkerApi.js"
import { type Emulator, pathTo, startWorker, type TestWorker } from "./support/Harness.js"

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: 1, seed: 7 })
  worker = await startWorker({ emulator })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

describe("the served OpenAPI document", () => {
  it("is the definition's, open to anyone, JSON and not stored by the browser", async () => {
    const response = await worker.mf.dispatchFetch(`http://worker.test${pathTo("meta", "openapi")}`)
    assert.strictEqual(response.status, 200)
    assert.include(response.headers.get("content-type") ?? "", "application/json")
    assert.strictEqual(response.headers.get("cache-control"), "no-store")
    assert.deepStrictEqual(await response.json(), JSON.parse(JSON.stringify(OpenApi.fromApi(WorkerApi))))
  })
})
