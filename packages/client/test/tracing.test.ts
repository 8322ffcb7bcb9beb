import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Credentials from "../src/Credentials.js"
import { json, makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, account, clientFor, recordingTracer } from "./fixtures.js"

describe("tracing", () => {
  it.effect("each call is a span named after the method, with the route and account id, never a secret", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = yield* clientFor(fake, { credentials: Credentials.apiKey("KEY-SECRET-1", "EMAIL-SECRET@example.test") })
      yield* Effect.withTracer(client.get(ACCOUNT_ID), tracer)
      const span = spans.find((s) => s.name === "AccountsClient.get")
      assert.isDefined(span)
      assert.strictEqual(span!.attributes.get("http.route"), "/accounts/{account_id}")
      assert.strictEqual(span!.attributes.get("cloudflare.account_id"), ACCOUNT_ID)
      assert.strictEqual(span!.attributes.get("http.request.method"), "GET")
      // the HTTP client's own span is a child, with the secret headers redacted
      assert.isTrue(spans.some((s) => s.name.startsWith("http.client")))
      for (const s of spans) {
        for (const [key, value] of s.attributes) {
          assert.notInclude(String(value), "SECRET", `span ${s.name} attribute ${key}`)
        }
      }
    }))

  it.effect("a bearer token never reaches a span", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      const fake = makeFake(() => ok({ statuses: { tag: "t", moved: true } }))
      const client = yield* clientFor(fake, { credentials: Credentials.apiToken("TOKEN-SECRET-2") })
      yield* Effect.withTracer(client.batchMove({ account_ids: [ACCOUNT_ID], destination_organization_id: "o" }), tracer)
      assert.isTrue(spans.some((s) => s.name === "AccountsClient.batchMove"))
      for (const s of spans) {
        for (const value of s.attributes.values()) assert.notInclude(String(value), "SECRET")
      }
    }))

  it.effect("a credential the server echoes in its response headers, under any name and encoding, never reaches a span", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      const key = "KEY-SECRET-3/abc+def"
      const email = "echo.secret@example.test"
      const base64 = (text: string) => Buffer.from(text).toString("base64")
      const fake = makeFake(() =>
        json(200, { success: true, errors: [], messages: [], result: account(ACCOUNT_ID, "A") }, {
          "cf-ray": "ray-1",
          "x-echo": key,
          "x-echo-b64": base64(key),
          "x-echo-pair": base64(`${email}:${key}`),
          "x-echo-url": encodeURIComponent(key),
          "x-auth-key": key
        })
      )
      const client = yield* clientFor(fake, { credentials: Credentials.apiKey(key, email) })
      yield* Effect.withTracer(client.get(ACCOUNT_ID), tracer)
      const http = spans.find((s) => s.name.startsWith("http.client"))
      assert.isDefined(http)
      // Recorded, but without the secret; a header that carries none is kept as sent.
      assert.strictEqual(http!.attributes.get("http.response.header.cf-ray"), "ray-1")
      assert.include(String(http!.attributes.get("http.response.header.x-echo")), "[REDACTED]")
      const forms = [key, base64(key), base64(`${email}:${key}`), encodeURIComponent(key), email, base64(email).slice(0, 12)]
      for (const s of spans) {
        for (const [name, value] of s.attributes) {
          for (const form of forms) assert.notInclude(String(value), form, `span ${s.name} attribute ${name}`)
        }
      }
    }))

  it.effect("with a tracer, the trace context goes along with the request", () =>
    Effect.gen(function* () {
      const { tracer } = yield* recordingTracer
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = yield* clientFor(fake)
      yield* Effect.withTracer(client.get(ACCOUNT_ID), tracer)
      assert.match(fake.requests[0]!.headers["traceparent"] ?? "", /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
    }))

  it.effect("with a tracer, each page of a listing is a span, its request a child", () =>
    Effect.gen(function* () {
      const { spans, tracer } = yield* recordingTracer
      const fake = makeFake(() => ok([account(ACCOUNT_ID, "A")], { result_info: { page: 1, per_page: 50, count: 1, total_count: 1 } }))
      const client = yield* clientFor(fake)
      yield* Effect.withTracer(Stream.runDrain(client.all()), tracer)
      const page = spans.find((s) => s.name === "AccountsClient.pages")
      assert.isDefined(page)
      assert.strictEqual(page!.attributes.get("page"), 1)
      assert.isTrue(spans.some((s) => s.name.startsWith("http.client") && Option.getOrUndefined(s.parent)?.spanId === page!.spanId))
    }))

  it.effect("without a tracer of its own, nothing is traced and no trace context is sent", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = yield* clientFor(fake)
      const seen = yield* Effect.withSpan(
        Effect.zipRight(client.get(ACCOUNT_ID), Effect.currentSpan),
        "caller"
      )
      // The caller's own span is untouched by the call, and nothing was sent about it.
      assert.strictEqual(seen.name, "caller")
      assert.isUndefined(fake.requests[0]!.headers["traceparent"])
      assert.isUndefined(fake.requests[0]!.headers["b3"])
    }))
})
