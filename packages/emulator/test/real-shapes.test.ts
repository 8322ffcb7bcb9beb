/**
 * The emulator's accounts look like Cloudflare's answers (core's corpus of real shapes,
 * `packages/core/test/fixtures`), and its options play what the real API may do.
 */
import { readFileSync } from "node:fs"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type { AccountRecord } from "../src/Seed.js"
import * as State from "../src/State.js"
import { call, VALID_PROFILE, withEmulator } from "./support.js"

const MICROSECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/

/** A real `GET /accounts` answer from the corpus. */
const real = JSON.parse(
  readFileSync(new URL("../../core/test/fixtures/list/whoami-dump-2026-05.json", import.meta.url), "utf8")
) as { readonly result: ReadonlyArray<unknown>; readonly result_info: object }

/**
 * The keys (sorted: JSON objects are unordered, and core's encoder writes its own order) and the
 * kind of every value (`null`, `string`, `number`, ...), recursively.
 */
const shape = (value: unknown): unknown =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? value.map(shape)
      : typeof value === "object"
        ? Object.entries(value)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, v]) => [key, shape(v)])
        : typeof value

describe("real shapes by default", () => {
  it.live("a seeded account has the shape of a real one: its keys, nulls, extra settings, legacy_flags", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const page = yield* call(emulator, "GET", "/accounts")
        // The first seeded account belongs to an organization (managed_by); the real one to none.
        const { managed_by: _, ...account } = page.json.result[0]
        assert.deepStrictEqual(shape(account), shape(real.result[0]))
        assert.strictEqual(account.created_on, "2024-01-01T00:00:00.123456Z")
        assert.deepStrictEqual(account.settings, {
          enforce_twofactor: false,
          api_access_enabled: null,
          access_approval_expiry: null,
          abuse_contact_email: null,
          oauth_app_access_enabled: true
        })
        assert.deepStrictEqual(account.legacy_flags, { enterprise_zone_quota: { maximum: 0, current: 0, available: 0 } })
      })
    )
  )

  it.live("the listing's result_info has the real keys (total_pages too)", () =>
    withEmulator({ seedAccounts: 12 }, (emulator) =>
      Effect.gen(function* () {
        const page = yield* call(emulator, "GET", "/accounts?per_page=5&page=3")
        assert.deepStrictEqual(shape(page.json.result_info), shape(real.result_info))
        assert.deepStrictEqual(page.json.result_info, { page: 3, per_page: 5, total_pages: 3, count: 2, total_count: 12 })
      })
    )
  )

  it.live("every seeded created_on has six fractional digits, in creation order; most abuse contacts are null", () =>
    withEmulator({ seedAccounts: 50 }, (emulator) =>
      Effect.gen(function* () {
        const accounts = (yield* call(emulator, "GET", "/accounts?per_page=50")).json.result as Array<{
          created_on: string
          settings: { abuse_contact_email: string | null }
        }>
        for (const account of accounts) assert.match(account.created_on, MICROSECONDS)
        const times = accounts.map((account) => account.created_on)
        assert.deepStrictEqual([...times].sort(), times)
        assert.strictEqual(new Set(times).size, times.length)
        const contacts = accounts.map((account) => account.settings.abuse_contact_email)
        assert.strictEqual(contacts.filter((email) => email === null).length, 40)
        assert.strictEqual(contacts[3], "abuse@example.com")
      })
    )
  )

  // The server keeps real time (Emulator.make runs its handlers with the live clock, not a
  // TestClock), so over HTTP only the format and the order of creation are asserted; the time
  // itself is asserted on the store below, from a given instant.
  it.live("a created account has the real settings, legacy_flags and a microsecond created_on", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        const created = (yield* call(emulator, "POST", "/accounts", { body: { name: "Fresh Co" } })).json.result
        const second = (yield* call(emulator, "POST", "/accounts", { body: { name: "Fresh Co 2" } })).json.result
        assert.deepStrictEqual(shape(created), shape(real.result[0]))
        assert.match(created.created_on, MICROSECONDS)
        assert.match(second.created_on, MICROSECONDS)
        assert.notStrictEqual(second.created_on, created.created_on)
      })
    )
  )

  it("created_on is the creation instant with six fractional digits; two in one millisecond differ", () => {
    const state = State.make({ seed: 1, seedAccounts: 0 })
    const at = Date.UTC(2026, 4, 6, 7, 8, 9, 123)
    const create = (name: string) => state.create({ name, type: "standard", orgId: undefined, createdAt: at })
    const first = create("One Co").created_on
    const second = create("Two Co").created_on
    for (const createdOn of [first, second]) {
      assert.match(createdOn, MICROSECONDS)
      assert.isTrue(createdOn.startsWith("2026-05-06T07:08:09.123"), createdOn)
      assert.strictEqual(Math.floor(Date.parse(createdOn)), at)
    }
    assert.notStrictEqual(second, first)
  })

  it.live("answers carry a Date header (node's server sends one; clients read the server's clock from it)", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const reply = yield* call(emulator, "GET", "/accounts")
        const date = reply.headers.get("date")
        assert.isNotNull(date)
        assert.isFalse(Number.isNaN(Date.parse(date ?? "")))
      })
    )
  )
})

