/**
 * "Nothing silent": writes that report what happened and lose nothing.
 * Each case here failed before the fix.
 */
import { assert, describe, it } from "@effect/vitest"
import { vi } from "vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as AccountsRequest from "../src/AccountsRequest.js"
import * as Credentials from "../src/Credentials.js"
import * as Merge from "../src/Merge.js"
import { createAccountsClient } from "../src/promise.js"
import { fail, json, makeFake, ok, type Recorded, type Reply } from "./fakeHttp.js"
import { ACCOUNT_ID, OTHER_ID, account, clientFor, clocked, idOf, LOOKUP_DATE, lookup, lookupPage, profile } from "./fixtures.js"

const NAME = "Made Up Co"
const T0 = Date.parse("2026-03-01T12:00:00Z")
const DATE = LOOKUP_DATE
const page = lookupPage
const listing = lookup
const calls = (requests: ReadonlyArray<Recorded>) =>
  requests.map((r) => `${r.method} ${r.url.pathname.replace("/client/v4", "")}`)

/** The POST gets `post`; lookups by name get `before` until the POST and `after` from then on. */
const createFake = (post: Reply, after: Reply, before: Reply = listing([])) => {
  let posted = false
  return makeFake((request) => {
    if (request.method !== "POST") return posted ? after : before
    posted = true
    return post
  })
}

describe("lossless read-modify-write", () => {
  const current = account(ACCOUNT_ID, "Old", {
    created_on: "2024-01-01T00:00:00Z",
    managed_by: { parent_org_id: "org-1", parent_org_name: "Org" },
    legacy_flags: { enterprise_zone_quota: { maximum: 0 } },
    settings: {
      abuse_contact_email: "a@example.test",
      enforce_twofactor: false,
      default_nameservers: "custom.account",
      use_account_custom_ns_by_default: true
    }
  })

  it.effect("patch sends back every field and setting the server sent, except what changed (read-only ones aside)", () =>
    Effect.gen(function* () {
      const fake = makeFake((request) => (request.method === "GET" ? ok(current) : ok(request.body)))
      const client = yield* clientFor(fake)
      const result = yield* client.patch(ACCOUNT_ID, { settings: { enforce_twofactor: true } })
      assert.deepStrictEqual(calls(fake.requests), [`GET /accounts/${ACCOUNT_ID}`, `PUT /accounts/${ACCOUNT_ID}`])
      assert.deepStrictEqual(fake.requests[1]!.body, {
        id: ACCOUNT_ID,
        name: "Old",
        type: "standard",
        legacy_flags: { enterprise_zone_quota: { maximum: 0 } },
        settings: {
          abuse_contact_email: "a@example.test",
          enforce_twofactor: true,
          default_nameservers: "custom.account",
          use_account_custom_ns_by_default: true
        }
      })
      assert.strictEqual(result.settings?.["default_nameservers"], "custom.account")
    }))

  it("Merge.account: a change left undefined keeps the current value; a new name replaces the old", () => {
    const merged = Merge.account(current as never, { name: "New", settings: { enforce_twofactor: undefined } })
    assert.strictEqual(merged.name, "New")
    assert.strictEqual(merged.settings?.enforce_twofactor, false)
    assert.isFalse("created_on" in merged)
    assert.isFalse("managed_by" in merged)
  })

  it("Merge.profile keeps the fields it is not given, unknown ones included", () => {
    const merged = Merge.profile({ ...profile, business_tax_id: "XX-1" }, { business_email: "new@example.test" })
    assert.deepStrictEqual(merged, { ...profile, business_email: "new@example.test", business_tax_id: "XX-1" })
  })

  it.effect("updateProfile sends the unknown fields it is given", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ status: 204 }))
      const client = yield* clientFor(fake)
      yield* client.updateProfile(ACCOUNT_ID, { ...profile, business_tax_id: "XX-1" })
      assert.deepStrictEqual(fake.requests[0]!.body, { ...profile, business_tax_id: "XX-1" })
    }))

  it.effect("an abuse contact echoed from the server is sent back as it is, even one that is not an email", () =>
    Effect.gen(function* () {
      const stored = account(ACCOUNT_ID, "Old", { settings: { abuse_contact_email: "", enforce_twofactor: false } })
      const fake = makeFake((request) => (request.method === "GET" ? ok(stored) : ok(request.body)))
      const client = yield* clientFor(fake)
      yield* client.patch(ACCOUNT_ID, { settings: { enforce_twofactor: true } })
      assert.deepStrictEqual((fake.requests[1]!.body as { settings: unknown }).settings, {
        abuse_contact_email: "",
        enforce_twofactor: true
      })
    }))
})

