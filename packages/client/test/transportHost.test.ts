import { TransportError } from "@cf-accounts/core/CloudflareError"
import { RequestError } from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { fromHttpClientError, hostOf } from "../src/internal/errorMapping.js"
import { makeFake } from "./fakeHttp.js"
import { ACCOUNT_ID, clientFor } from "./fixtures.js"

const refused = (url: string) =>
  new RequestError({
    request: HttpClientRequest.get(url),
    reason: "Transport",
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })
  })

describe("a transport error names the host and port it tried, and nothing else of the URL", () => {
  it("host:port only: no userinfo, path or query", () => {
    const error = fromHttpClientError(refused("http://user:hunter2@127.0.0.1:8788/client/v4/accounts?name=secret-name"), {
      method: "GET",
      route: "/accounts",
      secrets: []
    })
    assert.instanceOf(error, TransportError)
    assert.strictEqual(error.host, "127.0.0.1:8788")
    assert.strictEqual(error.message, "GET /accounts failed: connection error (ECONNREFUSED) at 127.0.0.1:8788")
    for (const leak of ["hunter2", "user", "secret-name", "/client/v4"]) assert.notInclude(error.message, leak)
  })

  it("the scheme's default port when the URL has none", () => {
    assert.strictEqual(hostOf("https://api.cloudflare.com/client/v4/accounts"), "api.cloudflare.com:443")
    assert.strictEqual(hostOf("http://localhost/client/v4"), "localhost:80")
    assert.strictEqual(hostOf("not a url"), undefined)
  })

  it.effect("through the client: the configured base URL's host", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ transport: { code: "ECONNREFUSED" } }))
      const client = yield* clientFor(fake, { baseUrl: "http://127.0.0.1:9/client/v4", retry: { maxAttempts: 1 } })
      const error = yield* Effect.flip(client.get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as TransportError).host, "127.0.0.1:9")
      assert.isTrue(error.message.endsWith("(ECONNREFUSED) at 127.0.0.1:9"), error.message)
    })
  )
})
