import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { fail, json, makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, TOKEN, account, clientFor } from "./fixtures.js"

const noRetry = { retry: { maxAttempts: 1 } }

describe("status codes map to core's errors", () => {
  const table: ReadonlyArray<readonly [number, string]> = [
    [400, "BadRequestError"],
    [401, "AuthenticationError"],
    [403, "PermissionDeniedError"],
    [404, "NotFoundError"],
    [409, "ConflictError"],
    [422, "UnprocessableEntityError"],
    [429, "RateLimitedError"],
    [500, "ServerError"],
    [502, "ServerError"],
    [503, "ServerError"],
    [504, "ServerError"],
    [520, "ServerError"],
    [405, "UnexpectedStatusError"],
    [408, "UnexpectedStatusError"]
  ]
  for (const [status, tag] of table) {
    it.effect(`${status} -> ${tag}, with errors[], cf-ray, method and route`, () =>
      Effect.gen(function* () {
        const fake = makeFake(() => fail(status, [{ code: 1234, message: "made-up failure" }], { "cf-ray": "ray-1-AMS" }))
        const client = yield* clientFor(fake, noRetry)
        const error = yield* Effect.flip(client.get(ACCOUNT_ID))
        assert.strictEqual(error._tag, tag)
        if (error._tag === "InvalidInputError" || error._tag === "TransportError" || error._tag === "TimeoutError") {
          return assert.fail(`unexpected ${error._tag}`)
        }
        if (error._tag === "ResponseDecodeError") return assert.fail("unexpected decode error")
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.method, "GET")
        assert.strictEqual(error.route, "/accounts/{account_id}")
        assert.strictEqual(error.cfRay, "ray-1-AMS")
        assert.deepStrictEqual(error.errors, [{ code: 1234, message: "made-up failure" }])
      }))
  }

  it.effect("a 200 with success:false is an error carrying errors[]", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => json(200, { success: false, errors: [{ code: 7, message: "nope" }], messages: [], result: null }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "UnexpectedStatusError")
      if (error._tag !== "UnexpectedStatusError") return
      assert.deepStrictEqual(error.errors, [{ code: 7, message: "nope" }])
    }))

  it.effect("an HTML 502 from the edge is a ServerError with a short, scrubbed excerpt", () =>
    Effect.gen(function* () {
      const html = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>Bad gateway</h1><p>echo Bearer ${TOKEN} ${TOKEN}</p>${"x".repeat(2000)}</body></html>`
      const fake = makeFake(() => ({ status: 502, text: html, headers: { "content-type": "text/html" } }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ServerError")
      if (error._tag !== "ServerError") return
      assert.deepStrictEqual(error.errors, [])
      const excerpt = error.bodyExcerpt ?? ""
      assert.isTrue(excerpt.startsWith("502 Bad Gateway Bad gateway"), excerpt)
      assert.isAtMost(excerpt.length, 200)
      assert.notInclude(excerpt, "<")
      assert.notInclude(excerpt, TOKEN)
      assert.notInclude(excerpt, "color:red")
    }))

  it.effect("a 200 that is not JSON is a ResponseDecodeError, not a crash", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ status: 200, text: "<html>maintenance</html>" }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ResponseDecodeError")
      if (error._tag !== "ResponseDecodeError") return
      assert.strictEqual(error.path, "(body)")
      assert.strictEqual(error.bodyExcerpt, "maintenance")
    }))

  it.effect("a result missing a required field is a ResponseDecodeError naming it", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok({ id: ACCOUNT_ID, type: "standard" }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ResponseDecodeError")
      if (error._tag !== "ResponseDecodeError") return
      assert.strictEqual(error.path, "result.name")
      assert.strictEqual(error.status, 200)
    }))

  it.effect("a decode error is not retried", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok({ id: "not-an-id", name: "x", type: "standard" }))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ResponseDecodeError")
      assert.strictEqual(fake.requests.length, 1)
    }))

  it.effect("a refused connection is a TransportError that was not sent", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ transport: { code: "ECONNREFUSED" } }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag !== "TransportError") return
      assert.strictEqual(error.reason, "connection")
      assert.isFalse(error.sent)
    }))

  it.effect("a reset connection is a TransportError that may have been sent", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ transport: { code: "ECONNRESET" } }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag !== "TransportError") return
      assert.strictEqual(error.reason, "reset")
      assert.isTrue(error.sent)
    }))

  it.effect("a 2xx other than 204 with an empty body is a decode error, except for updateProfile", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ status: 200, text: "" }))
      const client = yield* clientFor(fake, noRetry)
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ResponseDecodeError")
      yield* client.updateProfile(ACCOUNT_ID, {
        business_name: "a",
        business_email: "b@example.test",
        business_phone: "c",
        business_address: "d",
        external_metadata: "e"
      })
      assert.strictEqual(fake.requests.length, 2)
    }))

  it.effect("decoded accounts keep unknown fields (so an update can send them back)", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok({ ...account(ACCOUNT_ID, "A"), future_field: { x: 1 } }))
      const client = yield* clientFor(fake)
      const result = yield* client.get(ACCOUNT_ID)
      assert.deepStrictEqual(result["future_field"], { x: 1 })
    }))
})
