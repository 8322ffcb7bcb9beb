import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Account, AccountProfile, Envelope, Ids, Move, Organization, ResultInfo } from "../src/index.js"

const ID = Ids.AccountId.make("7c5dae5552338874e5053f2534d2767a")
const account = { id: ID, name: "Acme Holdings", type: "standard" } as const
const resultInfo = { page: 1, per_page: 20, count: 1, total_count: 1 }

/** The first issue's path, as the ArrayFormatter reports it, and the TreeFormatter text. */
const failure = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown) => {
  const result = Schema.decodeUnknownEither(schema)(input)
  if (Either.isRight(result)) return assert.fail("expected decoding to fail")
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(result.left)
  return { path: first?.path ?? [], message: first?.message ?? "", tree: ParseResult.TreeFormatter.formatErrorSync(result.left) }
}

describe("forward compatibility: unknown fields are kept where they are written back", () => {
  it("an account keeps fields the schema does not know, at the top, in settings and in managed_by", () => {
    const decoded = Schema.decodeUnknownSync(Account.Account)({
      ...account,
      legacy_flags: { enterprise_zone_quota: { maximum: 0 } },
      settings: { enforce_twofactor: true, default_nameservers: "cloudflare.standard", use_account_custom_ns_by_default: false },
      managed_by: { parent_org_id: "x", something_new: 1 }
    })
    assert.deepStrictEqual(decoded, {
      ...account,
      legacy_flags: { enterprise_zone_quota: { maximum: 0 } },
      settings: { enforce_twofactor: true, default_nameservers: "cloudflare.standard", use_account_custom_ns_by_default: false },
      managed_by: { parent_org_id: "x", something_new: 1 }
    })
  })

  it("the update body carries unknown fields and settings through encoding", () => {
    const body = {
      ...account,
      legacy_flags: { a: 1 },
      settings: { enforce_twofactor: true, default_nameservers: "custom.account" }
    }
    const encoded = Schema.encodeSync(Account.UpdateAccount)(Schema.decodeUnknownSync(Account.UpdateAccount)(body))
    assert.deepStrictEqual(encoded, body)
  })

  it("a profile keeps fields the schema does not know, through decode and the input schema's encode", () => {
    const profile = {
      business_name: "Made Up Ltd",
      business_email: "owner@example.test",
      business_phone: "+1 555 0100",
      business_address: "1 Example Road",
      external_metadata: "{}",
      business_tax_id: "XX-1"
    }
    assert.deepStrictEqual(Schema.decodeUnknownSync(AccountProfile.AccountProfile)(profile), profile)
    const input = Schema.decodeUnknownSync(AccountProfile.AccountProfileInput)(profile)
    assert.deepStrictEqual(Schema.encodeSync(AccountProfile.AccountProfileInput)(input), profile)
  })

  it("an envelope with unknown top-level and result_info fields decodes", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.PagedEnvelope(Account.Account))({
      success: true,
      errors: [],
      messages: [],
      result: [account],
      result_info: { ...resultInfo, total_pages: 1, cursor: "abc" },
      request_id: "r-1"
    })
    assert.deepStrictEqual(decoded.result_info, { ...resultInfo, total_pages: 1, cursor: "abc" })
    assert.strictEqual(decoded.result.length, 1)
  })

  it("an organization keeps unknown keys, in meta (the spec allows any) and at the top", () => {
    const decoded = Schema.decodeUnknownSync(Organization.Organization)({
      id: "org_1",
      name: "Root",
      create_time: "2024-01-01T00:00:00Z",
      meta: { hierarchy_tags: ["root"], region: { code: "eu" } },
      unknown_top_level: true
    })
    assert.deepStrictEqual(decoded.meta, { hierarchy_tags: ["root"], region: { code: "eu" } })
    assert.strictEqual((decoded as Record<string, unknown>).unknown_top_level, true)
  })

  it("a batch move keeps per-account status keys", () => {
    const statuses = { tag: "ok", moved: true, [ID]: { tag: "ok", moved: true, message: "" } }
    const decoded = Schema.decodeUnknownSync(Move.BatchMoveResult)({ statuses })
    assert.deepStrictEqual(decoded.statuses, statuses)
  })
})

