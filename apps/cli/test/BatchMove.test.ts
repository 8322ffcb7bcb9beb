import { NotFoundError, ServerError, UnexpectedStatusError } from "@cf-accounts/core/CloudflareError"
import { assert, describe, it } from "@effect/vitest"
import { batchFailureCode, isNotImplemented, outcomesOf, unavailableReason } from "../src/commands/BatchMove.js"
import * as DryRun from "../src/DryRun.js"

const api = { method: "POST", route: "/accounts/move", errors: [] }

describe("batch-move", () => {
  it("falls back to single moves on a bare 404, 405, 501, a no-route code or 'not implemented'", () => {
    assert.isTrue(isNotImplemented(new NotFoundError({ ...api, status: 404 })))
    assert.isTrue(isNotImplemented(new NotFoundError({ ...api, status: 404, errors: [{ code: 7003, message: "No route for the URI" }] })))
    assert.isFalse(
      isNotImplemented(new NotFoundError({ ...api, status: 404, errors: [{ code: 1004, message: "Organization not found" }] })),
      "a 404 naming something else is a real answer"
    )
    assert.isTrue(isNotImplemented(new UnexpectedStatusError({ ...api, status: 405 })))
    assert.isTrue(isNotImplemented(new ServerError({ ...api, status: 501 })))
    assert.isTrue(isNotImplemented(new ServerError({ ...api, status: 500, errors: [{ code: 7003, message: "No route" }] })))
    assert.isTrue(
      isNotImplemented(new ServerError({ ...api, status: 500, errors: [{ code: 1, message: "Method Not Implemented" }] }))
    )
    assert.isFalse(isNotImplemented(new ServerError({ ...api, status: 503 })))
    assert.isFalse(isNotImplemented(new Error("boom")))
  })

  it("says why the batch endpoint is not available without the generic 'try again later' hint", () => {
    assert.strictEqual(
      unavailableReason(new ServerError({ ...api, status: 501, errors: [{ code: 10501, message: "Not implemented" }], cfRay: "abc-EMU" })),
      "501: Not implemented (code 10501) [cf-ray abc-EMU]"
    )
    assert.strictEqual(unavailableReason(new NotFoundError({ ...api, status: 404 })), "404")
  })

  it("an account the batch endpoint did not find exits 4, as its single move's 404 would; any other failure 1", () => {
    const id = "0123456789abcdef0123456789abcdef"
    assert.strictEqual(batchFailureCode({ account_id: id, moved: false, message: "account not found" }), 4)
    assert.strictEqual(batchFailureCode({ account_id: id, moved: false, message: "locked" }), 1)
    assert.strictEqual(batchFailureCode({ account_id: id, moved: false }), 1)
  })

  it("reports each account from its own status, else from the batch's", () => {
    const a = "0123456789abcdef0123456789abcdef"
    const b = "fedcba9876543210fedcba9876543210"
    assert.deepStrictEqual(
      outcomesOf([a, b], {
        statuses: { tag: "ok", moved: true, message: "batch", [a]: { tag: "failed", moved: false, message: "locked" } }
      }),
      [
        { account_id: a, moved: false, message: "locked" },
        { account_id: b, moved: true, message: "batch" }
      ]
    )
  })
})

describe("DryRun.describe", () => {
  it("builds the full URL with the query, and never headers", () => {
    const request = DryRun.describe(
      { method: "GET", route: "/accounts", path: "/accounts", urlParams: { name: "a b", page: "2" } },
      "https://api.example/client/v4"
    )
    assert.deepStrictEqual(request, {
      dry_run: true,
      method: "GET",
      url: "https://api.example/client/v4/accounts?name=a+b&page=2"
    })
  })
})
