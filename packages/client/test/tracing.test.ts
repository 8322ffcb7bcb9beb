import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"
import * as Credentials from "../src/Credentials.js"
import { makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, account, clientFor } from "./fixtures.js"

/** A tracer that delegates to the current one and keeps every span it starts. */
const recordingTracer = Effect.map(Effect.tracer, (base) => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span: (...args) => {
      const span = base.span(...args)
      spans.push(span)
      return span
    },
    context: base.context
  })
  return { tracer, spans }
})

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
})
