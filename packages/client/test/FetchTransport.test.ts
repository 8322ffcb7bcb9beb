/**
 * FetchTransport against a server on 127.0.0.1: what it sends and reads, the
 * `Fetch` and `RequestInit` it takes from the context, interruption, streamed
 * bodies and traced requests, all on the one path every request takes.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { ACCOUNT_ID, recordingTracer } from "./fixtures.js"

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** A server that records each request and answers as `answer` says (nothing for "hang"). */
const listen = (answer: (seen: Seen) => { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string } | "hang") =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: Server; readonly url: string; readonly seen: Array<Seen>; readonly closed: Deferred.Deferred<void> }>(
      (resume) => {
        const seen: Array<Seen> = []
        const closed = Deferred.unsafeMake<void>(FiberId.none)
        const server = createServer((req, res) => {
          const chunks: Array<Buffer> = []
          req.on("data", (chunk: Buffer) => chunks.push(chunk))
          req.on("end", () => {
            const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() }
            seen.push(request)
            const reply = answer(request)
            if (reply === "hang") {
              res.on("close", () => Deferred.unsafeDone(closed, Effect.void))
              return
            }
            res.writeHead(reply.status, reply.headers)
            res.end(reply.body ?? "")
          })
        })
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          resume(Effect.succeed({ server, url: `http://127.0.0.1:${port}`, seen, closed }))
        })
      }
    ),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const json = (body: unknown) => ({ status: 200, headers: { "content-type": "application/json", "cf-ray": "ray-1" }, body: JSON.stringify(body) })

const transport = Effect.provide(HttpClient.HttpClient, FetchTransport.layer)

