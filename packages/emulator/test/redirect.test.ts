/**
 * The `redirect` fault, and the real client over real fetch against it: the
 * emulator redirects to a second server on 127.0.0.1 that records every request
 * it receives; with every kind of credential, through the Effect service and the
 * Promise facade, that server receives nothing and the call fails naming it.
 */
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import * as Accounts from "@cf-accounts/client/AccountsClient"
import * as Credentials from "@cf-accounts/client/Credentials"
import { createAccountsClient } from "@cf-accounts/client/promise"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type { EmulatorService } from "../src/Emulator.js"
import { parseFaultConfig } from "../src/FaultConfig.js"
import { withEmulator } from "./support.js"

interface Collector {
  readonly origin: string
  readonly received: Array<{ readonly method: string | undefined; readonly url: string | undefined; readonly headers: IncomingHttpHeaders }>
}

/** A server on 127.0.0.1 that answers 200 to anything and records what reached it. */
const collector = Effect.acquireRelease(
  Effect.async<Collector & { readonly close: () => void }>((resume) => {
    const received: Collector["received"] = []
    const server = createServer((req, res) => {
      received.push({ method: req.method, url: req.url, headers: req.headers })
      req.resume()
      res.writeHead(200, { "content-type": "application/json" })
      res.end(JSON.stringify({ success: true, errors: [], messages: [], result: [] }))
    })
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resume(Effect.succeed({ origin: `http://127.0.0.1:${port}`, received, close: () => server.close() }))
    })
  }),
  (server) => Effect.sync(() => server.close())
)

const redirectTo = (emulator: EmulatorService, target: Collector, status: 301 | 302 | 307 | 308) =>
  emulator.faults.setConfig({ rules: [{ kind: "redirect", status, location: `${target.origin}/collect?from=emulator` }] })

const credentialKinds = (emulator: EmulatorService) =>
  [
    ["API token", Credentials.apiToken(emulator.token)],
    ["API key + email", Credentials.apiKey(emulator.apiKey, emulator.email)],
    ["user service key", Credentials.userServiceKey(emulator.userServiceKey)]
  ] as const

describe("redirect fault", () => {
  it.effect("answers status and Location with an empty body, before credentials are checked", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        emulator.faults.setConfig({
          rules: [{ kind: "redirect", status: 308, location: "http://127.0.0.1:9/elsewhere", times: 1 }, { kind: "redirect", location: "https://example.test/" }]
        })
        const first = yield* Effect.promise(() => fetch(`${emulator.url}/accounts`, { redirect: "manual" }))
        assert.strictEqual(first.status, 308)
        assert.strictEqual(first.headers.get("location"), "http://127.0.0.1:9/elsewhere")
        assert.isString(first.headers.get("cf-ray"))
        const raw = yield* Effect.promise(() => fetch(`${emulator.url}/accounts`, { redirect: "manual" }))
        assert.strictEqual(raw.status, 302)
        assert.strictEqual(raw.headers.get("location"), "https://example.test/")
        assert.strictEqual(yield* Effect.promise(() => raw.text()), "")
        assert.strictEqual(emulator.faults.stats().routes["GET /accounts"]?.faultsByKind["redirect"], 2)
      })
    )
  )

  it("validates status and location", () => {
    assert.deepStrictEqual(
      parseFaultConfig('{"rules":[{"kind":"redirect","status":303,"location":"https://example.test/"}]}'),
      Either.left("invalid fault config: rules.0.status must be one of 301, 302, 307, 308")
    )
    assert.deepStrictEqual(
      parseFaultConfig('{"rules":[{"kind":"redirect","location":"/relative"}]}'),
      Either.left("invalid fault config: rules.0.location must be an absolute http or https URL")
    )
    assert.isTrue(Either.isRight(parseFaultConfig('{"rules":[{"kind":"redirect","location":"http://127.0.0.1:1/"}]}')))
  })
})

describe("a redirect to another origin over real fetch", () => {
  it.live("the collector does record what reaches it (plain fetch follows and leaks)", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const target = yield* collector
        const apiKey = yield* withEmulator({}, (emulator) =>
          Effect.gen(function* () {
            redirectTo(emulator, target, 307)
            yield* Effect.promise(() =>
              fetch(`${emulator.url}/accounts`, { headers: { "x-auth-key": emulator.apiKey, "x-auth-email": emulator.email } })
            )
            return emulator.apiKey
          })
        )
        assert.strictEqual(target.received.length, 1)
        assert.strictEqual(target.received[0]?.url, "/collect?from=emulator")
        assert.strictEqual(target.received[0]?.headers["x-auth-key"], apiKey)
      })
    )
  )

  for (const status of [301, 302, 307, 308] as const) {
    it.live(`${status}: with every kind of credential, nothing reaches the other origin and the error names it`, () =>
      Effect.scoped(
        Effect.gen(function* () {
          const target = yield* collector
          yield* withEmulator({ seedAccounts: 1 }, (emulator) =>
            Effect.gen(function* () {
              redirectTo(emulator, target, status)
              for (const [name, credentials] of credentialKinds(emulator)) {
                const layer = Accounts.layer({ baseUrl: emulator.url, credentials, rateLimit: false }).pipe(
                  Layer.provide(FetchHttpClient.layer)
                )
                const error = yield* Effect.flip(
                  Effect.flatMap(Accounts.AccountsClient, (client) => client.list()).pipe(Effect.provide(layer))
                )
                assert.strictEqual(error._tag, "RedirectError", name)
                if (error._tag !== "RedirectError") return
                assert.strictEqual(error.status, status)
                assert.strictEqual(error.locationOrigin, target.origin, name)
                assert.include(error.message, target.origin)
                assert.notInclude(error.message, "collect?from")
              }
              // Once per credential kind: not retried.
              assert.strictEqual(emulator.faults.stats().routes["GET /accounts"]?.requests, 3)
            })
          )
          assert.deepStrictEqual(target.received, [])
        })
      )
    )
  }

  it.live("through the Promise facade too", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const target = yield* collector
        yield* withEmulator({ seedAccounts: 1 }, (emulator) =>
          Effect.gen(function* () {
            redirectTo(emulator, target, 302)
            for (const [name, credentials] of credentialKinds(emulator)) {
              const client = createAccountsClient({ baseUrl: emulator.url, credentials, rateLimit: false })
              const rejected = yield* Effect.promise(() =>
                client.list().then(
                  () => undefined,
                  (error: unknown) => error
                )
              )
              yield* Effect.promise(() => client.close())
              assert.strictEqual((rejected as { _tag?: unknown } | undefined)?._tag, "RedirectError", name)
              assert.strictEqual((rejected as { locationOrigin?: unknown }).locationOrigin, target.origin)
            }
          })
        )
        assert.deepStrictEqual(target.received, [])
      })
    )
  )
})