describe("patch: only what the caller changed is checked, and a change that changes nothing is refused", () => {
  const refused: ReadonlyArray<readonly [string, unknown, string]> = [
    ["a misspelt field", { nmae: "X" }, "nmae"],
    ["a field patch does not change", { type: "enterprise" }, "type"],
    ["a misspelt setting", { settings: { enforce_twofactr: true } }, "settings.enforce_twofactr"],
    ["no change", {}, "changes"],
    ["empty settings", { settings: {} }, "changes"],
    ["only undefined values", { name: undefined, settings: { enforce_twofactor: undefined } }, "changes"]
  ]
  for (const [what, changes, field] of refused) {
    it.effect(`${what} is an InvalidInputError naming ${field}, with nothing sent (not even the GET)`, () =>
      Effect.gen(function* () {
        const fake = makeFake((request) => (request.method === "GET" ? ok(account(ACCOUNT_ID, "A")) : ok(request.body)))
        const client = yield* clientFor(fake)
        const error = yield* Effect.flip(client.patch(ACCOUNT_ID, changes as never))
        if (error._tag !== "InvalidInputError") return assert.fail(`unexpected ${error._tag}`)
        assert.strictEqual(error.field, field)
        assert.strictEqual(fake.requests.length, 0)
      }))
  }

  it.effect("a server name a caller could not type (control character, over 100 characters) is sent back as it is", () =>
    Effect.gen(function* () {
      for (const name of ["Old\u0007Name", "x".repeat(150)]) {
        const stored = account(ACCOUNT_ID, name)
        const fake = makeFake((request) => (request.method === "GET" ? ok(stored) : ok(request.body)))
        const client = yield* clientFor(fake)
        yield* client.patch(ACCOUNT_ID, { settings: { enforce_twofactor: true } })
        assert.strictEqual((fake.requests[1]!.body as { name: string }).name, name)
      }
      // a name the caller gives is still checked
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const error = yield* Effect.flip((yield* clientFor(fake)).patch(ACCOUNT_ID, { name: "x".repeat(150) }))
      assert.strictEqual((error as { field?: string }).field, "name")
      assert.strictEqual(fake.requests.length, 0)
    }))

  it.effect("patchProfile checks only the fields given and sends the others back as the server sent them", () =>
    Effect.gen(function* () {
      const stored = { ...profile, external_metadata: "m".repeat(5000), business_email: "legacy address", business_tax_id: "XX-1" }
      const fake = makeFake((request) => (request.method === "GET" ? ok(stored) : { status: 204 }))
      const client = yield* clientFor(fake)
      const written = yield* client.patchProfile(ACCOUNT_ID, { business_name: "New Name" })
      assert.deepStrictEqual(calls(fake.requests), [`GET /accounts/${ACCOUNT_ID}/profile`, `PUT /accounts/${ACCOUNT_ID}/profile`])
      assert.deepStrictEqual(fake.requests[1]!.body, { ...stored, business_name: "New Name" })
      assert.deepStrictEqual(written, { ...stored, business_name: "New Name" })
      for (const [changes, field] of [
        [{ business_email: "not an email" }, "business_email"],
        [{ busines_name: "X" }, "busines_name"],
        [{}, "changes"]
      ] as const) {
        const none = makeFake(() => ok(stored))
        const error = yield* Effect.flip((yield* clientFor(none)).patchProfile(ACCOUNT_ID, changes as never))
        assert.strictEqual((error as { field?: string }).field, field)
        assert.strictEqual(none.requests.length, 0)
      }
    }))
})

