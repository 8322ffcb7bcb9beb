/**
 * The admin routes take no credentials, so they refuse what a web page on the
 * same machine could send: a non-loopback Origin (403) and a body that is not
 * declared JSON (415, since a browser sends text/plain or a form without a
 * preflight). Tools that send neither keep working.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { isLoopbackOrigin } from "../src/Admin.js"
import { call, withEmulator } from "./support.js"

const RULES = { rules: [{ kind: "status", status: 503 }] }

describe("admin route protection", () => {
  it.effect("a foreign Origin is refused with 403 on every admin route, and nothing changes", () =>
    withEmulator({ seedAccounts: 2 }, (emulator) =>
      Effect.gen(function* () {
        yield* call(emulator, "GET", "/accounts")
        const created = yield* call(emulator, "POST", "/accounts", { body: { name: "Kept", type: "standard" } })
        assert.strictEqual(created.status, 200, created.text)
        for (const origin of ["https://evil.example", "null", "http://localhost.evil.example:80", "https://127.0.0.1:8788"]) {
          const headers = { origin }
          const refused = [
            yield* call(emulator, "POST", "/__emulator/reset", { anonymous: true, headers }),
            yield* call(emulator, "POST", "/__emulator/reset-stats", { anonymous: true, headers }),
            yield* call(emulator, "PUT", "/__emulator/faults", { anonymous: true, body: RULES, headers }),
            yield* call(emulator, "GET", "/__emulator/stats", { anonymous: true, headers }),
            yield* call(emulator, "GET", "/__emulator/faults", { anonymous: true, headers }),
            yield* call(emulator, "GET", "/__emulator/organizations", { anonymous: true, headers }),
            yield* call(emulator, "GET", "/__emulator/health", { anonymous: true, headers })
          ]
          for (const reply of refused) {
            assert.strictEqual(reply.status, 403, `${origin}: ${reply.text}`)
            assert.strictEqual(reply.headers.get("content-type"), "application/json")
            assert.include(reply.json.error, "only loopback origins")
          }
        }
        const health = yield* call(emulator, "GET", "/__emulator/health", { anonymous: true })
        assert.deepStrictEqual(health.json, { ok: true, accounts: 3 })
        const faults = yield* call(emulator, "GET", "/__emulator/faults", { anonymous: true })
        assert.deepStrictEqual(faults.json.rules, [])
        const stats = yield* call(emulator, "GET", "/__emulator/stats", { anonymous: true })
        assert.strictEqual(stats.json.routes["GET /accounts"].requests, 1)
      })
    )
  )

  it.effect("loopback origins on any port are allowed", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        for (const origin of ["http://127.0.0.1:5173", "http://localhost:3000", "http://[::1]:8080", "http://localhost"]) {
          const put = yield* call(emulator, "PUT", "/__emulator/faults", { anonymous: true, body: { rules: [] }, headers: { origin } })
          assert.strictEqual(put.status, 200, `${origin}: ${put.text}`)
          const reset = yield* call(emulator, "POST", "/__emulator/reset", { anonymous: true, headers: { origin } })
          assert.deepStrictEqual([reset.status, reset.json], [200, { ok: true, accounts: 1 }])
        }
      })
    )
  )

  it.effect("a body that is not declared application/json is refused with 415 and not applied", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const raw = JSON.stringify(RULES)
        for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
          const put = yield* call(emulator, "PUT", "/__emulator/faults", { anonymous: true, raw, headers: { "content-type": contentType } })
          assert.strictEqual(put.status, 415, `${contentType}: ${put.text}`)
          assert.include(put.json.error, "Content-Type: application/json")
          const post = yield* call(emulator, "POST", "/__emulator/reset", { anonymous: true, raw: "{}", headers: { "content-type": contentType } })
          assert.strictEqual(post.status, 415, `${contentType}: ${post.text}`)
        }
        const faults = yield* call(emulator, "GET", "/__emulator/faults", { anonymous: true })
        assert.deepStrictEqual(faults.json.rules, [])
        const withCharset = yield* call(emulator, "PUT", "/__emulator/faults", {
          anonymous: true,
          raw,
          headers: { "content-type": "Application/JSON; charset=utf-8" }
        })
        assert.strictEqual(withCharset.status, 200, withCharset.text)
        assert.deepStrictEqual(withCharset.json.rules, RULES.rules)
      })
    )
  )

  it.effect("a POST without a body needs no Content-Type", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const reset = yield* call(emulator, "POST", "/__emulator/reset", { anonymous: true })
        assert.deepStrictEqual([reset.status, reset.json], [200, { ok: true, accounts: 1 }])
        const resetStats = yield* call(emulator, "POST", "/__emulator/reset-stats", { anonymous: true })
        assert.deepStrictEqual([resetStats.status, resetStats.json], [200, { ok: true }])
      })
    )
  )

  it("isLoopbackOrigin accepts only http on 127.0.0.1, localhost or [::1]", () => {
    assert.isTrue(isLoopbackOrigin("http://127.0.0.1:8788"))
    assert.isTrue(isLoopbackOrigin("http://localhost:1"))
    assert.isTrue(isLoopbackOrigin("http://[::1]:8788"))
    for (const origin of ["null", "", "https://localhost:8788", "http://127.0.0.2:80", "http://localhost.evil.example", "http://evil.example"]) {
      assert.isFalse(isLoopbackOrigin(origin), origin)
    }
  })
})
