/**
 * Safe defaults: --dry-run sends nothing, delete without --yes and without a
 * terminal sends nothing, and credentials never appear in any output.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type Result, envFor, json, lines, organizations, requestsByRoute, resetStats, runCli } from "./support/cli.js"

const TOKEN = "cfat-SECRET-TOKEN-7f3a9c1e5b2d4f6a8c0e"
const API_KEY = "cfkey-SECRET-KEY-91b2c3d4e5f6"
const EMAIL = "secret.admin@leak-check.example"
const WRONG_TOKEN = "cfat-WRONG-TOKEN-0a1b2c3d4e5f6789"

const assertNoSecret = (result: Result, ...secrets: ReadonlyArray<string>) => {
  for (const secret of secrets) {
    assert.notInclude(result.stdout, secret, "a secret on stdout")
    assert.notInclude(result.stderr, secret, "a secret on stderr")
    // Nor a recognisable part of one.
    assert.notInclude(result.stderr, secret.slice(-12), "part of a secret on stderr")
  }
}

layer(Emulator.layer({ seedAccounts: 6, token: TOKEN, apiKey: API_KEY, email: EMAIL }))("safety", (it) => {
  const seededId = (env: Record<string, string>) =>
    Effect.map(runCli(["list", "--per-page", "5", "-o", "json"], env), (r) => (json(r) as Array<{ id: string }>)[0]!.id)

  describe("--dry-run", () => {
    it.effect("every write prints its request and sends nothing (the reads of update and profile set are real)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* seededId(env)
        const org = (yield* organizations(emulator.origin))[1]!.id
        yield* resetStats(emulator.origin)
        const runs = {
          create: yield* runCli(["create", "--name", "Dry Co", "--type", "enterprise", "--unit-id", "unit-1", "--dry-run", "-o", "json"], env),
          delete: yield* runCli(["delete", id, "--dry-run", "-o", "json"], env),
          move: yield* runCli(["move", id, "--to", org, "--dry-run", "-o", "json"], env),
          batch: yield* runCli(["batch-move", "--to", org, id, "--dry-run", "-o", "json"], env),
          profile: yield* runCli(
            ["profile", "set", id, "--business-name", "n", "--business-email", "e@x.example", "--business-phone", "1", "--business-address", "a", "--external-metadata", "m", "--dry-run", "-o", "json"],
            env
          )
        }
        // profile set reads the profile first (to keep what is not given), also with --dry-run
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { "GET /accounts/{account_id}/profile": 1 })
        for (const r of Object.values(runs)) {
          assert.strictEqual(r.code, 0, r.stderr)
          assert.match(r.stderr, /dry run: nothing was sent/)
          assertNoSecret(r, TOKEN)
        }
        assert.deepStrictEqual(json(runs.create), {
          dry_run: true,
          method: "POST",
          url: `${emulator.url}/accounts`,
          body: { name: "Dry Co", type: "enterprise", unit: { id: "unit-1" } }
        })
        assert.deepStrictEqual(json(runs.delete), { dry_run: true, method: "DELETE", url: `${emulator.url}/accounts/${id}` })
        assert.deepStrictEqual(json(runs.move), {
          dry_run: true,
          method: "POST",
          url: `${emulator.url}/accounts/${id}/move`,
          body: { destination_organization_id: org }
        })
        assert.deepStrictEqual(json(runs.batch), {
          dry_run: true,
          method: "POST",
          url: `${emulator.url}/accounts/move`,
          body: { account_ids: [id], destination_organization_id: org }
        })
        assert.strictEqual((json(runs.profile) as { method: string }).method, "PUT")

        const update = yield* runCli(["update", id, "--name", "Dry Renamed", "--dry-run", "-o", "json"], env)
        assert.strictEqual(update.code, 0, update.stderr)
        const printed = json(update) as { method: string; url: string; body: { id: string; name: string; type: string } }
        assert.strictEqual(printed.method, "PUT")
        assert.strictEqual(printed.url, `${emulator.url}/accounts/${id}`)
        assert.strictEqual(printed.body.name, "Dry Renamed")
        assert.strictEqual(printed.body.id, id)
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), {
          "GET /accounts/{account_id}/profile": 1,
          "GET /accounts/{account_id}": 1
        })
      }))

    it.effect("works without credentials when nothing has to be read; table shows METHOD URL and the body", () =>
      Effect.gen(function* () {
        const r = yield* runCli(["create", "--name", "No Creds", "--dry-run", "-o", "table"])
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(
          r.stdout,
          `POST https://api.cloudflare.com/client/v4/accounts\n${JSON.stringify({ name: "No Creds" }, null, 2)}\n`
        )
      }))
  })

  describe("delete", () => {
    it.effect("without --yes and without a terminal: refused with exit 2, nothing sent", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* seededId(env)
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["delete", id], env)
        assert.strictEqual(r.code, 2)
        assert.match(r.stderr, /--yes/)
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), {})
        const still = yield* runCli(["get", id], env)
        assert.strictEqual(still.code, 0)
      }))
  })

  describe("credentials never appear", () => {
    it.effect("in any command's output, with --verbose, in every format", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* seededId(env)
        const org = (yield* organizations(emulator.origin))[2]!.id
        const commands: ReadonlyArray<ReadonlyArray<string>> = [
          ["list", "--all"],
          ["get", id],
          ["create", "--name", "Leak Check"],
          ["update", id, "--abuse-contact-email", EMAIL],
          ["move", id, "--to", org],
          ["batch-move", "--to", org, id],
          ["organizations", id],
          ["profile", "get", id],
          ["get", "ffffffffffffffffffffffffffffffff"]
        ]
        const runs = commands.flatMap((command) =>
          ["table", "json", "ndjson"].map((output) => [...command, "--verbose", "-o", output])
        )
        const results = yield* Effect.forEach(runs, (args) => runCli(args, env), { concurrency: 3 })
        for (const r of results) {
          assert.include([0, 4], r.code, r.stderr)
          assert.match(r.stderr, /\[debug\] HTTP /)
          assertNoSecret(r, TOKEN)
        }
      }))

    it.effect("in authentication failures (exit 3) and with an API key and email", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const wrong = yield* runCli(["list", "--verbose"], { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_TOKEN: WRONG_TOKEN })
        assert.strictEqual(wrong.code, 3)
        assert.match(wrong.stderr, /^cf-accounts list: GET \/accounts failed with (401|403)/m)
        assertNoSecret(wrong, WRONG_TOKEN)

        const keyEnv = { CLOUDFLARE_BASE_URL: emulator.url, CLOUDFLARE_API_KEY: API_KEY, CLOUDFLARE_EMAIL: EMAIL }
        const ok = yield* runCli(["list", "--verbose", "-o", "ndjson"], keyEnv)
        assert.strictEqual(ok.code, 0, ok.stderr)
        assert.isAbove(lines(ok).length, 0)
        assertNoSecret(ok, API_KEY)
        assert.notInclude(ok.stderr, EMAIL)

        const badKey = yield* runCli(["list", "--verbose"], { ...keyEnv, CLOUDFLARE_API_KEY: `${API_KEY}-nope` })
        assert.strictEqual(badKey.code, 3)
        assertNoSecret(badKey, API_KEY, EMAIL)
      }))

    it.effect("in network failures", () =>
      Effect.gen(function* () {
        const r = yield* runCli(["get", "0123456789abcdef0123456789abcdef", "--verbose"], {
          CLOUDFLARE_BASE_URL: "http://127.0.0.1:9/client/v4",
          CLOUDFLARE_API_TOKEN: TOKEN
        })
        assert.strictEqual(r.code, 1)
        assert.match(r.stderr, /^cf-accounts get: GET \/accounts\/\{account_id\} failed/m)
        assertNoSecret(r, TOKEN)
      }))
  })
})

describe("stdout is scrubbed too", () => {
  it.effect("a token pasted where a name belongs is printed as [REDACTED]", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["create", "--name", `x ${TOKEN}`, "--dry-run", "-o", "json"], {
        CLOUDFLARE_API_TOKEN: TOKEN
      })
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual((json(r) as { body: unknown }).body, { name: "x [REDACTED]" })
      assertNoSecret(r, TOKEN)
    }))

  // '/' and '+' make the percent-encoded form differ from the token itself.
  const SLASHED = "cf/Sec+Tok-7f3a9c1e"
  const disguised = [SLASHED.toUpperCase(), SLASHED.toLowerCase(), encodeURIComponent(SLASHED), encodeURIComponent(SLASHED).toLowerCase()]

  it.effect("a token in another letter case or percent-encoded is [REDACTED] on stdout", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["create", "--name", disguised.join(" "), "--dry-run", "-o", "json"], {
        CLOUDFLARE_API_TOKEN: SLASHED
      })
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual((json(r) as { body: unknown }).body, { name: disguised.map(() => "[REDACTED]").join(" ") })
      assertNoSecret(r, ...disguised)
    }))

  it.effect("a token in another letter case or percent-encoded is [REDACTED] on stderr", () =>
    Effect.gen(function* () {
      // Three forms: the error quotes at most about 80 characters of the value.
      const forms = [disguised[0]!, disguised[2]!, disguised[3]!]
      const r = yield* runCli(["get", `x-${forms.join("-")}`], { CLOUDFLARE_API_TOKEN: SLASHED })
      assert.strictEqual(r.code, 2, r.stderr)
      assert.include(r.stderr, '(got "x-[REDACTED]-[REDACTED]-[REDACTED]")')
      assertNoSecret(r, ...forms)
    }))
})

describe("a server that echoes the credentials back", () => {
  it.effect("the echoed token is removed from the error line and the verbose log", () =>
    Effect.gen(function* () {
      const server = yield* Effect.acquireRelease(
        Effect.async<Server>((resume) => {
          const s = createServer((req, res) => {
            res.statusCode = 400
            res.setHeader("content-type", "application/json")
            const echoed = `${req.headers["authorization"] ?? ""} ${req.headers["x-auth-key"] ?? ""}`
            res.end(JSON.stringify({ success: false, errors: [{ code: 6003, message: `Invalid header: ${echoed}` }], messages: [], result: null }))
          })
          s.listen(0, "127.0.0.1", () => resume(Effect.succeed(s)))
        }),
        (s) =>
          Effect.async<void>((resume) => {
            s.close(() => resume(Effect.void))
            s.closeAllConnections()
          })
      )
      const { port } = server.address() as AddressInfo
      const r = yield* runCli(["get", "0123456789abcdef0123456789abcdef", "--verbose"], {
        CLOUDFLARE_BASE_URL: `http://127.0.0.1:${port}/client/v4`,
        CLOUDFLARE_API_TOKEN: TOKEN
      })
      assert.strictEqual(r.code, 1)
      assert.match(r.stderr, /^cf-accounts get: GET \/accounts\/\{account_id\} failed with 400 Bad Request: Invalid header: .*\(code 6003\)/m)
      assertNoSecret(r, TOKEN)
    }).pipe(Effect.scoped))
})