describe("a profile with fields the server holds as null", () => {
  const stored = { ...profile, business_phone: null, external_metadata: null, business_tax_id: null }

  it.effect("patchProfile sends nothing and names the null fields the changes leave unset", () =>
    Effect.gen(function* () {
      const fake = makeFake((request) => (request.method === "GET" ? ok(stored) : { status: 204 }))
      const error = yield* Effect.flip((yield* clientFor(fake)).patchProfile(ACCOUNT_ID, { business_phone: "+1 555 0100" }))
      assert.strictEqual(error._tag, "InvalidInputError")
      assert.strictEqual((error as { field?: string }).field, "external_metadata")
      assert.include(error.message, "null")
      // The caller gave no value for it: the error does not show the server's null as one.
      assert.strictEqual((error as { value?: unknown }).value, undefined)
      assert.notInclude(error.message, "got null")
      assert.deepStrictEqual(calls(fake.requests), [`GET /accounts/${ACCOUNT_ID}/profile`])
    }))

  it.effect("patchProfile writes once every null modelled field is given; an unmodelled null goes back as sent, never as \"\"", () =>
    Effect.gen(function* () {
      const fake = makeFake((request) => (request.method === "GET" ? ok(stored) : { status: 204 }))
      const changes = { business_phone: "+1 555 0100", external_metadata: "{}" }
      yield* (yield* clientFor(fake)).patchProfile(ACCOUNT_ID, changes)
      assert.deepStrictEqual(fake.requests[1]!.body, { ...stored, ...changes })
    }))
})

describe("emails a caller supplies are checked before anything is sent", () => {
  const bad = ["ops\n@example.test", "ops\u001b[31m@example.test", "ops team@example.test", "@example.test"]
  for (const email of bad) {
    const shown = JSON.stringify(email)
    it.effect(`patch refuses abuse_contact_email ${shown}`, () =>
      Effect.gen(function* () {
        const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
        const client = yield* clientFor(fake)
        const error = yield* Effect.flip(client.patch(ACCOUNT_ID, { settings: { abuse_contact_email: email } }))
        assert.strictEqual(error._tag, "InvalidInputError")
        assert.strictEqual((error as { field?: string }).field, "settings.abuse_contact_email")
        assert.strictEqual(fake.requests.length, 0)
      }))

    it.effect(`update refuses abuse_contact_email ${shown}`, () =>
      Effect.gen(function* () {
        const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
        const client = yield* clientFor(fake)
        const error = yield* Effect.flip(
          client.update({ id: ACCOUNT_ID, name: "A", type: "standard", settings: { abuse_contact_email: email } })
        )
        assert.strictEqual((error as { field?: string }).field, "settings.abuse_contact_email")
        assert.strictEqual(fake.requests.length, 0)
      }))

    it.effect(`updateProfile refuses business_email ${shown}`, () =>
      Effect.gen(function* () {
        const fake = makeFake(() => ({ status: 204 }))
        const client = yield* clientFor(fake)
        const error = yield* Effect.flip(client.updateProfile(ACCOUNT_ID, { ...profile, business_email: email }))
        assert.strictEqual((error as { field?: string }).field, "business_email")
        assert.strictEqual(fake.requests.length, 0)
      }))
  }

  it.effect("the dry-run spec of a patch checks the changes the same way", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        AccountsRequest.patch(account(ACCOUNT_ID, "A") as never, { settings: { abuse_contact_email: "no-at-sign" } })
      )
      assert.strictEqual(error.field, "settings.abuse_contact_email")
    }))
})

