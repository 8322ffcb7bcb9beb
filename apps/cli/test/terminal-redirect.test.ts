/**
 * End to end, in process: server text in error lines and in the
 * batch-move fallback reason reaches stderr sanitised; a redirect to another
 * origin is not followed (that origin receives nothing) and the run fails
 * naming it.
 */
import { createServer, type IncomingHttpHeaders, type RequestListener } from "node:http"
import type { AddressInfo } from "node:net"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"

const ACCOUNT_ID = "0123456789abcdef0123456789abcdef"
const ORG_ID = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"

/** A title (OSC), a screen clear (CSI), BEL, an 8-bit CSI, C1 NEL, a terminal reset, RLO. */
const EVIL = "A\u001b]0;pwned\u0007B\u001b[2JC\u0007D\u009b31mE\u0085F\u001bcG\u202Egnp.exe"
const CLEAN = "ABCDEFGgnp.exe"
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the controls a terminal acts on
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/

/** A server on 127.0.0.1 for the test's lifetime; records what reached it. */
const serve = (handler: RequestListener) =>
  Effect.acquireRelease(
    Effect.async<{ readonly origin: string; readonly received: Array<IncomingHttpHeaders>; readonly close: () => void }>(
      (resume) => {
        const received: Array<IncomingHttpHeaders> = []
        const server = createServer((req, res) => {
          received.push(req.headers)
          handler(req, res)
        })
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          resume(Effect.succeed({ origin: `http://127.0.0.1:${port}`, received, close: () => server.close() }))
        })
      }
    ),
    (server) => Effect.sync(() => server.close())
  )

/** Answers every request with `status` and a Cloudflare error envelope carrying `message`. */
const hostile = serve((req, res) => {
  req.resume()
  const status = req.method === "POST" && req.url === "/client/v4/accounts/move" ? 501 : 404
  res.writeHead(status, { "content-type": "application/json", "cf-ray": "ray\u009b31m-EVIL" })
  res.end(JSON.stringify({ success: false, errors: [{ code: 1000, message: EVIL }], messages: [], result: null }))
})

describe("server text on stderr is sanitised", () => {
  it.scoped("an error line", () =>
    Effect.gen(function* () {
      const server = yield* hostile
      const r = yield* runCli(["get", ACCOUNT_ID], { CLOUDFLARE_BASE_URL: `${server.origin}/client/v4`, CLOUDFLARE_API_TOKEN: "t0ken-value" })
      assert.strictEqual(r.code, 4, r.stderr)
      assert.notMatch(r.stderr.replace(/\n$/, ""), UNSAFE)
      assert.include(r.stderr, `${CLEAN} (code 1000) [cf-ray ray-EVIL]`)
      assert.strictEqual(r.stderr.split("\n").length, 2, r.stderr)
    }))

  it.scoped("the batch-move fallback reason", () =>
    Effect.gen(function* () {
      const server = yield* hostile
      const r = yield* runCli(["batch-move", "--to", ORG_ID, ACCOUNT_ID, "-o", "json"], {
        CLOUDFLARE_BASE_URL: `${server.origin}/client/v4`,
        CLOUDFLARE_API_TOKEN: "t0ken-value"
      })
      assert.notStrictEqual(r.code, 0)
      const [fallback] = r.stderr.split("\n")
      assert.strictEqual(
        fallback,
        `cf-accounts batch-move: the batch endpoint is not available (POST /accounts/move answered 501: ${CLEAN} (code 1000) [cf-ray ray-EVIL]); moving each account with the single-move endpoint`
      )
      assert.notMatch(r.stderr.replace(/\n/g, ""), UNSAFE)
      assert.notMatch(r.stdout.replace(/\n/g, ""), UNSAFE)
    }))
})

const API_KEY = "cfkey-SECRET-0123456789abcdef"
const EMAIL = "owner@redirect-check.example"

layer(Emulator.layer({ seedAccounts: 2, apiKey: API_KEY, email: EMAIL }))("redirects", (it) => {
  it.scoped("a redirect to another origin is not followed: that origin receives nothing, the run fails naming it", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const collector = yield* serve((req, res) => {
        req.resume()
        res.writeHead(200, { "content-type": "application/json" })
        res.end(JSON.stringify({ success: true, errors: [], messages: [], result: [] }))
      })
      emulator.faults.setConfig({ rules: [{ kind: "redirect", status: 307, location: `${collector.origin}/steal?k=1` }] })
      const env = { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_KEY: API_KEY, CLOUDFLARE_EMAIL: EMAIL }
      const r = yield* runCli(["list"], env)
      emulator.faults.setConfig({ rules: [] })
      assert.strictEqual(r.code, 1, r.stderr)
      assert.include(r.stderr, `failed with 307 Redirect to ${collector.origin}`)
      assert.include(r.stderr, "not followed")
      assert.notInclude(r.stderr, "steal")
      assert.strictEqual(r.stdout, "")
      assert.deepStrictEqual(collector.received, [])
    }))
})
