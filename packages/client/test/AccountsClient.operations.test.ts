import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import * as Version from "../src/Version.js"
import { type Recorded, type Reply, makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, ORG_ID, OTHER_ID, account, clientFor, profile } from "./fixtures.js"

const BASE = "https://api.cloudflare.com/client/v4"


const organization = {
  id: ORG_ID,
  name: "Org One",
  create_time: "2026-01-01T00:00:00Z",
  meta: { hierarchy_tags: ["a"], extra_key: 1 }
}

interface Case {
  readonly name: string
  readonly call: (client: AccountsClient.Service) => Effect.Effect<unknown, unknown>
  readonly method: string
  readonly path: string
  readonly query?: Record<string, string>
  readonly body?: unknown
  readonly reply: Reply
  readonly expected: unknown
  /** Requests the operation sends first (method and path), each answered with its reply. */
  readonly before?: ReadonlyArray<{ readonly method: string; readonly path: string; readonly reply: Reply }>
}

const emptyListing = ok([], { result_info: { page: 1, per_page: 50, count: 0, total_count: 0 } })

const cases: ReadonlyArray<Case> = [
  {
    name: "create",
    call: (c) => c.create({ name: "New Co", type: "enterprise", unit: { id: "unit-1" } }),
    method: "POST",
    path: "/accounts",
    body: { name: "New Co", type: "enterprise", unit: { id: "unit-1" } },
    reply: ok(account(ACCOUNT_ID, "New Co", { type: "enterprise", unknown_field: true })),
    expected: { account: account(ACCOUNT_ID, "New Co", { type: "enterprise", unknown_field: true }), source: "answer" },
    // the accounts already named so, read before sending (see "create never sends twice")
    before: [{ method: "GET", path: "/accounts", reply: emptyListing }]
  },
  {
    name: "list",
    call: (c) => c.list({ name: "Co", page: 2, per_page: 5, direction: "desc" }),
    method: "GET",
    path: "/accounts",
    query: { name: "Co", page: "2", per_page: "5", direction: "desc" },
    reply: ok([account(ACCOUNT_ID, "Co")], { result_info: { page: 2, per_page: 5, count: 1, total_count: 6 } }),
    expected: {
      result: [account(ACCOUNT_ID, "Co")],
      result_info: { page: 2, per_page: 5, count: 1, total_count: 6 }
    }
  },
  {
    name: "get",
    call: (c) => c.get(ACCOUNT_ID.toUpperCase()),
    method: "GET",
    path: `/accounts/${ACCOUNT_ID}`,
    reply: ok(account(ACCOUNT_ID, "A")),
    expected: account(ACCOUNT_ID, "A")
  },
  {
    name: "update",
    call: (c) => c.update({ id: ACCOUNT_ID, name: "Renamed", type: "standard", settings: { enforce_twofactor: true } }),
    method: "PUT",
    path: `/accounts/${ACCOUNT_ID}`,
    body: { id: ACCOUNT_ID, name: "Renamed", type: "standard", settings: { enforce_twofactor: true } },
    reply: ok(account(ACCOUNT_ID, "Renamed")),
    expected: account(ACCOUNT_ID, "Renamed")
  },
  {
    name: "delete",
    call: (c) => c.delete(ACCOUNT_ID),
    method: "DELETE",
    path: `/accounts/${ACCOUNT_ID}`,
    reply: ok({ id: ACCOUNT_ID }),
    expected: { id: ACCOUNT_ID },
    // it must exist before it is deleted (see "delete after an ambiguous attempt")
    before: [{ method: "GET", path: `/accounts/${ACCOUNT_ID}`, reply: ok(account(ACCOUNT_ID, "A")) }]
  },
  {
    name: "delete (result null)",
    call: (c) => c.delete(ACCOUNT_ID),
    method: "DELETE",
    path: `/accounts/${ACCOUNT_ID}`,
    reply: ok(null),
    expected: { id: ACCOUNT_ID },
    before: [{ method: "GET", path: `/accounts/${ACCOUNT_ID}`, reply: ok(account(ACCOUNT_ID, "A")) }]
  },
  {
    name: "move",
    call: (c) => c.move(ACCOUNT_ID, ORG_ID),
    method: "POST",
    path: `/accounts/${ACCOUNT_ID}/move`,
    body: { destination_organization_id: ORG_ID },
    reply: ok({ account_id: ACCOUNT_ID, source_organization_id: "org-src", destination_organization_id: ORG_ID }),
    expected: { account_id: ACCOUNT_ID, source_organization_id: "org-src", destination_organization_id: ORG_ID }
  },
  {
    name: "batchMove",
    call: (c) => c.batchMove({ account_ids: [ACCOUNT_ID, OTHER_ID], destination_organization_id: ORG_ID }),
    method: "POST",
    path: "/accounts/move",
    body: { account_ids: [ACCOUNT_ID, OTHER_ID], destination_organization_id: ORG_ID },
    reply: ok({ statuses: { tag: "done", moved: true, [ACCOUNT_ID]: { tag: "done", moved: true } } }),
    expected: { statuses: { tag: "done", moved: true, [ACCOUNT_ID]: { tag: "done", moved: true } } }
  },
  {
    name: "listOrganizations",
    call: (c) => c.listOrganizations(ACCOUNT_ID),
    method: "GET",
    path: `/accounts/${ACCOUNT_ID}/organizations`,
    reply: ok([organization]),
    expected: [organization]
  },
  {
    name: "getProfile",
    call: (c) => c.getProfile(ACCOUNT_ID),
    method: "GET",
    path: `/accounts/${ACCOUNT_ID}/profile`,
    reply: ok(profile),
    expected: profile
  },
  {
    name: "updateProfile (204)",
    call: (c) => c.updateProfile(ACCOUNT_ID, profile),
    method: "PUT",
    path: `/accounts/${ACCOUNT_ID}/profile`,
    body: profile,
    reply: { status: 204 },
    expected: undefined
  }
]