describe("create: a 2xx body that cannot be read is reconciled", () => {
  const created = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
  const unreadable: ReadonlyArray<readonly [string, Reply]> = [
    ["a truncated body", { status: 200, text: JSON.stringify({ success: true, errors: [], messages: [], result: created }).slice(0, 40) }],
    ["an HTML page", { status: 200, text: "<html><body>Welcome</body></html>" }],
    ["an account whose id is not an account id", ok({ ...created, id: "not-an-account-id" })]
  ]
  for (const [what, reply] of unreadable) {
    it.effect(`a 200 with ${what}: the new account is found by name, not created again, and says so`, () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(T0)
        const fake = createFake(reply, listing([created]))
        const client = yield* clientFor(fake)
        const result = yield* clocked(client.create({ name: NAME }))
        assert.strictEqual(result.account.id, ACCOUNT_ID)
        assert.strictEqual(result.source, "lookup")
        assert.deepStrictEqual(calls(fake.requests), ["GET /accounts", "POST /accounts", "GET /accounts"])
      }))
  }

  it.effect("a 200 with an account of a type this client does not know is the create's answer", () =>
    Effect.gen(function* () {
      const fake = createFake(ok({ ...created, type: "partner" }), listing([]))
      const result = yield* clocked((yield* clientFor(fake)).create({ name: NAME }))
      assert.strictEqual(result.source, "answer")
      assert.strictEqual(result.account.type, "partner")
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts", "POST /accounts"])
    }))

  it.effect("a 200 that cannot be read, and no new account visible: OutcomeUnknownError saying it was most likely created", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const fake = createFake({ status: 200, text: "<html></html>" }, listing([]))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.include((error as { detail: string }).detail, "200 with an unreadable body")
      assert.include((error as { detail: string }).detail, "most likely exists")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
    }))
})

