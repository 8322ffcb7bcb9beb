import {
  AuthenticationError,
  IncompleteListingError,
  NotFoundError,
  OutcomeUnknownError,
  PermissionDeniedError,
  RateLimitedError,
  ServerError,
  TransportError
} from "@cf-accounts/core/CloudflareError"
import { ErrorCode } from "@cf-accounts/core/ErrorCode"
import * as Operations from "@cf-accounts/core/Operations"
import { assert, describe, it } from "@effect/vitest"
import * as ExitCode from "../src/ExitCode.js"
import * as Hints from "../src/Hints.js"
import * as Report from "../src/Report.js"

const api = { method: "GET", route: "/accounts/{account_id}", errors: [] }

describe("Hints: the CLI says what to do next; core's messages only say what happened", () => {
  it("a 401 names the credential variables, for the kind in use when known", () => {
    const error = new AuthenticationError({ ...api, status: 401 })
    assert.notInclude(error.message, "CLOUDFLARE_")
    assert.strictEqual(
      Report.describe(error),
      "GET /accounts/{account_id} failed with 401 Unauthorized. Check CLOUDFLARE_API_TOKEN (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL)"
    )
    assert.strictEqual(Hints.forError(error, "ApiToken"), "Check CLOUDFLARE_API_TOKEN")
    assert.strictEqual(Hints.forError(error, "ApiKey"), "Check CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL")
    assert.strictEqual(Hints.forError(error, "UserServiceKey"), "Check CLOUDFLARE_API_USER_SERVICE_KEY")
  })

  it("a 403 with a credential code says the credentials are not valid; a plain 403 asks for permission", () => {
    const invalid = new PermissionDeniedError({ ...api, status: 403, errors: [{ code: ErrorCode.AuthenticationError, message: "Authentication error" }] })
    assert.include(Hints.forError(invalid, "ApiToken"), "Check CLOUDFLARE_API_TOKEN: the credentials are not valid")
    assert.include(Hints.forError(new PermissionDeniedError({ ...api, status: 403 })), "has the permission")
  })

  it("each hint ends the one-line message", () => {
    const cases: ReadonlyArray<[unknown, string]> = [
      [new RateLimitedError({ ...api, status: 429 }), ". Cloudflare allows 1200 requests per 5 minutes"],
      [new ServerError({ ...api, status: 503 }), ". This is usually temporary; try again later"],
      [new ServerError({ ...api, status: 501 }), ". This endpoint is not available; use another way to do this"],
      [new TransportError({ method: "GET", route: "/accounts", reason: "dns", sent: false, detail: "ENOTFOUND" }), ". Check the network and the base URL (--base-url or CLOUDFLARE_BASE_URL)"],
      [new OutcomeUnknownError({ method: "POST", route: "/accounts", detail: "reset" }), ". It was not sent again. Check with 'list --name' before retrying"],
      [
        new IncompleteListingError({ method: "GET", route: "/accounts", reason: "r", passes: 1, pages: 1, accounts: 1, totals: [] }),
        ": r. Try again later"
      ]
    ]
    for (const [error, end] of cases) assert.isTrue(Report.describe(error).endsWith(end), Report.describe(error))
    assert.strictEqual(Report.describe(new Error("boom")), "boom")
  })

  it("a 404 with a 'no route' code (or nothing else to say) is a wrong base URL, exit 1, not a missing id", () => {
    for (const code of [ErrorCode.NoRoute, ErrorCode.CouldNotRoute]) {
      const error = new NotFoundError({ ...api, status: 404, errors: [{ code, message: "No route for the URI" }] })
      assert.strictEqual(Hints.forError(error), "No such route: check --base-url or CLOUDFLARE_BASE_URL (Cloudflare also says this of an id it cannot route: check the id too)")
      assert.strictEqual(ExitCode.forError(error), ExitCode.ExitCode.Failure)
    }
    assert.strictEqual(Hints.forError(new NotFoundError({ ...api, status: 404 })), "No such route: check --base-url or CLOUDFLARE_BASE_URL (Cloudflare also says this of an id it cannot route: check the id too)")
  })

  it("a 404 says which id was not found: the organization when the answer says so, else the account, else both", () => {
    const notFound = (route: string, message?: string) =>
      Hints.forError(
        new NotFoundError({
          ...api,
          method: "POST",
          route,
          status: 404,
          errors: message === undefined ? [{ code: 1, message: "Not found" }] : [{ code: 1, message }]
        })
      )
    assert.strictEqual(notFound(Operations.move.route, "Organization not found"), "Check the organization id (--to), and that these credentials can see it")
    assert.strictEqual(notFound(Operations.batchMove.route, "Organization not found"), "Check the organization id (--to), and that these credentials can see it")
    assert.strictEqual(notFound(Operations.move.route, "Account not found"), "Check the account id, and that these credentials can see it")
    assert.strictEqual(notFound(Operations.get.route, "Not found"), "Check the account id, and that these credentials can see it")
    assert.strictEqual(notFound(Operations.move.route), "Check the account id and the organization id (--to), and that these credentials can see them")
    assert.strictEqual(notFound(Operations.batchMove.route), "Check the account ids and the organization id (--to), and that these credentials can see them")
    const ok = new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.AccountNotFound, message: "Account not found" }] })
    assert.strictEqual(ExitCode.forError(ok), ExitCode.ExitCode.NotFound)
  })
})
