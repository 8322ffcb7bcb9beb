import { assert, describe, it } from "@effect/vitest"
import { accountPath } from "../src/internal/path.js"

describe("request paths", () => {
  it("percent-encode the account id, so no value can add a segment, a query or a fragment", () => {
    assert.strictEqual(accountPath("a/../b?c=1#d %", "/move"), "/accounts/a%2F..%2Fb%3Fc%3D1%23d%20%25/move")
  })

  it("leave a valid id as it is", () => {
    const id = "0123456789abcdef0123456789abcdef"
    assert.strictEqual(accountPath(id, "/profile"), `/accounts/${id}/profile`)
  })
})
