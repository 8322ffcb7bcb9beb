import { Operations } from "@cf-accounts/core"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { parseFaultConfig } from "../src/FaultConfig.js"
import { FaultInjector } from "../src/Faults.js"

describe("fault routes come from core's Operations table", () => {
  it("a rule's route must be '*' or the METHOD route of an operation", () => {
    assert.isTrue(Either.isRight(parseFaultConfig(JSON.stringify({ rules: [{ route: "GET /accounts", kind: "truncate" }] }))))
    const refused = parseFaultConfig(JSON.stringify({ rules: [{ route: "GET /acounts", kind: "truncate" }] }))
    assert.isTrue(Either.isLeft(refused))
    assert.include(Either.isLeft(refused) ? refused.left : "", "PUT /accounts/{account_id}/profile")
  })

  it("truncate applies to every operation with a JSON success, never to the empty (204) one", () => {
    const faults = new FaultInjector(1, { rules: [{ kind: "truncate" }] })
    for (const operation of Operations.all) {
      assert.strictEqual(faults.plan(operation).outcome !== undefined, !operation.empty, operation.key)
    }
  })
})
