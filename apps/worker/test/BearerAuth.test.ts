import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Auth from "../src/api/Authentication.js"

describe("Auth", () => {
  it.effect("accepts exactly the configured bearer token", () =>
    Effect.gen(function* () {
      assert.isTrue(yield* Auth.isAuthorized("Bearer s3cret", Redacted.make("s3cret")))
      assert.isTrue(yield* Auth.isAuthorized("bearer s3cret", Redacted.make("s3cret")))
      assert.isFalse(yield* Auth.isAuthorized("Bearer s3cre", Redacted.make("s3cret")))
      assert.isFalse(yield* Auth.isAuthorized("Bearer s3cretx", Redacted.make("s3cret")))
      assert.isFalse(yield* Auth.isAuthorized("s3cret", Redacted.make("s3cret")))
      assert.isFalse(yield* Auth.isAuthorized(undefined, Redacted.make("s3cret")))
    })
  )

  it.effect("refuses everyone when no token is configured", () =>
    Effect.gen(function* () {
      assert.isFalse(yield* Auth.isAuthorized("Bearer ", Redacted.make("")))
      assert.isFalse(yield* Auth.isAuthorized("Bearer anything", undefined))
    })
  )
})
