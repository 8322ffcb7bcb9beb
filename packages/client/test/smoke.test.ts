import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import { makeFake, ok } from "./fakeHttp.js"

const ID = "023e105f4ecef8ad9ca31a8372d0c353"

describe("smoke", () => {
  it.effect("get", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok({ id: ID, name: "A", type: "standard" }))
      const client = yield* AccountsClient.AccountsClient.pipe(
        Effect.provide(AccountsClient.layerWithHttpClient({ credentials: Credentials.apiToken("t") }, fake.client))
      )
      const account = yield* client.get(ID)
      assert.strictEqual(account.name, "A")
      assert.strictEqual(fake.requests[0]!.url.toString(), `https://api.cloudflare.com/client/v4/accounts/${ID}`)
    }))
})
