import { RateLimitedError, ServerError, NotFoundError, TransportError } from "@cf-accounts/core/CloudflareError"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Failure from "../src/platform/Failure.js"

const api = { method: "PUT", route: "/accounts/{account_id}", errors: [{ code: 1003, message: "nope" }] }

describe("Failure", () => {
  it("treats 429, retried 5xx, network errors and 408 as transient, other API errors as permanent", () => {
    assert.isTrue(Failure.isTransient(new RateLimitedError({ ...api, status: 429 })))
    assert.isTrue(Failure.isTransient(new ServerError({ ...api, status: 503 })))
    assert.isTrue(
      Failure.isTransient(new TransportError({ method: "GET", route: "/accounts", reason: "reset", sent: true, detail: "x" }))
    )
    assert.isFalse(Failure.isTransient(new NotFoundError({ ...api, status: 404 })))
    // the client's rule: 501 (not implemented) and other permanent 5xx are not worth retrying
    assert.isFalse(Failure.isTransient(new ServerError({ ...api, status: 501 })))
    assert.isFalse(Failure.isTransient(new ServerError({ ...api, status: 505 })))
    assert.isTrue(Failure.isTransient({ _tag: "DatabaseError", message: "D1 busy" }))
    assert.isFalse(Failure.isTransient(new Error("boom")))
  })

  it("waits the server's Retry-After, else doubles the base per delivery, capped at 15 minutes", () => {
    const limited = new RateLimitedError({ ...api, status: 429, retryAfter: Duration.millis(2500) })
    assert.strictEqual(Failure.retryDelaySeconds(limited, 1, 10), 3)
    const server = new ServerError({ ...api, status: 502 })
    assert.deepStrictEqual(
      [1, 2, 3, 4].map((n) => Failure.retryDelaySeconds(server, n, 10)),
      [10, 20, 40, 80]
    )
    assert.strictEqual(Failure.retryDelaySeconds(server, 30, 10), 900)
    assert.strictEqual(Failure.retryDelaySeconds(server, 3, 0), 0)
  })

  it("records the tag, message, status and Cloudflare errors", () => {
    const record = Failure.toRecord(new NotFoundError({ ...api, status: 404, cfRay: "abc-LHR" }))
    assert.deepStrictEqual(
      { ...record, message: undefined },
      { tag: "NotFoundError", message: undefined, status: 404, errors: [{ code: 1003, message: "nope" }], cf_ray: "abc-LHR" }
    )
    assert.include(record.message, "404")
    assert.deepStrictEqual(Failure.toRecord("weird"), { tag: "UnknownError", message: "weird" })
  })
})
