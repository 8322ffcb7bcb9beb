import {
  AuthenticationError,
  ConfigurationError,
  IncompleteListingError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  TransportError
} from "@cf-accounts/core/CloudflareError"
import { ErrorCode } from "@cf-accounts/core/ErrorCode"
import { StalePlanError } from "@cf-accounts/policy/StalePlanError"
import * as ValidationError from "@effect/cli/ValidationError"
import * as HelpDoc from "@effect/cli/HelpDoc"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Exit from "effect/Exit"
import { ChangesPendingError, FindingsError, PartialFailureError, UnverifiedFleetError, UsageError } from "../src/CliError.js"
import * as ExitCode from "../src/ExitCode.js"
import { makeScrubber } from "../src/internal/scrub.js"
import * as Report from "../src/Report.js"

const api = { method: "GET", route: "/accounts/{account_id}", errors: [], cfRay: "8a1b2c3d4e5f6789-SJC" }

describe("ExitCode", () => {
  it("maps each failure to its documented code", () => {
    const cases: ReadonlyArray<[unknown, number]> = [
      [ValidationError.invalidValue(HelpDoc.p("bad")), 2],
      [new InvalidInputError({ field: "account_id", rule: "r", value: "x" }), 2],
      [new ConfigurationError({ variables: ["CLOUDFLARE_API_TOKEN"], reason: "missing" }), 2],
      [new UsageError({ reason: "nothing to change" }), 2],
      [new AuthenticationError({ ...api, status: 401 }), 3],
      [new PermissionDeniedError({ ...api, status: 403 }), 3],
      [new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.AccountNotFound, message: "Account not found" }] }), 4],
      // No such route here (a wrong base URL): not a missing account.
      [new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.NoRoute, message: "No route for that URI" }] }), 1],
      [new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.CouldNotRoute, message: "Could not route" }] }), 1],
      [new NotFoundError({ ...api, status: 404 }), 1],
      [new RateLimitedError({ ...api, status: 429, retryAfter: Duration.seconds(1) }), 5],
      [
        new IncompleteListingError({
          method: "GET",
          route: "/accounts",
          reason: "total_count changed from 200 to 190 on page 2",
          passes: 3,
          pages: 8,
          accounts: 190,
          totals: [200, 190]
        }),
        6
      ],
      [new ServerError({ ...api, status: 503 }), 1],
      [new TransportError({ method: "GET", route: "/accounts", reason: "reset", sent: true, detail: "ECONNRESET" }), 1],
      [new TimeoutError({ method: "GET", route: "/accounts", timeout: Duration.seconds(60) }), 1],
      [new PartialFailureError({ failed: 1, total: 2, exitCode: 4 }), 4],
      [new UnverifiedFleetError({ command: "plan", warnings: ["no total_count"] }), 6],
      [new FindingsError({ open: 2, excused: 0 }), 7],
      [new ChangesPendingError({ summary: "1 to create" }), 8],
      [new StalePlanError({ changes: [{ account: "acme-staging", detail: "now exists, and the plan creates it" }] }), 9],
      [new Error("boom"), 1]
    ]
    for (const [error, code] of cases) assert.strictEqual(ExitCode.forError(error), code, String(error))
  })

  it("maps how the program ended", () => {
    assert.strictEqual(ExitCode.forExit(Exit.void), 0)
    assert.strictEqual(
      ExitCode.forExit(Exit.fail(new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.AccountNotFound, message: "Account not found" }] }))),
      4
    )
    assert.strictEqual(ExitCode.forExit(Exit.die(new Error("bug"))), 1)
    assert.strictEqual(ExitCode.forExit(Exit.interrupt(0 as never)), 130)
  })
})

describe("Report", () => {
  it("is one line: what failed, Cloudflare's code and message, the cf-ray id, what to do", () => {
    const line = Report.describe(
      new NotFoundError({ ...api, status: 404, errors: [{ code: 1003, message: "Account not found" }] })
    )
    assert.strictEqual(
      line,
      "GET /accounts/{account_id} failed with 404 Not Found: Account not found (code 1003) [cf-ray 8a1b2c3d4e5f6789-SJC]. Check the account id, and that these credentials can see it"
    )
    assert.notInclude(Report.describe(new Error("two\nlines")), "\n")
  })
})

describe("scrub", () => {
  it("removes every secret, longest first, and leaves short values alone", () => {
    const scrub = makeScrubber(["tok-123456789", "tok-123456789-longer", undefined, "abc"])
    assert.strictEqual(scrub("a tok-123456789-longer b tok-123456789 abc"), "a [REDACTED] b [REDACTED] abc")
  })
})
