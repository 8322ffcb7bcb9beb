import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "../src/Emulator.js"
import { call, VALID_PROFILE } from "./support.js"

const UNKNOWN_ID = "0123456789abcdef0123456789abcdef"

layer(Emulator.layer({ seed: 3, seedAccounts: 30 }))("operations", (it) => {
  describe("authentication", () => {
    it.effect("accepts the configured bearer token", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(reply.status, 200)
        assert.strictEqual(reply.json.success, true)
      })
    )

    it.effect("accepts the configured X-Auth-Key and X-Auth-Email (email case-insensitive)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts", {
          anonymous: true,
          headers: { "x-auth-key": emulator.apiKey, "x-auth-email": emulator.email.toUpperCase() }
        })
        assert.strictEqual(reply.status, 200)
      })
    )

    it.effect("answers 400 code 9106 without credentials", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts", { anonymous: true })
        assert.strictEqual(reply.status, 400)
        assert.deepStrictEqual(reply.json.errors.map((e: { code: number }) => e.code), [9106])
        assert.strictEqual(reply.json.result, null)
      })
    )

    it.effect("answers 403 code 10000 for a wrong token, with the org-API envelope on org routes", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const [id] = emulator.state.accountIds()
        const headers = { authorization: "Bearer wrong" }
        const iam = yield* call(emulator, "GET", `/accounts/${id}`, { anonymous: true, headers })
        assert.strictEqual(iam.status, 403)
        assert.strictEqual(iam.json.errors[0].code, 10000)
        assert.strictEqual(iam.json.errors[0].message, "Authentication error")
        assert.isTrue("result" in iam.json && iam.json.result === null)
        const org = yield* call(emulator, "GET", `/accounts/${id}/profile`, { anonymous: true, headers })
        assert.strictEqual(org.status, 403)
        assert.strictEqual(org.json.success, false)
        assert.isFalse("result" in org.json)
      })
    )

    it.effect("answers 403 code 9103 for a wrong API key", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts", {
          anonymous: true,
          headers: { "x-auth-key": "nope", "x-auth-email": emulator.email }
        })
        assert.strictEqual(reply.status, 403)
        assert.strictEqual(reply.json.errors[0].code, 9103)
      })
    )
  })

  describe("routing", () => {
    it.effect("unknown routes are 404 code 7003 'No route for the URI'", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        for (const [method, path] of [
          ["GET", "/zones"],
          ["PATCH", "/accounts"],
          ["GET", "/accounts/a/b/c"]
        ] as const) {
          const reply = yield* call(emulator, method, path)
          assert.strictEqual(reply.status, 404, `${method} ${path}`)
          assert.deepStrictEqual(reply.json.errors, [{ code: 7003, message: "No route for the URI" }])
        }
      })
    )

    it.effect("every response carries a cf-ray header", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts")
        assert.match(reply.headers.get("cf-ray") ?? "", /^[0-9a-f]{16}-EMU$/)
      })
    )
  })

  describe("GET /accounts", () => {
    it.effect("defaults to page 1, 20 per page, with result_info", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts")
        assert.deepStrictEqual(reply.json.result_info, { page: 1, per_page: 20, total_pages: 2, count: 20, total_count: 30 })
        assert.deepStrictEqual(
          reply.json.result.map((a: { id: string }) => a.id),
          emulator.state.accountIds().slice(0, 20)
        )
      })
    )

    it.effect("direction=desc lists newest first", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts?direction=desc&per_page=5")
        assert.deepStrictEqual(
          reply.json.result.map((a: { id: string }) => a.id),
          emulator.state.accountIds().slice(-5).reverse()
        )
      })
    )

    it.effect("name filters by case-insensitive substring", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts?name=%2012")
        const names: Array<string> = reply.json.result.map((a: { name: string }) => a.name)
        assert.isTrue(names.length >= 1)
        for (const name of names) assert.include(name, " 12")
        assert.strictEqual(reply.json.result_info.total_count, names.length)
      })
    )

    it.effect("rejects per_page outside 5..50, page 0 and an unknown direction with 400 naming the field", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        for (const [query, field] of [
          ["per_page=4", "per_page"],
          ["per_page=51", "per_page"],
          ["page=0", "page"],
          ["page=abc", "page"],
          ["direction=up", "direction"]
        ] as const) {
          const reply = yield* call(emulator, "GET", `/accounts?${query}`)
          assert.strictEqual(reply.status, 400, query)
          assert.strictEqual(reply.json.errors[0].code, 1001)
          assert.include(reply.json.errors[0].message, field)
          assert.strictEqual(reply.json.result, null)
        }
      })
    )

    it.effect("a page past the end is empty but counts the total", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "GET", "/accounts?page=9&per_page=5")
        assert.deepStrictEqual(reply.json.result, [])
        assert.deepStrictEqual(reply.json.result_info, { page: 9, per_page: 5, total_pages: 6, count: 0, total_count: 30 })
      })
    )
  })

  describe("GET /accounts/{account_id}", () => {
    it.effect("returns the account", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const id = emulator.state.accountIds()[4] ?? ""
        const reply = yield* call(emulator, "GET", `/accounts/${id}`)
        assert.strictEqual(reply.status, 200)
        assert.strictEqual(reply.json.result.id, id)
        assert.strictEqual(reply.json.result.name, emulator.state.account(id)?.name)
      })
    )

    it.effect("accepts an upper-case id", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const id = emulator.state.accountIds()[0] ?? ""
        const reply = yield* call(emulator, "GET", `/accounts/${id.toUpperCase()}`)
        assert.strictEqual(reply.json.result.id, id)
      })
    )

    it.effect("a malformed id is 400 code 7003; an unknown one 404 code 1003", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const bad = yield* call(emulator, "GET", "/accounts/not-an-id")
        assert.strictEqual(bad.status, 400)
        assert.strictEqual(bad.json.errors[0].code, 7003)
        const unknown = yield* call(emulator, "GET", `/accounts/${UNKNOWN_ID}`)
        assert.strictEqual(unknown.status, 404)
        assert.strictEqual(unknown.json.errors[0].code, 1003)
        assert.strictEqual(unknown.json.result, null)
      })
    )
  })

  describe("request bodies", () => {
    it.effect("malformed JSON is 400 code 6007", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "POST", "/accounts", { raw: "{\"name\":" })
        assert.strictEqual(reply.status, 400)
        assert.strictEqual(reply.json.errors[0].code, 6007)
      })
    )

    it.effect("a body over 1 MiB is refused as 400 code 6007 and changes nothing; the emulator keeps serving", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const before = emulator.state.size
        // Valid JSON, so only its size can make it fail.
        const raw = JSON.stringify({ name: "Big Body Co", padding: "x".repeat(1024 * 1024) })
        const reply = yield* call(emulator, "POST", "/accounts", { raw })
        assert.strictEqual(reply.status, 400)
        assert.strictEqual(reply.json.errors[0].code, 6007)
        assert.strictEqual(emulator.state.size, before)
        const small = yield* call(emulator, "POST", "/accounts", { raw: JSON.stringify({ name: "Small Body Co", padding: "x".repeat(1000) }) })
        assert.strictEqual(small.status, 200)
        assert.strictEqual(emulator.state.size, before + 1)
      })
    )

    it.effect("a streamed body (no content-length) over 1 MiB is not read whole: the request fails, nothing changes", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const before = emulator.state.size
        const encoder = new TextEncoder()
        const padding = encoder.encode("x".repeat(64 * 1024))
        const outcome = yield* Effect.promise(async () => {
          let sent = 0
          // Valid JSON of 2 MiB, in 64 KiB chunks: only its size can make it fail.
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              sent++
              if (sent === 1) controller.enqueue(encoder.encode('{"name":"Streamed Co","padding":"'))
              else if (sent <= 33) controller.enqueue(padding)
              else {
                controller.enqueue(encoder.encode('"}'))
                controller.close()
              }
            }
          })
          try {
            const response = await fetch(`${emulator.url}/accounts`, {
              method: "POST",
              headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
              body,
              duplex: "half"
            } as RequestInit)
            return String(response.status)
          } catch {
            return "connection closed"
          }
        })
        assert.include(["400", "connection closed"], outcome)
        assert.strictEqual(emulator.state.size, before)
        const next = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(next.status, 200)
      })
    )

    it.effect("an invalid field is 400 code 1001 with a JSON pointer", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const cases = [
          ["POST", "/accounts", { name: "" }, "/name"],
          ["POST", "/accounts", { name: "x", type: "free" }, "/type"],
          ["POST", "/accounts", { name: "x".repeat(101) }, "/name"],
          ["POST", "/accounts/move", { account_ids: [], destination_organization_id: "x" }, "/account_ids"],
          ["POST", "/accounts/move", { account_ids: [UNKNOWN_ID, "zz"], destination_organization_id: "x" }, "/account_ids/1"]
        ] as const
        for (const [method, path, body, pointer] of cases) {
          const reply = yield* call(emulator, method, path, { body })
          assert.strictEqual(reply.status, 400, JSON.stringify(body))
          assert.strictEqual(reply.json.errors[0].code, 1001)
          assert.strictEqual(reply.json.errors[0].source.pointer, pointer)
        }
      })
    )

    it.effect("PUT /accounts/{account_id} with another id in the body is 400 code 1002", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const id = emulator.state.accountIds()[0] ?? ""
        const reply = yield* call(emulator, "PUT", `/accounts/${id}`, {
          body: { id: UNKNOWN_ID, name: "x", type: "standard" }
        })
        assert.strictEqual(reply.status, 400)
        assert.strictEqual(reply.json.errors[0].code, 1002)
      })
    )

    it.effect("a profile missing a field is 400 on the org-API envelope", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const id = emulator.state.accountIds()[0] ?? ""
        const { external_metadata: _, ...partial } = VALID_PROFILE
        const reply = yield* call(emulator, "PUT", `/accounts/${id}/profile`, { body: partial })
        assert.strictEqual(reply.status, 400)
        assert.strictEqual(reply.json.errors[0].source.pointer, "/external_metadata")
        assert.isFalse("result" in reply.json)
      })
    )

    it.effect("moving to an unknown organization is 404 code 1004", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const id = emulator.state.accountIds()[0] ?? ""
        const single = yield* call(emulator, "POST", `/accounts/${id}/move`, {
          body: { destination_organization_id: "no-such-org" }
        })
        assert.strictEqual(single.status, 404)
        assert.strictEqual(single.json.errors[0].code, 1004)
        const batch = yield* call(emulator, "POST", "/accounts/move", {
          body: { account_ids: [id], destination_organization_id: "no-such-org" }
        })
        assert.strictEqual(batch.status, 404)
      })
    )

    it.effect("creating in an unknown unit is 400 code 1005", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const reply = yield* call(emulator, "POST", "/accounts", { body: { name: "x", unit: { id: "nope" } } })
        assert.strictEqual(reply.status, 400)
        assert.strictEqual(reply.json.errors[0].code, 1005)
      })
    )
  })
})
