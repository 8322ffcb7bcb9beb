/**
 * Error lines point the right way, end to end against the emulator: a refused
 * connection names its host and port; a wrong base path (Cloudflare's "no route",
 * 7003) says so with exit 1, not "check the id" with exit 4; a bad API key is told
 * to check the API key and email; a move to a missing organization names the
 * organization id.
 */
import { createServer } from "node:net"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, json, runCli } from "./support/cli.js"

const ACCOUNT_ID = "0123456789abcdef0123456789abcdef"

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
const closedPort = Effect.async<number>((resume) => {
  const server = createServer()
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

layer(Emulator.layer({ seedAccounts: 3 }))("error lines", (it) => {
  it.effect("a refused connection names the host and port: exit 1", () =>
    Effect.gen(function* () {
      const port = yield* closedPort
      const r = yield* runCli(["get", ACCOUNT_ID], {
        CLOUDFLARE_BASE_URL: `http://127.0.0.1:${port}/client/v4`,
        CLOUDFLARE_API_TOKEN: "t"
      })
      assert.strictEqual(r.code, 1)
      assert.include(r.stderr, `127.0.0.1:${port}`)
      // Given with --base-url, the hint does not point at the variable alone.
      const flag = yield* runCli(["get", ACCOUNT_ID, "--base-url", `http://127.0.0.1:${port}/client/v4`], {
        CLOUDFLARE_API_TOKEN: "t".repeat(40)
      })
      assert.strictEqual(flag.code, 1)
      assert.include(flag.stderr, `at 127.0.0.1:${port}. Check the network and the base URL (--base-url or CLOUDFLARE_BASE_URL)`)
    }))

  it.effect("an IPv6 literal base URL is named in brackets, [::1]:port: exit 1", () =>
    Effect.gen(function* () {
      // Refused, or unreachable where IPv6 is off: either way the line names where it went.
      const port = yield* closedPort
      const r = yield* runCli(["get", ACCOUNT_ID], {
        CLOUDFLARE_BASE_URL: `http://[::1]:${port}/client/v4`,
        CLOUDFLARE_API_TOKEN: "t".repeat(40)
      })
      assert.strictEqual(r.code, 1)
      assert.include(r.stderr, ` at [::1]:${port}. `)
    }))

  it.effect("a wrong base path (no route): exit 1, names --base-url, not 'check the id' alone", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* runCli(["list"], { ...envFor(emulator), CLOUDFLARE_BASE_URL: `${emulator.origin}/client/v3` })
      assert.strictEqual(r.code, 1, r.stderr)
      assert.include(r.stderr, "--base-url")
    }))

  it.effect("a bad API key with its email: exit 3, the hint names the API key and email", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* runCli(["list"], {
        CLOUDFLARE_BASE_URL: emulator.url,
        CLOUDFLARE_API_KEY: "not-the-key",
        CLOUDFLARE_EMAIL: emulator.email
      })
      assert.strictEqual(r.code, 3)
      assert.include(r.stderr, "Check CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL")
      assert.notInclude(r.stderr, "token")
    }))

  it.effect("a move to an organization that does not exist names the organization id: exit 4", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const listed = yield* runCli(["list", "-o", "json"], env)
      const id = (json(listed) as Array<{ id: string }>)[0]?.id ?? ""
      const r = yield* runCli(["move", id, "--to", "ffffffffffffffffffffffffffffffff"], env)
      assert.strictEqual(r.code, 4, r.stderr)
      assert.include(r.stderr, "organization id (--to)")
    }))
})
