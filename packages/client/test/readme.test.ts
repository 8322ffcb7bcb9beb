/**
 * The root README's "Quick look" example, run against a fake HttpClient. The
 * program below is the README's, line for line (a test checks that), so the
 * README cannot name a function or an option the client does not have.
 */
import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as HttpClient from "@effect/platform/HttpClient"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { AccountsClient } from "../src/index.js"
import { makeFake, ok } from "./fakeHttp.js"
import { account, idOf } from "./fixtures.js"

// BEGIN quick look
const program = Effect.gen(function* () {
  const accounts = yield* AccountsClient.AccountsClient
  const { account } = yield* accounts.create({ name: "Acme Staging" }) // never created twice
  yield* accounts.patch(account.id, { settings: { enforce_twofactor: true } }) // read, merge, write
  return yield* Stream.runCount(accounts.all()) // every account, prefetched
})
// END quick look

/** The lines of `text` from `const program` to the end of its block, without comments or indentation. */
const programLines = (text: string): Array<string> => {
  const lines = text.split("\n")
  const start = lines.findIndex((line) => line.startsWith("const program = "))
  const end = lines.findIndex((line, i) => i > start && line === "})")
  assert.isAbove(start, -1, "no `const program = ` line")
  assert.isAbove(end, start, "no end to the program")
  return lines.slice(start, end + 1).map((line) => line.replace(/\s*\/\/.*$/, "").trim())
}

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8")
const quickLook = /## Quick look\n+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""

describe("README quick look", () => {
  it("is the program this test runs", () => {
    const self = readFileSync(new URL(import.meta.url), "utf8")
    const ours = /\/\/ BEGIN quick look\n([\s\S]*?)\/\/ END quick look/.exec(self)?.[1] ?? ""
    assert.deepStrictEqual(programLines(quickLook), programLines(ours))
  })

  it("imports names that exist", async () => {
    assert.match(quickLook, /^import \{ AccountsClient, FetchTransport \} from "@cf-accounts\/client"$/m)
    assert.match(quickLook, /^import \{ Effect, Layer, Stream \} from "effect"$/m)
    assert.match(quickLook, /AccountsClient\.layerConfig\(\)\.pipe\(Layer\.provide\(FetchTransport\.layer\)\)/)
    const client = await import("../src/index.js")
    assert.isDefined(client.FetchTransport.layer)
  })

  it.effect("creates, patches and counts, with the client from the environment", () =>
    Effect.gen(function* () {
      const created = account(idOf(1), "Acme Staging")
      const others = [account(idOf(2), "Other"), account(idOf(3), "Third")]
      const fake = makeFake((request) => {
        if (request.method === "POST") return ok(created)
        if (request.method === "PUT") return ok(request.body)
        if (request.url.pathname.endsWith(`/accounts/${created.id}`)) return ok(created)
        return ok([created, ...others], { result_info: { page: 1, per_page: 50, count: 3, total_count: 3 } })
      })
      // As in the README, with the fake in place of FetchTransport.layer and a map in place of the environment.
      const count = yield* program.pipe(
        Effect.provide(AccountsClient.layerConfig().pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake.client)))),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["CLOUDFLARE_API_TOKEN", "quick-look-token"]])))
      )
      assert.strictEqual(count, 3)
      assert.deepStrictEqual(
        fake.requests.map((r) => `${r.method} ${r.url.pathname}`),
        [
          // the accounts already named so, before the create (see the README's Retries)
          "GET /client/v4/accounts",
          "POST /client/v4/accounts",
          `GET /client/v4/accounts/${created.id}`,
          `PUT /client/v4/accounts/${created.id}`,
          "GET /client/v4/accounts"
        ]
      )
      assert.deepStrictEqual(fake.requests[3]!.body, {
        ...created,
        settings: { ...created.settings, enforce_twofactor: true }
      })
      assert.strictEqual(fake.requests[1]!.headers["authorization"], "Bearer quick-look-token")
    }))
})