const authModes = [
  {
    name: "API token",
    credentials: Credentials.apiToken("tok-123"),
    headers: { authorization: "Bearer tok-123" },
    absent: ["x-auth-key", "x-auth-email", "x-auth-user-service-key"]
  },
  {
    name: "API key + email",
    credentials: Credentials.apiKey("key-456", "me@example.test"),
    headers: { "x-auth-key": "key-456", "x-auth-email": "me@example.test" },
    absent: ["authorization", "x-auth-user-service-key"]
  },
  {
    name: "user service key",
    credentials: Credentials.userServiceKey("v1.0-usk"),
    headers: { "x-auth-user-service-key": "v1.0-usk" },
    absent: ["authorization", "x-auth-key", "x-auth-email"]
  }
] as const

const queryOf = (request: Recorded): Record<string, string> => Object.fromEntries(request.url.searchParams)

describe("AccountsClient operations", () => {
  for (const mode of authModes) {
    describe(mode.name, () => {
      for (const c of cases) {
        it.effect(`${c.name}: sends ${c.method} ${c.path} and decodes the result`, () =>
          Effect.gen(function* () {
            const before = c.before ?? []
            const fake = makeFake((_request, index) => before[index]?.reply ?? c.reply)
            const client = yield* clientFor(fake, { credentials: mode.credentials })
            const result = yield* c.call(client)
            assert.deepStrictEqual(result, c.expected)
            assert.strictEqual(fake.requests.length, before.length + 1)
            assert.deepStrictEqual(
              fake.requests.slice(0, before.length).map((r) => `${r.method} ${r.url.pathname}`),
              before.map((b) => `${b.method} /client/v4${b.path}`)
            )
            const request = fake.requests[before.length]!
            assert.strictEqual(request.method, c.method)
            assert.strictEqual(`${request.url.origin}${request.url.pathname}`, `${BASE}${c.path}`)
            assert.deepStrictEqual(queryOf(request), c.query ?? {})
            assert.deepStrictEqual(request.body, c.body)
            assert.strictEqual(request.headers["accept"], "application/json")
            assert.strictEqual(request.headers["user-agent"], `cf-accounts/${Version.version}`)
            for (const [name, value] of Object.entries(mode.headers)) assert.strictEqual(request.headers[name], value)
            for (const name of mode.absent) assert.isUndefined(request.headers[name])
          }))
      }
    })
  }

  it.effect("patch reads the account, merges the changes and writes the whole account", () =>
    Effect.gen(function* () {
      const current = account(ACCOUNT_ID, "Old", { settings: { abuse_contact_email: "a@example.test", enforce_twofactor: false } })
      const fake = makeFake((request) =>
        request.method === "GET" ? ok(current) : ok({ ...current, ...(request.body as object) })
      )
      const client = yield* clientFor(fake)
      const result = yield* client.patch(ACCOUNT_ID, { settings: { enforce_twofactor: true } })
      assert.deepStrictEqual(
        fake.requests.map((r) => r.method),
        ["GET", "PUT"]
      )
      assert.deepStrictEqual(fake.requests[1]!.body, {
        id: ACCOUNT_ID,
        name: "Old",
        type: "standard",
        settings: { abuse_contact_email: "a@example.test", enforce_twofactor: true }
      })
      assert.strictEqual(result.settings?.enforce_twofactor, true)
    }))

  it.effect("a base URL with a path prefix is kept", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = yield* clientFor(fake, { baseUrl: "http://127.0.0.1:8787/client/v4/" })
      yield* client.get(ACCOUNT_ID)
      assert.strictEqual(fake.requests[0]!.url.toString(), `http://127.0.0.1:8787/client/v4/accounts/${ACCOUNT_ID}`)
    }))

  it.effect("a custom user agent replaces the default", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = yield* clientFor(fake, { userAgent: "my-tool/1" })
      yield* client.get(ACCOUNT_ID)
      assert.strictEqual(fake.requests[0]!.headers["user-agent"], "my-tool/1")
    }))
})

