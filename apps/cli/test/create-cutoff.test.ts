/**
 * `create` against a server whose clock a test sets (every answer dated
 * 02:00:00 GMT, whole seconds as a `Date` header has them): the first lookup by
 * name lists nothing, the POST's connection is reset, and the second lookup finds
 * one same-name account. One created earlier in the first lookup's own second
 * (before it answered, missed by a lagging lookup) is never taken for the call's
 * own: exit 1, the outcome unknown. One created after that second is adopted.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"

const NAME = "Same Second Co"
const ID = "0123456789abcdef0123456789abcdef"
const DATE = "Mon, 07 Dec 2026 02:00:00 GMT"

/** The server for one run: the second lookup finds an account with this `created_on`. */
const server = (createdOn: string) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly requests: Array<string>; readonly close: () => void }>((resume) => {
      const requests: Array<string> = []
      let posted = false
      const http = createServer((request, response) => {
        requests.push(`${request.method} ${new URL(request.url ?? "/", "http://127.0.0.1").pathname}`)
        if (request.method === "POST") {
          posted = true
          // Read, then reset: the create's outcome is open (and here it was not applied).
          request.resume()
          request.on("end", () => request.socket.destroy())
          return
        }
        const result = posted ? [{ id: ID, name: NAME, type: "standard", created_on: createdOn }] : []
        response.writeHead(200, { "content-type": "application/json", date: DATE })
        response.end(
          JSON.stringify({
            success: true,
            errors: [],
            messages: [],
            result,
            result_info: { page: 1, per_page: 50, count: result.length, total_count: result.length }
          })
        )
      })
      http.listen(0, "127.0.0.1", () => {
        const { port } = http.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, requests, close: () => http.close() }))
      })
    }),
    ({ close }) => Effect.sync(close)
  )

const create = (createdOn: string) =>
  Effect.gen(function* () {
    const api = yield* server(createdOn)
    const r = yield* runCli(["create", "--name", NAME, "-o", "json"], {
      CLOUDFLARE_BASE_URL: api.url,
      CLOUDFLARE_API_TOKEN: "cutoff-token"
    })
    return { ...r, requests: api.requests }
  })

describe("create: the cutoff is the end of the first lookup's Date second", () => {
  it.scoped("an account created earlier in that second (02:00:00.5) is not adopted: exit 1, outcome unknown", () =>
    Effect.gen(function* () {
      const r = yield* create("2026-12-07T02:00:00.500000Z")
      assert.strictEqual(r.code, 1, r.stderr)
      assert.strictEqual(r.stdout, "")
      assert.match(r.stderr, /the outcome is unknown .*no account with this name appeared since the call began/)
      assert.deepStrictEqual(r.requests, ["GET /accounts", "POST /accounts", "GET /accounts"])
    }))

  it.scoped("an account created at the end of that second (02:00:01) is adopted: exit 0, printed, named on stderr", () =>
    Effect.gen(function* () {
      const r = yield* create("2026-12-07T02:00:01.000000Z")
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual((JSON.parse(r.stdout) as { id: string }).id, ID)
      assert.include(r.stderr, "found by name")
      assert.deepStrictEqual(r.requests, ["GET /accounts", "POST /accounts", "GET /accounts"])
    }))
})