describe("a missing or mistyped required field fails, naming its path", () => {
  const paged = Envelope.PagedEnvelope(Account.Account)
  const page = (result: unknown, info: unknown = resultInfo) => ({
    success: true,
    errors: [],
    messages: [],
    result,
    result_info: info
  })

  it("account without id", () => {
    const f = failure(Account.Account, { name: "Demo", type: "standard" })
    assert.deepStrictEqual(f.path, ["id"])
    assert.strictEqual(f.message, "is missing")
    assert.include(f.tree, '["id"]')
  })

  it("account with a numeric name, inside a page", () => {
    const f = failure(paged, page([account, { ...account, name: 42 }]))
    assert.deepStrictEqual(f.path, ["result", 1, "name"])
    assert.include(f.tree, '["name"]')
    assert.include(f.tree, "Expected string, actual 42")
  })

  it("account with a type that is not a string", () => {
    const f = failure(Account.Account, { ...account, type: 3 })
    assert.deepStrictEqual(f.path, ["type"])
  })

  it("a page without result_info, or with only some of its fields, decodes (the spec makes them optional)", () => {
    const bare = Schema.decodeUnknownSync(paged)({ success: true, errors: [], messages: [], result: [] })
    assert.isUndefined(bare.result_info)
    const partial = Schema.decodeUnknownSync(paged)(page([], { page: 1, per_page: 20, count: 0 }))
    assert.deepStrictEqual(partial.result_info, { page: 1, per_page: 20, count: 0 })
  })

  it("result_info with a string total_count", () => {
    const f = failure(paged, page([], { ...resultInfo, total_count: "1" }))
    assert.deepStrictEqual(f.path, ["result_info", "total_count"])
  })

  it("error entry without a code", () => {
    const f = failure(Envelope.FailureEnvelope, { success: false, errors: [{ message: "x" }], messages: [] })
    assert.deepStrictEqual(f.path, ["errors", 0, "code"])
  })

  it("organization without an id, in a list", () => {
    const f = failure(Envelope.Envelope(Schema.Array(Organization.Organization)), {
      success: true,
      errors: [],
      messages: [],
      result: [{ name: "Root", create_time: "2024-01-01T00:00:00Z", meta: {} }]
    })
    assert.deepStrictEqual(f.path, ["result", 0, "id"])
  })

  it("result_info is decoded on its own too", () => {
    const f = failure(ResultInfo.ResultInfo, { page: 1, per_page: "20", count: 1 })
    assert.deepStrictEqual(f.path, ["per_page"])
  })
})

describe("envelopes", () => {
  const errors = [{ code: 1003, message: "Invalid or missing account" }]

  it("failure envelope with result null (accounts operations)", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.FailureEnvelope)({ success: false, errors, messages: [], result: null })
    assert.deepStrictEqual(decoded, { success: false, errors, messages: [], result: null })
  })

  it("failure envelope with a result object (organizations-API operations)", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.FailureEnvelope)({ success: false, errors, messages: [], result: {} })
    assert.deepStrictEqual(decoded.result, {})
  })

  it("failure envelope without result and without messages", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.FailureEnvelope)({ success: false, errors })
    assert.deepStrictEqual(decoded, { success: false, errors, messages: [] })
  })

  it("failure envelope must say success: false", () => {
    const f = failure(Envelope.FailureEnvelope, { success: true, errors, messages: [] })
    assert.deepStrictEqual(f.path, ["success"])
  })

  it("a 200 success envelope without errors and messages decodes, leaving them out as sent", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.Envelope(Account.Account))({ success: true, result: account })
    assert.deepStrictEqual(decoded, { success: true, result: account })
    const paged = Schema.decodeUnknownSync(Envelope.PagedEnvelope(Account.Account))({ success: true, result: [account] })
    assert.deepStrictEqual(paged, { success: true, result: [account] })
  })

  it("a success envelope is not a transformation: a page's accounts are checked once, not again on the decoded side", () => {
    assert.strictEqual(Envelope.Envelope(Account.Account).ast._tag, "TypeLiteral")
    assert.strictEqual(Envelope.PagedEnvelope(Account.Account).ast._tag, "TypeLiteral")
  })

  it("a success envelope must say success: true", () => {
    const f = failure(Envelope.Envelope(Account.Account), { success: false, errors, messages: [], result: account })
    assert.deepStrictEqual(f.path, ["success"])
  })

  it("ErrorsOnly reads errors from any envelope", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.ErrorsOnly)({ success: false, errors, result: null, extra: 1 })
    assert.deepStrictEqual(decoded, { success: false, errors })
  })

  it("an account id in a response is normalised to lower case", () => {
    const decoded = Schema.decodeUnknownSync(Account.Account)({ ...account, id: ID.toUpperCase() })
    assert.strictEqual<string>(decoded.id, ID)
  })
})