describe("unknownTypeEvery", () => {
  it.live("every N-th seeded account has the type 'partner'; the others keep theirs", () =>
    Effect.gen(function* () {
      const types = (options: { unknownTypeEvery?: number }) =>
        withEmulator({ seedAccounts: 21, ...options }, (emulator) =>
          call(emulator, "GET", "/accounts?per_page=50").pipe(
            Effect.map((reply) => (reply.json.result as Array<{ type: string }>).map((account) => account.type))
          )
        )
      const plain = yield* types({})
      const mixed = yield* types({ unknownTypeEvery: 7 })
      assert.isFalse(plain.includes("partner"))
      assert.deepStrictEqual(
        mixed.flatMap((type, i) => (type === "partner" ? [i + 1] : [])),
        [7, 14, 21]
      )
      assert.deepStrictEqual(
        mixed.filter((_, i) => (i + 1) % 7 !== 0),
        plain.filter((_, i) => (i + 1) % 7 !== 0)
      )
    })
  )
})

describe("filteredTotalCount", () => {
  const totals = (options: { filteredTotalCount?: "filtered" | "unfiltered" }) =>
    withEmulator({ seedAccounts: 40, ...options }, (emulator) =>
      Effect.gen(function* () {
        const name = emulator.state.account(emulator.state.accountIds()[0] ?? "")?.name ?? ""
        const filtered = yield* call(emulator, "GET", `/accounts?name=${encodeURIComponent(name)}`)
        const all = yield* call(emulator, "GET", "/accounts")
        return {
          count: filtered.json.result_info.count as number,
          total: filtered.json.result_info.total_count as number,
          pages: filtered.json.result_info.total_pages as number,
          unfilteredTotal: all.json.result_info.total_count as number
        }
      })
    )

  it.live("by default a filtered listing counts the accounts that match", () =>
    Effect.gen(function* () {
      const { count, total, unfilteredTotal } = yield* totals({})
      assert.strictEqual(count, 1)
      assert.strictEqual(total, 1)
      assert.strictEqual(unfilteredTotal, 40)
    })
  )

  it.live("'unfiltered' reports the total without search parameters, as the spec defines it", () =>
    Effect.gen(function* () {
      const { count, pages, total, unfilteredTotal } = yield* totals({ filteredTotalCount: "unfiltered" })
      assert.strictEqual(count, 1)
      assert.strictEqual(total, 40)
      assert.strictEqual(pages, 2)
      assert.strictEqual(unfilteredTotal, 40)
    })
  )
})

