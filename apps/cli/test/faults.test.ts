/**
 * Faults injected by the emulator are retried (and --verbose shows each wait);
 * the failures that remain map to exit codes 3, 4 and 5.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createWithLostAnswer, envFor, json, requestsByRoute, runCli, withFaults } from "./support/cli.js"

const GET_ACCOUNT = "GET /accounts/{account_id}"

layer(Emulator.layer({ seedAccounts: 6 }))("faults", (it) => {
  const firstId = (env: Record<string, string>) =>
    Effect.map(runCli(["list", "--per-page", "5", "-o", "json"], env), (r) => (json(r) as Array<{ id: string }>)[0]!.id)

  it.effect("429 with Retry-After is waited out and retried; --verbose shows the wait", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const id = yield* firstId(env)
      const r = yield* withFaults(
        emulator.origin,
        [{ route: GET_ACCOUNT, kind: "rate_limit", retryAfterMs: 150, times: 2 }],
        runCli(["get", id, "--verbose", "-o", "json"], env)
      )
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual((json(r) as { id: string }).id, id)
      assert.match(r.stderr, /\[debug\] HTTP GET \/accounts\/\{account_id\} 429 in \d+ms \(attempt 1\)/)
      assert.match(r.stderr, /\[debug\] retrying GET \/accounts\/\{account_id\} in 150ms after 429 \(attempt 2 of \d+\)/)
      assert.match(r.stderr, /\[debug\] HTTP GET \/accounts\/\{account_id\} 200 in \d+ms \(attempt 3\)/)
      assert.notInclude(r.stderr, id, "a query or id in a log line")
    }))

  it.effect("503 and a connection reset are retried", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const id = yield* firstId(env)
      const r = yield* withFaults(
        emulator.origin,
        [
          { route: GET_ACCOUNT, kind: "reset_before", times: 1 },
          { route: GET_ACCOUNT, kind: "status", status: 503, times: 1 }
        ],
        runCli(["get", id, "--verbose", "-o", "json"], env)
      )
      const result = r
      assert.strictEqual(result.code, 0, result.stderr)
      assert.match(result.stderr, /retrying GET \/accounts\/\{account_id\} in [\d.]+m?s after reset/)
      assert.match(result.stderr, /retrying GET \/accounts\/\{account_id\} in [\d.]+m?s after 503/)
      const stats = yield* requestsByRoute(emulator.origin)
      assert.strictEqual(stats[GET_ACCOUNT], 3)
    }))

  it.effect("list --all retries a rate-limited page and prints every account once, in order", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const clean = json(yield* runCli(["list", "--all", "--per-page", "5", "-o", "json"], env)) as Array<{ id: string }>
      const r = yield* withFaults(
        emulator.origin,
        [{ route: "GET /accounts", kind: "rate_limit", retryAfterMs: 20, times: 2 }],
        runCli(["list", "--all", "--per-page", "5", "-o", "ndjson"], env)
      )
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(
        r.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { id: string }).id),
        clean.map((a) => a.id)
      )
    }))

  it.effect("rate limited after the retry policy gave up: exit 5, one line", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const id = yield* firstId(env)
      const r = yield* withFaults(
        emulator.origin,
        [{ route: GET_ACCOUNT, kind: "rate_limit", retryAfterMs: 10 }],
        runCli(["get", id], env)
      )
      assert.strictEqual(r.code, 5)
      assert.strictEqual(r.stdout, "")
      const errorLines = r.stderr.trimEnd().split("\n")
      assert.strictEqual(errorLines.length, 1)
      assert.match(errorLines[0]!, /^cf-accounts get: GET \/accounts\/\{account_id\} failed with 429 Too Many Requests: .*\(code \d+\) \[cf-ray [^\]]+\]/)
    }))

  it.effect("delete of an id that never existed exits 4 and sends no DELETE, even with a 503 waiting for it", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* withFaults(
        emulator.origin,
        [{ route: "DELETE /accounts/{account_id}", kind: "status", status: 503, times: 1 }],
        Effect.zip(runCli(["delete", "0123456789abcdef0123456789abcdef", "--yes"], envFor(emulator)), requestsByRoute(emulator.origin))
      )
      assert.strictEqual(r[0].code, 4, r[0].stderr)
      assert.strictEqual(r[0].stdout, "")
      assert.deepStrictEqual(r[1], { "GET /accounts/{account_id}": 1 })
    }))

  it.effect("create whose 200 answer is an HTML page (the account was made) prints the account, exit 0, one account", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const r = yield* createWithLostAnswer(emulator, "Lost Answer Co")
      assert.strictEqual(r.code, 0, r.stderr)
      const created = json(r) as { id: string; name: string }
      assert.strictEqual(created.name, "Lost Answer Co")
      const named = json(yield* runCli(["list", "--name", "Lost Answer Co", "-o", "json"], env)) as Array<{ id: string }>
      assert.deepStrictEqual(named.map((a) => a.id), [created.id])
    }))

  it.effect("authentication failure: exit 3; not found: exit 4; server error that persists: exit 1", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const auth = yield* runCli(["organizations", "0123456789abcdef0123456789abcdef"], { ...env, CLOUDFLARE_API_TOKEN: "not-the-token" })
      assert.strictEqual(auth.code, 3)
      assert.match(auth.stderr, /^cf-accounts organizations: .*(401|403).*Check/)
      const missing = yield* runCli(["profile", "get", "0123456789abcdef0123456789abcdef"], env)
      assert.strictEqual(missing.code, 4)
      assert.match(missing.stderr, /^cf-accounts profile get: GET \/accounts\/\{account_id\}\/profile failed with 404/)
      const id = yield* firstId(env)
      const broken = yield* withFaults(
        emulator.origin,
        [{ route: "GET /accounts/{account_id}/organizations", kind: "edge_error", status: 522 }],
        runCli(["organizations", id], { ...env })
      )
      assert.strictEqual(broken.code, 1)
      assert.match(broken.stderr, /^cf-accounts organizations: GET \/accounts\/\{account_id\}\/organizations failed with 522/)
    }), 30_000)
})
