import { assert, describe, it } from "@effect/vitest"
import { routes } from "../src/AccountsRequest.js"
import { fillAccountId } from "../src/internal/path.js"

describe("request paths", () => {
  it("percent-encode the account id, so no value can add a segment, a query or a fragment", () => {
    assert.strictEqual(fillAccountId(routes.move, "a/../b?c=1#d %$&"), "/accounts/a%2F..%2Fb%3Fc%3D1%23d%20%25%24%26/move")
  })

  it("fill each account route template, leaving a valid id as it is", () => {
    const id = "0123456789abcdef0123456789abcdef"
    assert.deepStrictEqual(
      [routes.account, routes.move, routes.organizations, routes.profile].map((route) => fillAccountId(route, id)),
      [`/accounts/${id}`, `/accounts/${id}/move`, `/accounts/${id}/organizations`, `/accounts/${id}/profile`]
    )
  })
})