describe("PUT /accounts/{account_id}: the server's own values back, the client's checked", () => {
  /** An emulator with one account, arranged; `f` gets what GET shows and a PUT of it with changes. */
  const withHeld = <A>(
    arrange: (record: AccountRecord) => void,
    // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON
    f: (held: any, send: (changes: object) => ReturnType<typeof call>) => Effect.Effect<A, Error>
  ) =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const record = emulator.state.account(id)
        if (record !== undefined) arrange(record)
        const held = (yield* call(emulator, "GET", `/accounts/${id}`)).json.result
        return yield* f(held, (changes) => call(emulator, "PUT", `/accounts/${id}`, { body: { ...held, ...changes } }))
      })
    )

  it.live("a 101-character name the account holds is written back; a new one is refused", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const long = "L".repeat(101)
        const record = emulator.state.account(id)
        if (record !== undefined) record.name = long
        const held = (yield* call(emulator, "GET", `/accounts/${id}`)).json.result
        const same = yield* call(emulator, "PUT", `/accounts/${id}`, {
          body: { ...held, settings: { ...held.settings, enforce_twofactor: true } }
        })
        assert.strictEqual(same.status, 200)
        assert.strictEqual(same.json.result.name, long)
        assert.isTrue(same.json.result.settings.enforce_twofactor)
        const other = yield* call(emulator, "PUT", `/accounts/${id}`, { body: { ...held, name: "M".repeat(101) } })
        assert.strictEqual(other.status, 400)
        assert.strictEqual(other.json.errors[0].code, 1001)
        assert.strictEqual(other.json.errors[0].source.pointer, "/name")
      })
    )
  )

  it.live("an unknown type the account holds is written back; changing to one is refused", () =>
    withEmulator({ seedAccounts: 7, unknownTypeEvery: 7 }, (emulator) =>
      Effect.gen(function* () {
        const [first] = emulator.state.accountIds()
        const partner = emulator.state.accountIds()[6] ?? ""
        const held = (yield* call(emulator, "GET", `/accounts/${partner}`)).json.result
        assert.strictEqual(held.type, "partner")
        const same = yield* call(emulator, "PUT", `/accounts/${partner}`, { body: { ...held, name: "Renamed Partner" } })
        assert.strictEqual(same.status, 200)
        assert.strictEqual(same.json.result.type, "partner")
        const standard = (yield* call(emulator, "GET", `/accounts/${first}`)).json.result
        const changed = yield* call(emulator, "PUT", `/accounts/${first}`, { body: { ...standard, type: "partner" } })
        assert.strictEqual(changed.status, 400)
        assert.strictEqual(changed.json.errors[0].source.pointer, "/type")
      })
    )
  )

  it.live("a null abuse contact the account holds is written back; an invalid new one is refused", () =>
    withHeld(() => {}, (held, send) => Effect.gen(function* () {
      assert.isNull(held.settings.abuse_contact_email)
      const same = yield* send({})
      assert.strictEqual(same.status, 200)
      assert.deepStrictEqual(same.json.result, held)
      const bad = yield* send({ settings: { ...held.settings, abuse_contact_email: "" } })
      assert.strictEqual(bad.status, 400)
      assert.strictEqual(bad.json.errors[0].source.pointer, "/settings/abuse_contact_email")
      const set = yield* send({ settings: { ...held.settings, abuse_contact_email: "abuse@example.org" } })
      assert.strictEqual(set.status, 200)
      assert.strictEqual(set.json.result.settings.abuse_contact_email, "abuse@example.org")
    }))
  )

  const withAddress = (record: AccountRecord) => {
    record.settings = { ...record.settings, abuse_contact_email: "abuse@example.com" }
  }

  it.live("a null where the account holds an address is the client's, and refused", () =>
    withHeld(withAddress, (held, send) => Effect.gen(function* () {
      const cleared = yield* send({ settings: { ...held.settings, abuse_contact_email: null } })
      assert.strictEqual(cleared.status, 400)
    }))
  )

  it.live("a modelled setting left out is stored 'not set'; no settings at all leaves them as they are", () =>
    withHeld(withAddress, (held, send) => Effect.gen(function* () {
      const { abuse_contact_email: _, ...rest } = held.settings
      const without = yield* send({ settings: rest })
      assert.strictEqual(without.status, 200)
      assert.isNull(without.json.result.settings.abuse_contact_email)
      assert.deepStrictEqual(without.json.result.settings, { ...held.settings, abuse_contact_email: null })
      const { settings: __, ...bare } = held
      const kept = yield* send({ ...bare, settings: undefined })
      assert.strictEqual(kept.status, 200)
      assert.deepStrictEqual(kept.json.result.settings, without.json.result.settings)
    }))
  )
})