describe("input validation", () => {
  const invalid: ReadonlyArray<{
    readonly name: string
    readonly call: (client: AccountsClient.Service) => Effect.Effect<unknown, unknown>
    readonly field: string
  }> = [
    { name: "get with a short id", call: (c) => c.get("abc"), field: "account_id" },
    { name: "get with a path traversal", call: (c) => c.get("../../user/tokens"), field: "account_id" },
    { name: "create with an empty name", call: (c) => c.create({ name: "" }), field: "name" },
    {
      name: "create with a bad type",
      call: (c) => c.create({ name: "x", type: "premium" as "standard" }),
      field: "type"
    },
    { name: "create with a bad unit id", call: (c) => c.create({ name: "x", unit: { id: "a/b" } }), field: "unit.id" },
    { name: "list with page 0", call: (c) => c.list({ page: 0 }), field: "page" },
    { name: "list with per_page 51", call: (c) => c.list({ per_page: 51 }), field: "per_page" },
    { name: "list with a bad direction", call: (c) => c.list({ direction: "up" as "asc" }), field: "direction" },
    { name: "move to a bad organization", call: (c) => c.move(ACCOUNT_ID, "a b"), field: "destination_organization_id" },
    {
      name: "batch move with a bad second id",
      call: (c) => c.batchMove({ account_ids: [ACCOUNT_ID, "nope"], destination_organization_id: ORG_ID }),
      field: "account_ids.1"
    },
    {
      name: "batch move with no ids",
      call: (c) => c.batchMove({ account_ids: [], destination_organization_id: ORG_ID }),
      field: "account_ids"
    },
    {
      name: "update profile with a missing field",
      call: (c) =>
        c.updateProfile(ACCOUNT_ID, { business_name: "x" } as unknown as Parameters<
          AccountsClient.Service["updateProfile"]
        >[1]),
      field: "business_email"
    },
    { name: "pages with per_page 2", call: (c) => c.list({ per_page: 2 }), field: "per_page" }
  ]
  for (const c of invalid) {
    it.effect(`${c.name} fails with InvalidInputError on ${c.field}, before any request`, () =>
      Effect.gen(function* () {
        const fake = makeFake(() => ok(null))
        const client = yield* clientFor(fake)
        const error = yield* Effect.flip(c.call(client))
        assert.strictEqual((error as { _tag: string })._tag, "InvalidInputError")
        assert.strictEqual((error as { field: string }).field, c.field)
        assert.strictEqual(fake.requests.length, 0)
      }))
  }

  it.effect("pages validates its parameters before the first request", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(null))
      const client = yield* clientFor(fake)
      const { Stream } = yield* Effect.promise(() => import("effect"))
      const error = yield* Effect.flip(Stream.runCollect(client.pages({ per_page: 500 })))
      assert.strictEqual(error._tag, "InvalidInputError")
      assert.strictEqual(fake.requests.length, 0)
    }))
})
