import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Operations } from "../src/index.js"

describe("Operations", () => {
  it("names ten operations, each by its own name and its own METHOD route", () => {
    assert.strictEqual(Operations.all.length, 10)
    for (const [name, operation] of Object.entries(Operations.operations)) assert.strictEqual(operation.name, name)
    assert.strictEqual(new Set(Operations.all.map((o) => o.key)).size, 10)
    assert.strictEqual(Operations.byKey("PUT /accounts/{account_id}/profile"), Operations.updateProfile)
    assert.isUndefined(Operations.byKey("PATCH /accounts"))
  })

  it("builds each success envelope from the result schema, none for an empty success", () => {
    const page = Schema.decodeUnknownSync(Operations.list.success)({ success: true, result: [] })
    assert.deepStrictEqual(page.result, [])
    assert.isUndefined(Operations.updateProfile.success)
    for (const operation of Operations.all) assert.strictEqual(operation.success === undefined, operation.empty)
  })
})
