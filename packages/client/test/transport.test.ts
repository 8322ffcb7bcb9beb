/**
 * Transport failures from real HTTP clients (fetch, FetchTransport, node:http, undici) against
 * a server on 127.0.0.1: whether a request may have been sent decides whether
 * a create may be retried, so the classification is checked for real.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { ACCOUNT_ID } from "./fixtures.js"

type Behaviour = "destroy" | "truncate" | "ok" | "hang"

const listen = (behaviour: Behaviour) =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: Server; readonly url: string; readonly hits: Array<string> }>((resume) => {
      const hits: Array<string> = []
      const server = createServer((req, res) => {
        hits.push(`${req.method} ${req.url}`)
        req.resume()
        req.on("end", () => {
          if (behaviour === "hang") return
          if (behaviour === "destroy") return req.socket.destroy()
          if (behaviour === "truncate") {
            res.writeHead(200, { "content-type": "application/json", "content-length": "500" })
            res.write('{"success":true,"result":')
            setTimeout(() => req.socket.destroy(), 5)
            return
          }
          res.writeHead(200, { "content-type": "application/json" })
          res.end(JSON.stringify({ success: true, errors: [], messages: [], result: { id: ACCOUNT_ID, name: "A", type: "standard" } }))
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${port}/client/v4`, hits }))
      })
    }),
    ({ server }) => Effect.async<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
  )

const closedPort = Effect.map(
  Effect.scoped(listen("ok")),
  ({ url }) => url // the server is closed once the scope ends: nothing listens there
)

const clients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["fetch", FetchHttpClient.layer],
  ["FetchTransport", FetchTransport.layer],
  ["node:http", NodeHttpClient.layer],
  ["undici", NodeHttpClient.layerUndici]
]

const callWith = <A, E>(
  layer: Layer.Layer<HttpClient.HttpClient>,
  baseUrl: string,
  f: (client: AccountsClient.Service) => Effect.Effect<A, E>,
  options: { readonly timeout?: Duration.DurationInput } = {}
) =>
  Effect.flatMap(AccountsClient.AccountsClient, f).pipe(
    Effect.provide(
      AccountsClient.layer({
        baseUrl,
        credentials: Credentials.apiToken("t"),
        retry: { maxAttempts: 2, base: "1 millis", cap: "1 millis" },
        rateLimit: false,
        ...options
      }).pipe(Layer.provide(layer))
    )
  )

describe("transport failures from real clients", () => {
  for (const [name, layer] of clients) {
    it.live(`${name}: a refused connection was not sent`, () =>
      Effect.gen(function* () {
        const url = yield* closedPort
        const error = yield* Effect.flip(callWith(layer, url, (c) => c.get(ACCOUNT_ID)))
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag !== "TransportError") return
        assert.strictEqual(error.reason, "connection")
        assert.isFalse(error.sent)
      }))

    it.live(`${name}: a connection dropped after the request may have been sent`, () =>
      Effect.gen(function* () {
        const { hits, url } = yield* listen("destroy")
        const error = yield* Effect.flip(callWith(layer, url, (c) => c.get(ACCOUNT_ID)))
        assert.strictEqual(error._tag, "TransportError")
        if (error._tag !== "TransportError") return
        assert.isTrue(error.sent)
        assert.strictEqual(hits.length, 2, "a get is retried")
      }).pipe(Effect.scoped))

    it.live(`${name}: a create dropped after sending is not sent again`, () =>
      Effect.gen(function* () {
        const { hits, url } = yield* listen("destroy")
        const error = yield* Effect.flip(callWith(layer, url, (c) => c.create({ name: "Made Up" })))
        assert.strictEqual(error._tag, "OutcomeUnknownError")
        assert.deepStrictEqual(
          hits.filter((h) => h.startsWith("POST")),
          ["POST /client/v4/accounts"]
        )
      }).pipe(Effect.scoped))

    it.live(`${name}: a truncated body is a transport error or a decode error, never a crash`, () =>
      Effect.gen(function* () {
        const { url } = yield* listen("truncate")
        const error = yield* Effect.flip(callWith(layer, url, (c) => c.get(ACCOUNT_ID)))
        assert.include(["TransportError", "ResponseDecodeError"], error._tag)
      }).pipe(Effect.scoped))

    it.live(`${name}: a request with no answer times out on the real clock, and is tried again`, () =>
      Effect.gen(function* () {
        const { hits, url } = yield* listen("hang")
        // The attempts as the client logs them: on a busy machine the second request may
        // still be on its way to the server when its own 100 ms run out.
        const attempts: Array<string> = []
        const logger = Logger.make(({ message }) => {
          const text = String(message)
          if (text.startsWith("HTTP GET")) attempts.push(text.replace(/ in \d+ms/, ""))
        })
        const error = yield* Effect.flip(callWith(layer, url, (c) => c.get(ACCOUNT_ID), { timeout: "100 millis" })).pipe(
          Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
          Logger.withMinimumLogLevel(LogLevel.Debug)
        )
        assert.strictEqual(error._tag, "TimeoutError")
        assert.deepStrictEqual(attempts, [
          "HTTP GET /accounts/{account_id} failed (timeout) (attempt 1)",
          "HTTP GET /accounts/{account_id} failed (timeout) (attempt 2)"
        ])
        assert.isAtLeast(hits.length, 1)
      }).pipe(Effect.scoped))
  }
})