describe("PUT /accounts/{account_id}/profile: the server's own values back, the client's checked", () => {
  /** An emulator with one account whose profile is `stored` (never set when undefined); `f` gets what GET shows. */
  const withProfile = <A>(
    stored: AccountProfile.AccountProfile | undefined,
    // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON
    f: (held: any, send: (changes: object) => ReturnType<typeof call>, read: () => ReturnType<typeof call>) => Effect.Effect<A, Error>
  ) =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const record = emulator.state.account(id)
        if (stored !== undefined && record !== undefined) emulator.state.setProfile(record, stored)
        const read = () => call(emulator, "GET", `/accounts/${id}/profile`)
        const held = (yield* read()).json.result
        return yield* f(held, (changes) => call(emulator, "PUT", `/accounts/${id}/profile`, { body: { ...held, ...changes } }), read)
      })
    )

  it.live("a profile never set reads as the account name and four empty strings (the spec's five strings)", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const profile = (yield* call(emulator, "GET", `/accounts/${id}/profile`)).json.result
        assert.deepStrictEqual(profile, {
          business_name: emulator.state.account(id)?.name,
          business_email: "",
          business_phone: "",
          business_address: "",
          external_metadata: ""
        })
      })
    )
  )

  it.live("a never-set profile with one field changed is stored; the empty strings written back are not re-checked", () =>
    withProfile(undefined, (held, send, read) => Effect.gen(function* () {
      assert.strictEqual(held.business_email, "")
      const put = yield* send({ business_phone: "+1 555 0100" })
      assert.strictEqual(put.status, 204, put.text)
      assert.deepStrictEqual((yield* read()).json.result, { ...held, business_phone: "+1 555 0100" })
    }))
  )

  it.live("a changed field is checked with the input rules: an invalid email is 400 with its pointer, nothing stored", () =>
    withProfile(undefined, (held, send, read) => Effect.gen(function* () {
      const bad = yield* send({ business_email: "not-an-address", business_phone: "+1 555 0100" })
      assert.strictEqual(bad.status, 400)
      assert.strictEqual(bad.json.errors[0].code, 1001)
      assert.strictEqual(bad.json.errors[0].source.pointer, "/business_email")
      assert.deepStrictEqual((yield* read()).json.result, held)
      const control = yield* send({ business_name: "Evil\u001b[2J Co" })
      assert.strictEqual(control.status, 400)
      assert.strictEqual(control.json.errors[0].source.pointer, "/business_name")
    }))
  )

  it.live("a null where the server holds a string is the client's, and refused; a missing field still is", () =>
    withProfile(undefined, (held, send) => Effect.gen(function* () {
      const cleared = yield* send({ business_address: null })
      assert.strictEqual(cleared.status, 400)
      assert.strictEqual(cleared.json.errors[0].source.pointer, "/business_address")
      const { external_metadata: _, ...partial } = held
      const missing = yield* send({ ...partial, external_metadata: undefined })
      assert.strictEqual(missing.status, 400)
      assert.strictEqual(missing.json.errors[0].source.pointer, "/external_metadata")
    }))
  )

  it.live("values the server holds that input rules refuse (an email without '@', a null) are written back", () =>
    withProfile(
      { ...VALID_PROFILE, business_email: "ops at example", business_address: null },
      (held, send, read) => Effect.gen(function* () {
        const put = yield* send({ business_phone: "+1 555 0199" })
        assert.strictEqual(put.status, 204, put.text)
        assert.deepStrictEqual((yield* read()).json.result, { ...held, business_phone: "+1 555 0199" })
      })
    )
  )
})