describe("create: reconciliation never adopts an account that existed before the call", () => {
  it.effect("a same-name account created by someone else a minute before the call is not reported as created", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const theirs = account(OTHER_ID, NAME, { created_on: "2026-03-01T11:59:00Z" })
      const fake = createFake(fail(503), listing([theirs]), listing([theirs]))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.include((error as { detail: string }).detail, "no account with this name appeared")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
    }))

  it.effect("a lagging lookup: an account the baseline missed, created 60 s before the call, is not adopted after a reset", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      // Not listed before the POST (the lookup lagged), created a minute before the call; the POST
      // was reset and never applied.
      const old = account(OTHER_ID, NAME, { created_on: "2026-03-01T11:59:00.311368Z" })
      const fake = createFake({ transport: { code: "ECONNRESET" } }, listing([old]), listing([]))
      const error = yield* Effect.flip(clocked((yield* clientFor(fake)).create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.include((error as { detail: string }).detail, "no account with this name appeared")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
      // nor one without created_on, which cannot be placed in time
      const undated = createFake(fail(503), listing([account(OTHER_ID, NAME)]), listing([]))
      assert.strictEqual((yield* Effect.flip(clocked((yield* clientFor(undated)).create({ name: NAME }))))._tag, "OutcomeUnknownError")
    }))

  it.effect("an account created earlier in the baseline's own Date second is not adopted: the cutoff is that second's end", () =>
    Effect.gen(function* () {
      // The baseline answers [] at 12:00:00 (whole seconds); the POST is reset and never applied; the
      // lookup then finds a same-name account created at 12:00:00.5, before the baseline answered,
      // which the lagging baseline missed.
      for (const createdOn of ["2026-03-01T12:00:00.500000Z", "2026-03-01T12:00:00.999999Z", "2026-03-01T12:00:00Z"]) {
        const old = account(OTHER_ID, NAME, { created_on: createdOn })
        const fake = createFake({ transport: { code: "ECONNRESET" } }, listing([old]), listing([]))
        const error = yield* Effect.flip(clocked((yield* clientFor(fake)).create({ name: NAME })))
        assert.strictEqual(error._tag, "OutcomeUnknownError", createdOn)
        assert.include((error as { detail: string }).detail, "no account with this name appeared")
      }
    }))

  it.effect("an account created at or after the end of the baseline's Date second is adopted", () =>
    Effect.gen(function* () {
      for (const createdOn of ["2026-03-01T12:00:01Z", "2026-03-01T12:00:01.000001Z", "2026-03-01T12:00:07.311368Z"]) {
        const ours = account(ACCOUNT_ID, NAME, { created_on: createdOn })
        const fake = createFake({ transport: { code: "ECONNRESET" } }, listing([ours]), listing([]))
        const result = yield* clocked((yield* clientFor(fake)).create({ name: NAME }))
        assert.strictEqual(result.account.id, ACCOUNT_ID, createdOn)
        assert.strictEqual(result.source, "lookup")
      }
    }))

  it.effect("the POST is sent only once a second has passed on the Clock since the baseline finished", () =>
    Effect.gen(function* () {
      const ours = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
      const fake = createFake(ok(ours), listing([]), listing([]))
      const fiber = yield* Effect.fork((yield* clientFor(fake)).create({ name: NAME }))
      yield* TestClock.adjust("999 millis")
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts"], "the POST was sent before the wait ended")
      yield* TestClock.adjust("1 millis")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.source, "answer")
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts", "POST /accounts"])
      // without a baseline (no usable Date header), nothing found later could be adopted: no wait
      const undated = createFake(ok(ours), listing([]), listing([], null))
      const sent = yield* Effect.fork((yield* clientFor(undated)).create({ name: NAME }))
      yield* TestClock.adjust("0 millis")
      const done = yield* Fiber.poll(sent)
      assert.isTrue(Option.isSome(done) && Exit.isSuccess(done.value), "a create without a baseline waited")
      assert.deepStrictEqual(calls(undated.requests), ["GET /accounts", "POST /accounts"])
    }))

  it.effect("the server's time is that of the baseline's latest page", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const listed = Array.from({ length: 55 }, (_, i) => account(idOf(i + 1), NAME, { created_on: "2026-01-01T00:00:00Z" }))
      // Created between the answers of the baseline's two pages, and missed by it (a lagging lookup).
      const missed = account(OTHER_ID, NAME, { created_on: "2026-03-01T11:59:30Z" })
      let posted = false
      const fake = makeFake((request) => {
        if (request.method === "POST") {
          posted = true
          return fail(503)
        }
        const second = request.url.searchParams.get("page") === "2"
        if (posted) return second ? page([...listed.slice(50), missed], 2, 56) : page(listed.slice(0, 50), 1, 56)
        return second
          ? page(listed.slice(50), 2, 55, "Sun, 01 Mar 2026 12:00:00 GMT")
          : page(listed.slice(0, 50), 1, 55, "Sun, 01 Mar 2026 11:59:00 GMT")
      })
      const error = yield* Effect.flip(clocked((yield* clientFor(fake)).create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
    }))

  it.effect("without a usable Date header on the baseline's answers: OutcomeUnknownError saying so, never a guess", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const ours = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
      for (const date of [null, "yesterday"]) {
        const fake = createFake(fail(502), listing([ours]), listing([], date))
        const error = yield* Effect.flip(clocked((yield* clientFor(fake)).create({ name: NAME })))
        assert.strictEqual(error._tag, "OutcomeUnknownError")
        assert.include((error as { detail: string }).detail, "no usable Date header")
        assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
      }
      // A create whose answer arrives needs no baseline time.
      const answered = createFake(ok(ours), listing([]), listing([], null))
      assert.strictEqual((yield* clocked((yield* clientFor(answered)).create({ name: NAME }))).source, "answer")
    }))

  it.effect("the new one is adopted next to an older same-name account, and the result says it was found by name", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const theirs = account(OTHER_ID, NAME, { created_on: "2026-03-01T11:59:00Z" })
      const ours = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
      const fake = createFake({ transport: { code: "ECONNRESET" } }, listing([theirs, ours]), listing([theirs]))
      const client = yield* clientFor(fake)
      const result = yield* clocked(client.create({ name: NAME }))
      assert.strictEqual(result.account.id, ACCOUNT_ID)
      assert.strictEqual(result.source, "lookup")
    }))

  it.effect("two same-name accounts created during the call cannot be told apart: OutcomeUnknownError saying why", () =>
    Effect.gen(function* () {
      const ours = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
      const theirs = account(OTHER_ID, NAME, { created_on: "2026-03-01T12:00:02Z" })
      const fake = createFake(fail(503), listing([ours, theirs]), listing([]))
      const error = yield* Effect.flip(clocked((yield* clientFor(fake)).create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.include((error as { detail: string }).detail, "idempotency key")
    }))

  it.effect("a name that only contains the name asked for is not a match", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const fake = createFake(fail(500), listing([account(ACCOUNT_ID, `${NAME} 2`, { created_on: "2026-03-01T12:00:01Z" })]))
      const client = yield* clientFor(fake)
      const error = yield* Effect.flip(clocked(client.create({ name: NAME })))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
    }))

  it.effect("a failed baseline lookup does not stop the create, which succeeds with its answer", () =>
    Effect.gen(function* () {
      const fake = createFake(ok(account(ACCOUNT_ID, NAME)), listing([]), fail(403))
      const client = yield* clientFor(fake)
      const result = yield* clocked(client.create({ name: NAME }))
      assert.strictEqual(result.account.id, ACCOUNT_ID)
      assert.strictEqual(result.source, "answer")
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts", "POST /accounts"])
    }))

  it.effect("without a baseline, an ambiguous failure is OutcomeUnknownError even when one candidate appears", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(T0)
      const candidate = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
      const fake = createFake(fail(502), listing([candidate]), fail(403))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.create({ name: NAME }))
      yield* TestClock.adjust("1 minute")
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "OutcomeUnknownError")
      assert.include((error as { detail: string }).detail, "could not be listed before sending")
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts", "POST /accounts"])
    }))

  it.effect("a filtered lookup whose server reports the unfiltered total_count still gives a baseline, and the id", () =>
    Effect.gen(function* () {
      // The spec: total_count is the total "without any search parameters".
      const ours = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
      const unfiltered = (accounts: ReadonlyArray<unknown>) =>
        json(
          200,
          { success: true, errors: [], messages: [], result: accounts, result_info: { page: 1, per_page: 50, count: accounts.length, total_count: 127 } },
          { date: DATE }
        )
      const fake = createFake({ transport: { code: "ECONNRESET" } }, unfiltered([ours]), unfiltered([]))
      const client = yield* clientFor(fake)
      const fiber = yield* Effect.fork(client.create({ name: NAME }))
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      assert.strictEqual(result.account.id, ACCOUNT_ID)
      assert.strictEqual(result.source, "lookup")
      assert.strictEqual(fake.requests.filter((r) => r.method === "POST").length, 1)
    }))
})