describe("tolerant reader: nulls and values the spec does not list are kept, never a failure", () => {
  // An account as the real API sent it (the corpus of recorded answers, fixtures/SOURCES.md).
  const real = (
    JSON.parse(readFileSync(new URL("./fixtures/list/live-verified-2026-05.json", import.meta.url), "utf8")) as {
      readonly result: ReadonlyArray<{ readonly id: string; readonly created_on: string; readonly settings: Record<string, unknown> } & Record<string, unknown>>
    }
  ).result[0]!

  it("an account with null settings and legacy_flags decodes to exactly what was sent", () => {
    assert.deepStrictEqual(Schema.decodeUnknownSync(Account.Account)(real), real as unknown)
  })

  it("a type the spec does not list is kept as sent and told apart from the known ones", () => {
    const decoded = Schema.decodeUnknownSync(Account.Account)({ ...real, type: "partner" })
    assert.strictEqual(decoded.type, "partner")
    assert.isFalse(Account.isKnownType(decoded.type))
    assert.isTrue(Account.isKnownType(Schema.decodeUnknownSync(Account.Account)(real).type))
  })

  it("a page of such accounts, one of an unknown type, with null result_info fields, decodes whole", () => {
    const decoded = Schema.decodeUnknownSync(Envelope.PagedEnvelope(Account.Account))({
      success: true,
      errors: [],
      messages: null,
      result: [real, { ...real, id: "1f1e2d3c4b5a69788796a5b4c3d2e1f0", type: "partner" }],
      result_info: { page: 1, per_page: 20, count: 2, total_count: null }
    })
    assert.deepStrictEqual(decoded.result.map((a) => a.type), ["standard", "partner"])
    assert.isNull(decoded.result_info?.total_count)
  })

  it("a profile with null fields is read as not set, kept as null", () => {
    const profile = {
      business_name: "Made Up Ltd",
      business_email: null,
      business_phone: null,
      business_address: "",
      external_metadata: null
    }
    assert.deepStrictEqual(Schema.decodeUnknownSync(AccountProfile.AccountProfile)(profile), profile)
  })

  it("the write-back body takes the server's own values: a long name, an unknown type, a blank abuse contact", () => {
    const held = { ...real, name: "x".repeat(101), type: "partner", settings: { ...real.settings, abuse_contact_email: "" } }
    const { created_on: _, ...body } = held
    assert.deepStrictEqual(Schema.encodeSync(Account.UpdateAccount)(Schema.decodeUnknownSync(Account.UpdateAccount)(body)), body)
  })

  it("what a caller gives stays strict: an unknown type, a long name and a blank abuse contact are refused", () => {
    const base = { id: real.id, name: "ok", type: "standard" }
    const decode = Schema.decodeUnknownEither(Account.UpdateAccountInput)
    assert.isTrue(Either.isLeft(decode({ ...base, type: "partner" })))
    assert.isTrue(Either.isLeft(decode({ ...base, name: "x".repeat(101) })))
    assert.isTrue(Either.isLeft(decode({ ...base, settings: { abuse_contact_email: "" } })))
    assert.isTrue(Either.isLeft(decode({ ...base, settings: { abuse_contact_email: null } })))
    assert.isTrue(Either.isRight(decode(base)))
  })
})
