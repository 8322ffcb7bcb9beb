import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Account, Envelope, Ids, Input } from "../src/index.js"

// The README's example, kept working.
describe("README example", () => {
  it("decodes a response body, keeping unknown fields and normalising the id", () => {
    const decodeAccount = Schema.decodeUnknownSync(Envelope.Envelope(Account.Account))
    const { result } = decodeAccount({
      success: true,
      errors: [],
      messages: [],
      result: { id: "7C5DAE5552338874E5053F2534D2767A", name: "Acme", type: "standard", extra: 1 }
    })
    assert.deepStrictEqual<unknown>(result, { id: "7c5dae5552338874e5053f2534d2767a", name: "Acme", type: "standard", extra: 1 })
  })

  it("validates an id with a readable message", () => {
    const checked = Input.decodeEither(Ids.AccountId, "account_id")("../admin")
    assert.isTrue(Either.isLeft(checked))
    if (Either.isLeft(checked)) {
      assert.strictEqual(
        checked.left.message,
        'Invalid account_id: must be exactly 32 hexadecimal characters (got "../admin")'
      )
    }
  })

  it.effect("validates inside Effect code", () =>
    Effect.gen(function* () {
      const id = yield* Input.decode(Ids.AccountId, "account_id")("7c5dae5552338874e5053f2534d2767a")
      assert.strictEqual<string>(id, "7c5dae5552338874e5053f2534d2767a")
    }))
})
