import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import { CloudflareError } from "../src/index.js"

const api = {
  method: "GET",
  route: "/accounts/{account_id}",
  errors: [{ code: 1003, message: "Could not find the account" }],
  cfRay: "8f0e1d2c3b4a5968-AMS"
}

const apiErrors = [
  new CloudflareError.BadRequestError({ ...api, status: 400 }),
  new CloudflareError.AuthenticationError({ ...api, status: 401 }),
  new CloudflareError.PermissionDeniedError({ ...api, status: 403 }),
  new CloudflareError.NotFoundError({ ...api, status: 404 }),
  new CloudflareError.ConflictError({ ...api, status: 409 }),
  new CloudflareError.UnprocessableEntityError({ ...api, status: 422 }),
  new CloudflareError.RateLimitedError({ ...api, status: 429, retryAfter: Duration.seconds(7) }),
  new CloudflareError.ServerError({ ...api, status: 503, bodyExcerpt: "<html>" }),
  new CloudflareError.UnexpectedStatusError({ ...api, status: 405 })
]

describe("API error messages: one line with method, route, status, code and cf-ray", () => {
  for (const error of apiErrors) {
    it(`${error._tag} (${error.status})`, () => {
      const message = error.message
      assert.notInclude(message, "\n")
      assert.isTrue(message.startsWith(`GET /accounts/{account_id} failed with ${error.status} `), message)
      assert.include(message, "(code 1003)")
      assert.include(message, "Could not find the account")
      assert.include(message, "[cf-ray 8f0e1d2c3b4a5968-AMS]")
      // String(error) is what a person sees from a plain console.log or an uncaught rejection.
      assert.include(String(error), message)
    })
  }

  it("a 429 says how long to wait", () => {
    assert.include(apiErrors[6]?.message, "Retry after 7s")
  })

  it("a 503 with Retry-After says how long to wait; without it the message is unchanged", () => {
    const withWait = new CloudflareError.ServerError({ ...api, status: 503, retryAfter: Duration.seconds(90) })
    assert.isTrue(withWait.message.endsWith(". Retry after 1m 30s"), withWait.message)
    assert.notInclude(withWait.message, "\n")
    assert.strictEqual(
      apiErrors[7]?.message,
      "GET /accounts/{account_id} failed with 503 Server Error: Could not find the account (code 1003) [cf-ray 8f0e1d2c3b4a5968-AMS]"
    )
  })

  it("a 501 says the endpoint is not available instead of promising a retry will help", () => {
    const error = new CloudflareError.ServerError({ ...api, status: 501 })
    assert.include(error.message, "failed with 501 Not Implemented")
    assert.notInclude(error.message, "temporary")
  })

  it("a 3xx names only the origin it pointed to and says it was not followed", () => {
    const error = new CloudflareError.RedirectError({ ...api, status: 307, locationOrigin: "https://collector.example:443" })
    assert.strictEqual(
      error.message,
      "GET /accounts/{account_id} failed with 307 Redirect to https://collector.example:443: Could not find the account (code 1003) [cf-ray 8f0e1d2c3b4a5968-AMS]. It was not followed, so no credentials were sent there"
    )
    const nowhere = new CloudflareError.RedirectError({ ...api, errors: [], status: 300 })
    assert.include(nowhere.message, "failed with 300 Redirect without a usable Location [cf-ray")
  })

  it("messages say what happened, never what to do in an app: no command, flag or variable names", () => {
    // hints belong to the app that prints the error (the CLI's Hints)
    for (const error of apiErrors) assert.notMatch(error.message, /CLOUDFLARE_|cf-accounts|--|list --name|Check /, error.message)
  })

  it("without errors[] and cf-ray the message still names method, route and status", () => {
    const error = new CloudflareError.NotFoundError({ status: 404, method: "DELETE", route: "/accounts/{account_id}", errors: [] })
    assert.isTrue(error.message.startsWith("DELETE /accounts/{account_id} failed with 404 Not Found"), error.message)
    assert.notInclude(error.message, "cf-ray")
    assert.notInclude(error.message, "code")
  })

  it("several Cloudflare errors are joined on one line", () => {
    const error = new CloudflareError.BadRequestError({
      status: 400,
      method: "POST",
      route: "/accounts",
      errors: [
        { code: 1001, message: "first" },
        { code: 1002, message: "second" }
      ]
    })
    assert.include(error.message, "first (code 1001); second (code 1002)")
    assert.notInclude(error.message, "\n")
  })
})

describe("other error messages", () => {
  it("InvalidInputError names field, rule and value", () => {
    const error = new CloudflareError.InvalidInputError({
      field: "account_id",
      rule: "must be exactly 32 hexadecimal characters",
      value: "../x"
    })
    assert.strictEqual(error.message, 'Invalid account_id: must be exactly 32 hexadecimal characters (got "../x")')
  })

  it("InvalidInputError shows a missing value as 'nothing' and shortens long values to one line", () => {
    assert.include(new CloudflareError.InvalidInputError({ field: "id", rule: "is missing", value: undefined }).message, "(got nothing)")
    const long = new CloudflareError.InvalidInputError({ field: "name", rule: "r", value: `a\n${"b".repeat(200)}` })
    assert.notInclude(long.message, "\n")
    assert.isBelow(long.message.length, 120)
    const circular: Record<string, unknown> = {}
    circular.self = circular
    assert.notInclude(new CloudflareError.InvalidInputError({ field: "x", rule: "r", value: circular }).message, "\n")
  })

  it("transport, timeout, decode, configuration and outcome-unknown errors are one line", () => {
    const errors = [
      new CloudflareError.TransportError({ method: "GET", route: "/accounts", reason: "connection", sent: false, detail: "ECONNREFUSED" }),
      new CloudflareError.TimeoutError({ method: "GET", route: "/accounts", timeout: Duration.seconds(60) }),
      new CloudflareError.ResponseDecodeError({
        method: "GET",
        route: "/accounts",
        status: 200,
        path: "result.0.id",
        detail: "is missing",
        bodyExcerpt: "{}",
        cfRay: "abc"
      }),
      new CloudflareError.ConfigurationError({ variables: ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY"], reason: "set one of them" }),
      new CloudflareError.OutcomeUnknownError({ method: "POST", route: "/accounts", detail: "connection reset after sending" }),
      new CloudflareError.IncompleteListingError({
        method: "GET",
        route: "/accounts",
        reason: "total_count changed from 200 to 190 on page 3",
        passes: 3,
        pages: 11,
        accounts: 190,
        totals: [200, 190]
      })
    ]
    for (const error of errors) assert.notInclude(error.message, "\n")
    assert.strictEqual(
      errors[0]?.message,
      "GET /accounts failed: connection error (ECONNREFUSED)"
    )
    assert.strictEqual(errors[1]?.message, "GET /accounts timed out after 1m")
    assert.strictEqual(errors[2]?.message, "GET /accounts returned 200 with an unexpected body at result.0.id: is missing [cf-ray abc]")
    assert.include(errors[3]?.message, "CLOUDFLARE_API_TOKEN, CLOUDFLARE_API_KEY")
    assert.strictEqual(
      errors[4]?.message,
      "POST /accounts: the outcome is unknown (connection reset after sending). It was not sent again"
    )
    assert.strictEqual(
      errors[5]?.message,
      "GET /accounts listing incomplete after 3 passes (11 pages, 190 unique accounts, total_count 200, 190): total_count changed from 200 to 190 on page 3"
    )
  })
})