describe("FetchTransport", () => {
  it.live("reads status, headers and the body (text read twice, json)", () =>
    Effect.gen(function* () {
      const { url } = yield* listen(() => json({ success: true, n: 1 }))
      const http = yield* transport
      const response = yield* http.execute(HttpClientRequest.get(`${url}/x`, { urlParams: { page: "2" } }))
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.headers["cf-ray"], "ray-1")
      assert.strictEqual(yield* response.text, '{"success":true,"n":1}')
      assert.strictEqual(yield* response.text, '{"success":true,"n":1}')
      assert.deepStrictEqual(yield* response.json, { success: true, n: 1 })
      assert.strictEqual(response.request.url, `${url}/x`)
    }).pipe(Effect.scoped))

  it.live("sends the method, the query, the headers and a JSON body, counted by fetch", () =>
    Effect.gen(function* () {
      const { seen, url } = yield* listen(() => json({ ok: true }))
      const http = yield* transport
      const request = HttpClientRequest.post(`${url}/accounts`, { urlParams: { a: "1" }, headers: { "x-test": "yes" } }).pipe(
        HttpClientRequest.bodyUnsafeJson({ name: "Made Up" })
      )
      const response = yield* http.execute(request)
      yield* response.text
      assert.strictEqual(seen[0]!.method, "POST")
      assert.strictEqual(seen[0]!.url, "/accounts?a=1")
      assert.strictEqual(seen[0]!.headers["x-test"], "yes")
      assert.strictEqual(seen[0]!.headers["content-type"], "application/json")
      assert.strictEqual(seen[0]!.body, '{"name":"Made Up"}')
      assert.strictEqual(seen[0]!.headers["content-length"], String(seen[0]!.body.length))
    }).pipe(Effect.scoped))

  it.live("a body that is not JSON fails json as a Decode ResponseError", () =>
    Effect.gen(function* () {
      const { url } = yield* listen(() => ({ status: 200, body: "<html>" }))
      const http = yield* transport
      const response = yield* http.execute(HttpClientRequest.get(url))
      const error = yield* Effect.flip(response.json)
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
    }).pipe(Effect.scoped))

  it.live("a URL that cannot be parsed is a RequestError with reason InvalidUrl, and nothing is sent", () =>
    Effect.gen(function* () {
      const http = yield* transport
      const error = yield* Effect.flip(http.execute(HttpClientRequest.get("http://[::1")))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "InvalidUrl")
    }))

  it.live("a refused connection is a Transport RequestError", () =>
    Effect.gen(function* () {
      const url = yield* Effect.scoped(Effect.map(listen(() => json({})), (s) => s.url))
      const http = yield* transport
      const error = yield* Effect.flip(http.execute(HttpClientRequest.get(url)))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
    }))

  it.live("the Fetch and RequestInit of the caller apply, over those the transport was built with", () =>
    Effect.gen(function* () {
      const { seen, url } = yield* listen((request) =>
        request.url === "/elsewhere" ? json({ ok: true }) : { status: 302, headers: { location: "/elsewhere" } }
      )
      const used: Array<string> = []
      const recording =
        (name: string): typeof globalThis.fetch =>
        (input, init) => {
          used.push(`${name} ${init?.redirect}`)
          return globalThis.fetch(input, init)
        }
      const http = yield* Effect.provide(
        HttpClient.HttpClient,
        FetchTransport.layer.pipe(
          Layer.provide(Layer.succeed(FetchHttpClient.Fetch, recording("built"))),
          Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" }))
        )
      )
      const built = yield* http.execute(HttpClientRequest.get(url))
      assert.strictEqual(built.status, 302, "not followed: the RequestInit it was built with")
      const called = yield* http.execute(HttpClientRequest.get(url)).pipe(
        Effect.provideService(FetchHttpClient.Fetch, recording("call")),
        Effect.provideService(FetchHttpClient.RequestInit, { redirect: "follow" })
      )
      assert.strictEqual(called.status, 200, "followed: the caller's RequestInit")
      assert.deepStrictEqual(used, ["built manual", "call follow"])
      assert.deepStrictEqual(
        seen.map((r) => r.url),
        ["/", "/", "/elsewhere"]
      )
    }).pipe(Effect.scoped))

  it.live("interrupting a request that waits for its answer aborts it", () =>
    Effect.gen(function* () {
      const { closed, seen, url } = yield* listen(() => "hang")
      const http = yield* transport
      const fiber = yield* Effect.fork(http.execute(HttpClientRequest.get(url)))
      while (seen.length === 0) yield* Effect.yieldNow()
      yield* Fiber.interrupt(fiber)
      // The server sees the connection closed: the request was aborted, not left running.
      yield* Deferred.await(closed)
    }).pipe(Effect.scoped))

  it.live("a streamed body arrives whole", () =>
    Effect.gen(function* () {
      const { seen, url } = yield* listen(() => json({ ok: true }))
      const http = yield* transport
      const body = Stream.make(new TextEncoder().encode("ab"), new TextEncoder().encode("cd"))
      const response = yield* http.execute(HttpClientRequest.post(url).pipe(HttpClientRequest.bodyStream(body)))
      yield* response.text
      assert.strictEqual(seen[0]!.body, "abcd")
    }).pipe(Effect.scoped))

  it.live("with a tracer, the request is a client span, and traceparent is sent", () =>
    Effect.gen(function* () {
      const { seen, url } = yield* listen(() => json({ ok: true }))
      const http = yield* transport
      const spans: Array<string> = []
      const base = yield* Effect.tracer
      const tracer = Tracer.make({
        span: (...args) => {
          spans.push(args[0])
          return base.span(...args)
        },
        context: base.context
      })
      const response = yield* Effect.withTracer(http.execute(HttpClientRequest.get(url)), tracer)
      yield* response.text
      assert.isTrue(spans.some((name) => name.startsWith("http.client")))
      assert.isDefined(seen[0]!.headers.traceparent)
    }).pipe(Effect.scoped))

  it.live("the client over it, traced: a token the server echoes in its response headers is on no span", () =>
    Effect.gen(function* () {
      const token = "echoed-token-SECRET-0123456789"
      const base64 = Buffer.from(token).toString("base64")
      const { url } = yield* listen(() => ({
        status: 200,
        headers: { "content-type": "application/json", "x-echo": token, "x-echo-b64": base64, "x-debug": `Bearer ${token}` },
        body: JSON.stringify({ success: true, errors: [], messages: [], result: { id: ACCOUNT_ID, name: "A", type: "standard" } })
      }))
      const { spans, tracer } = yield* recordingTracer
      const layer = AccountsClient.layer({ baseUrl: url, credentials: Credentials.apiToken(token), rateLimit: false }).pipe(
        Layer.provide(FetchTransport.layer)
      )
      const client = yield* Effect.provide(AccountsClient.AccountsClient, layer)
      yield* Effect.withTracer(client.get(ACCOUNT_ID), tracer)
      const http = spans.find((span) => span.name.startsWith("http.client"))
      assert.isDefined(http)
      assert.isTrue(http!.attributes.has("http.response.header.x-echo-b64"))
      for (const span of spans) {
        for (const [name, value] of span.attributes) {
          assert.notInclude(String(value), token, `${span.name} ${name}`)
          assert.notInclude(String(value), base64.slice(0, 24), `${span.name} ${name}`)
        }
      }
    }).pipe(Effect.scoped))

  it.live("the client over it: a get, and a redirect never followed to another server", () =>
    Effect.gen(function* () {
      const other = yield* listen(() => json({ stolen: true }))
      const api = yield* listen((request) =>
        request.url.startsWith("/moved")
          ? { status: 307, headers: { location: `${other.url}/steal` } }
          : json({ success: true, errors: [], messages: [], result: { id: ACCOUNT_ID, name: "A", type: "standard" } })
      )
      const layer = AccountsClient.layer({ baseUrl: api.url, credentials: Credentials.apiToken("t"), rateLimit: false }).pipe(
        Layer.provide(FetchTransport.layer)
      )
      const client = yield* Effect.provide(AccountsClient.AccountsClient, layer)
      const account = yield* client.get(ACCOUNT_ID)
      assert.strictEqual(account.name, "A")
      assert.strictEqual(api.seen[0]!.headers.authorization, "Bearer t")
      const moved = yield* Effect.provide(
        AccountsClient.AccountsClient,
        AccountsClient.layer({ baseUrl: `${api.url}/moved`, credentials: Credentials.apiToken("t"), rateLimit: false }).pipe(
          Layer.provide(FetchTransport.layer)
        )
      )
      const error = yield* Effect.flip(moved.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "RedirectError")
      assert.strictEqual(other.seen.length, 0)
    }).pipe(Effect.scoped))
})
