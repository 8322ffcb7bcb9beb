/**
 * One read-modify-write (`patchWith`, `patch` through it) that
 * writes back what the server holds without checking it as input, on the account
 * shape the real API sends.
 */
import { assert, describe, it } from "@effect/vitest"
import type * as Account from "@cf-accounts/core/Account"
import * as Effect from "effect/Effect"
import type { PatchInput } from "../src/AccountsClient.js"
import * as AccountsRequest from "../src/AccountsRequest.js"
import * as Credentials from "../src/Credentials.js"
import { createAccountsClient } from "../src/promise.js"
import { makeFake, ok, type Recorded } from "./fakeHttp.js"
import { ACCOUNT_ID, account, clientFor, realAccount } from "./fixtures.js"

/** The real API's account shape, as it sent it (core's corpus), with a made-up id. */
const real = realAccount({ id: ACCOUNT_ID })

/** Answers a GET with `stored`, a PUT with its own body (as the API does). */
const serving = (stored: unknown) => makeFake((request) => (request.method === "GET" ? ok(stored) : ok(request.body)))

const methods = (requests: ReadonlyArray<Recorded>) => requests.map((r) => r.method)

/** The PUT body `patch` writes for enforce_twofactor over the real shape. */
const EXPECTED = {
  id: ACCOUNT_ID,
  name: "Example Account",
  type: "standard",
  settings: {
    enforce_twofactor: true,
    api_access_enabled: null,
    access_approval_expiry: null,
    oauth_app_access_enabled: true
  },
  legacy_flags: { enterprise_zone_quota: { maximum: 0, current: 0, available: 0 } }
}

describe("patch on the real account shape", () => {
  it.effect("keeps legacy_flags and the unmodelled settings (nulls as sent), leaves the null abuse contact out, writes no \"\"", () =>
    Effect.gen(function* () {
      const fake = serving(real)
      const client = yield* clientFor(fake)
      yield* client.patch(ACCOUNT_ID, { settings: { enforce_twofactor: true } })
      assert.deepStrictEqual(methods(fake.requests), ["GET", "PUT"])
      const body = fake.requests[1]!.body as typeof EXPECTED
      assert.deepStrictEqual(body, EXPECTED)
      assert.isFalse("abuse_contact_email" in body.settings)
      assert.notInclude(JSON.stringify(body), '""')
    }))

  it.effect("--dry-run's spec (AccountsRequest.patch) is the body patch sends", () =>
    Effect.gen(function* () {
      const fake = serving(real)
      const client = yield* clientFor(fake)
      const spec = yield* AccountsRequest.patch(yield* client.get(ACCOUNT_ID), { settings: { enforce_twofactor: true } })
      assert.deepStrictEqual(spec.body, EXPECTED)
      assert.strictEqual(spec.path, `/accounts/${ACCOUNT_ID}`)
    }))
})

describe("patchWith", () => {
  const enforce = (current: Account.Account): PatchInput | undefined =>
    current.settings?.enforce_twofactor === true ? undefined : { settings: { enforce_twofactor: true } }

  it.effect("nothing to change: the account as read, no PUT", () =>
    Effect.gen(function* () {
      const stored = { ...real, settings: { ...real.settings, enforce_twofactor: true } }
      const fake = serving(stored)
      const result = yield* (yield* clientFor(fake)).patchWith(ACCOUNT_ID, enforce)
      assert.isFalse(result.written)
      assert.strictEqual(result.account.settings?.enforce_twofactor, true)
      assert.deepStrictEqual(methods(fake.requests), ["GET"])
    }))

  it.effect("a change: one GET, one PUT, the account as written", () =>
    Effect.gen(function* () {
      const fake = serving(real)
      const result = yield* (yield* clientFor(fake)).patchWith(ACCOUNT_ID, enforce)
      assert.isTrue(result.written)
      assert.strictEqual(result.account.settings?.enforce_twofactor, true)
      assert.deepStrictEqual(methods(fake.requests), ["GET", "PUT"])
      assert.deepStrictEqual(fake.requests[1]!.body, EXPECTED)
    }))

  const held: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
    ["an abuse contact of \"\"", { settings: { abuse_contact_email: "", enforce_twofactor: false } }],
    ["a null abuse contact", { settings: { abuse_contact_email: null, enforce_twofactor: false } }],
    ["a name of 101 characters", { name: "n".repeat(101) }],
    ["a type the spec does not list", { type: "partner" }]
  ]
  for (const [what, extra] of held) {
    it.effect(`${what} the server holds is written back, not checked as input`, () =>
      Effect.gen(function* () {
        const stored = account(ACCOUNT_ID, "Held", extra)
        const fake = serving(stored)
        const result = yield* (yield* clientFor(fake)).patchWith(ACCOUNT_ID, enforce)
        assert.isTrue(result.written)
        const body = fake.requests[1]!.body as Record<string, unknown> & { settings: Record<string, unknown> }
        assert.strictEqual(body.name, stored.name)
        assert.strictEqual(body.type, stored.type)
        assert.strictEqual(body.settings.enforce_twofactor, true)
        const contact = stored.settings.abuse_contact_email
        // a modelled null is left out; anything else goes back as it was
        if (contact === null) assert.isFalse("abuse_contact_email" in body.settings)
        else assert.strictEqual(body.settings.abuse_contact_email, contact)
      }))
  }

  it.effect("the changes decide gives are checked as input: a bad one fails after the read, with no PUT", () =>
    Effect.gen(function* () {
      const fake = serving(real)
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(client.patchWith(ACCOUNT_ID, () => ({ settings: { abuse_contact_email: "" } })))
      assert.strictEqual(error._tag, "InvalidInputError")
      assert.strictEqual((error as { field?: string }).field, "settings.abuse_contact_email")
      assert.deepStrictEqual(methods(fake.requests), ["GET"])
      const typo = yield* Effect.flip(client.patchWith(ACCOUNT_ID, () => ({ settings: { enforce_twofactr: true } }) as never))
      assert.strictEqual((typo as { field?: string }).field, "settings.enforce_twofactr")
    }))

  it.effect("a bad account id is refused before anything is sent, and decide is not called", () =>
    Effect.gen(function* () {
      const fake = serving(real)
      let called = false
      const error = yield* Effect.flip(
        (yield* clientFor(fake)).patchWith("nope", () => {
          called = true
          return undefined
        })
      )
      assert.strictEqual((error as { field?: string }).field, "account_id")
      assert.isFalse(called)
      assert.strictEqual(fake.requests.length, 0)
    }))

  it("is on the Promise facade", async () => {
    const fake = serving(real)
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    try {
      const result = await client.patchWith(ACCOUNT_ID, enforce)
      assert.isTrue(result.written)
      assert.deepStrictEqual(fake.requests[1]!.body, EXPECTED)
      const again = await client.patchWith(ACCOUNT_ID, () => undefined)
      assert.isFalse(again.written)
      assert.strictEqual(fake.requests.length, 3)
    } finally {
      await client.close()
    }
  })
})
