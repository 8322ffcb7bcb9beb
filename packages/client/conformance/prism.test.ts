/**
 * Every operation through the real client (fetch) against `prism mock --errors`
 * of Cloudflare's OpenAPI document: prism rejects requests that break the
 * document (method, path, query, headers, body, security), and our schemas
 * must decode what it answers.
 */
import { readFileSync } from "node:fs"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as AccountsClient from "../src/AccountsClient.js"
import * as AccountsRequest from "../src/AccountsRequest.js"
import * as Credentials from "../src/Credentials.js"
import { profile } from "../test/fixtures.js"
import { type Prism, specPath, startPrism } from "./prism.js"

const file = specPath()
const document = JSON.parse(readFileSync(file, "utf8")) as {
  readonly paths: Record<string, Record<string, unknown>>
}

// Made-up values, valid for the document's schemas.
const ID = "0123456789abcdef0123456789abcdef"
const OTHER = "fedcba9876543210fedcba9876543210"
const ORG = "org-made-up-1"

let prism: Prism

beforeAll(async () => {
  prism = await startPrism(file)
})

afterAll(async () => {
  await prism?.close()
})

const run = <A, E>(f: (client: AccountsClient.Service) => Effect.Effect<A, E>) =>
  Effect.runPromise(
    Effect.flatMap(AccountsClient.AccountsClient, f).pipe(
      Effect.provide(
        AccountsClient.layer({
          baseUrl: prism.url,
          // The document's security for every operation includes X-Auth-Email + X-Auth-Key.
          credentials: Credentials.apiKey("made-up-key", "someone@example.test"),
          retry: { maxAttempts: 1 },
          rateLimit: false
        }).pipe(Layer.provide(FetchHttpClient.layer))
      )
    )
  )

describe("client against prism mock --errors", () => {
  it("create", async () => {
    const { account, source } = await run((c) => c.create({ name: "Made Up Co", type: "standard", unit: { id: "unit-1" } }))
    assert.match(account.id, /^[0-9a-f]{32}$/)
    assert.strictEqual(source, "answer")
  })

  it("list (one page, with result_info)", async () => {
    const page = await run((c) => c.list({ name: "Made", page: 1, per_page: 5, direction: "asc" }))
    assert.isArray(page.result)
    assert.isNumber(page.result_info?.total_count)
  })

  it("pages: the mock's canned page decodes, and is not taken for a consistent listing", async () => {
    // prism answers the document's example page whatever page or per_page is asked for, so the
    // listing checks must refuse it (not a ResponseDecodeError: the page itself decoded).
    const error = await run((c) => Effect.flip(Stream.runDrain(c.pages({ per_page: 5, maxPasses: 1 }))))
    assert.strictEqual(error._tag, "IncompleteListingError")
    assert.match(error.message, /: page 1 has per_page \d+, not the 5 asked for$/)
  })

  it("get", async () => {
    const account = await run((c) => c.get(ID))
    assert.isString(account.name)
  })

  it("update", async () => {
    const account = await run((c) =>
      c.update({ id: ID, name: "Renamed", type: "standard", settings: { enforce_twofactor: true } })
    )
    assert.isString(account.name)
  })

  it("patch (get + update)", async () => {
    const account = await run((c) => c.patch(ID, { settings: { abuse_contact_email: "abuse@example.test" } }))
    assert.isString(account.id)
  })

  it("delete", async () => {
    const result = await run((c) => c.delete(ID))
    assert.deepStrictEqual(result, { id: ID })
  })

  it("move", async () => {
    const result = await run((c) => c.move(ID, ORG))
    assert.isString(result.destination_organization_id)
  })

  it("batchMove", async () => {
    const result = await run((c) => c.batchMove({ account_ids: [ID, OTHER], destination_organization_id: ORG }))
    assert.isBoolean(result.statuses.moved)
  })

  it("listOrganizations", async () => {
    const organizations = await run((c) => c.listOrganizations(ID))
    assert.isArray(organizations)
  })

  it("getProfile", async () => {
    const result = await run((c) => c.getProfile(ID))
    assert.isString(result.business_name)
  })

  it("updateProfile (204)", async () => {
    const result = await run((c) => c.updateProfile(ID, profile))
    assert.isUndefined(result)
  })

  it("prism does reject a request that breaks the document (so the passes above mean something)", async () => {
    const response = await fetch(`${prism.url}/accounts/${ID}`, {
      method: "PUT",
      headers: { "x-auth-email": "someone@example.test", "x-auth-key": "k", "content-type": "application/json" },
      body: JSON.stringify({ name: 42 })
    })
    assert.strictEqual(response.status, 422)
    const unauthenticated = await fetch(`${prism.url}/accounts/${ID}`)
    assert.strictEqual(unauthenticated.status, 401)
  })
})

describe("AccountsRequest routes are the document's", () => {
  const specs = Effect.runSync(
    Effect.all([
      AccountsRequest.create({ name: "x" }),
      AccountsRequest.list({}),
      AccountsRequest.get(ID),
      AccountsRequest.update({ id: ID, name: "x", type: "standard" }),
      AccountsRequest.delete(ID),
      AccountsRequest.move(ID, ORG),
      AccountsRequest.batchMove({ account_ids: [ID], destination_organization_id: ORG }),
      AccountsRequest.listOrganizations(ID),
      AccountsRequest.getProfile(ID),
      AccountsRequest.updateProfile(ID, profile)
    ])
  )

  it("the ten requests are exactly the document's ten operations", () => {
    const ours = specs.map((s) => `${s.method} ${s.route}`).sort()
    const theirs = Object.entries(document.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ["get", "put", "post", "delete", "patch"].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`)
      )
      .sort()
    assert.deepStrictEqual(ours, theirs)
  })
})