describe("create on the Promise facade", () => {
  it("resolves with the same { account, source }", async () => {
    // The facade runs on the live Clock: its one-second wait before the POST runs on fake timers.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] })
    const ours = account(ACCOUNT_ID, NAME, { created_on: "2026-03-01T12:00:01Z" })
    const fake = createFake({ transport: { code: "ECONNRESET" } }, listing([ours]))
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    try {
      const pending = client.create({ name: NAME })
      await vi.advanceTimersByTimeAsync(999)
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts"], "the POST was sent before the wait ended")
      await vi.advanceTimersByTimeAsync(1)
      const found = await pending
      assert.strictEqual(found.account.id, ACCOUNT_ID)
      assert.strictEqual(found.source, "lookup")
      assert.deepStrictEqual(calls(fake.requests), ["GET /accounts", "POST /accounts", "GET /accounts"])
    } finally {
      vi.useRealTimers()
      await client.close()
    }
  })
})

describe("delete: a 2xx is the server's answer, readable or not", () => {
  it.effect("a 200 whose body cannot be read (an HTML page) is reported as deleted, with one DELETE sent", () =>
    Effect.gen(function* () {
      const fake = makeFake((request) =>
        request.method === "DELETE"
          ? { status: 200, text: "<html><body>ok</body></html>", headers: { "content-type": "text/html" } }
          : ok(account(ACCOUNT_ID, "A"))
      )
      const client = yield* clientFor(fake)
      const result = yield* client.delete(ACCOUNT_ID)
      assert.strictEqual(result.id, ACCOUNT_ID)
      assert.deepStrictEqual(calls(fake.requests), [`GET /accounts/${ACCOUNT_ID}`, `DELETE /accounts/${ACCOUNT_ID}`])
    }))

  it.effect("a get whose 200 cannot be read is still a ResponseDecodeError", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ({ status: 200, text: "<html></html>", headers: { "content-type": "text/html" } }))
      const error = yield* Effect.flip((yield* clientFor(fake)).get(ACCOUNT_ID))
      assert.strictEqual(error._tag, "ResponseDecodeError")
    }))
})
