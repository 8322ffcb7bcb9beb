import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Account, AccountProfile, CloudflareError, Email, Ids, Input, ListAccountsParams, Move } from "../src/index.js"

const ID = "7c5dae5552338874e5053f2534d2767a"
const ORG = "b2f0c6a4d8e1f3a5b7c9d0e2f4a6b8c1"

interface Case {
  readonly name: string
  readonly schema: Schema.Schema.AnyNoContext
  readonly field?: string
  readonly input: unknown
  /** The field the error must name. */
  readonly expectField: string
  /** A fragment the rule must contain (readable, not a schema dump). */
  readonly expectRule: string
}

const cases: ReadonlyArray<Case> = [
  // account ids
  { name: "account id too short", schema: Ids.AccountId, field: "account_id", input: ID.slice(1), expectField: "account_id", expectRule: "32 hexadecimal" },
  { name: "account id too long", schema: Ids.AccountId, field: "account_id", input: `${ID}0`, expectField: "account_id", expectRule: "32 hexadecimal" },
  { name: "account id not hex", schema: Ids.AccountId, field: "account_id", input: `${ID.slice(0, 31)}g`, expectField: "account_id", expectRule: "32 hexadecimal" },
  { name: "account id with /", schema: Ids.AccountId, field: "account_id", input: `${ID.slice(0, 15)}/${ID.slice(16)}`, expectField: "account_id", expectRule: "32 hexadecimal" },
  { name: "account id with ..", schema: Ids.AccountId, field: "account_id", input: `..${ID.slice(2)}`, expectField: "account_id", expectRule: "32 hexadecimal" },
  { name: "account id empty", schema: Ids.AccountId, field: "account_id", input: "", expectField: "account_id", expectRule: "32 hexadecimal" },
  { name: "account id not a string", schema: Ids.AccountId, field: "account_id", input: 42, expectField: "account_id", expectRule: "string" },
  // names
  { name: "name empty", schema: Account.CreateAccount, input: { name: "" }, expectField: "name", expectRule: "must not be empty" },
  { name: "name blank", schema: Account.CreateAccount, input: { name: "   " }, expectField: "name", expectRule: "must not be blank" },
  { name: "name of 101 characters", schema: Account.CreateAccount, input: { name: "a".repeat(101) }, expectField: "name", expectRule: "at most 100" },
  { name: "name with a newline", schema: Account.CreateAccount, input: { name: "Demo\nAccount" }, expectField: "name", expectRule: "control characters" },
  { name: "name with NUL", schema: Account.CreateAccount, input: { name: "Demo\u0000" }, expectField: "name", expectRule: "control characters" },
  { name: "name with DEL", schema: Account.CreateAccount, input: { name: "Demo\u007f" }, expectField: "name", expectRule: "control characters" },
  { name: "name missing", schema: Account.CreateAccount, input: {}, expectField: "name", expectRule: "is missing" },
  // profile fields: no control characters (an escape sequence would rewrite the screen that shows them)
  ...(
    [
      ["business_name", "Acme\u001b[2J"],
      ["business_phone", "1\u001b[2J"],
      ["business_phone", "1\r2"],
      ["business_address", "1 Road\u0007"],
      ["external_metadata", "{}\u009b"]
    ] as const
  ).map(([field, value]): Case => ({
    name: `profile ${field} with a control character`,
    schema: AccountProfile.AccountProfileInput,
    input: { business_name: "A", business_email: "a@example.test", business_phone: "1", business_address: "B", external_metadata: "", [field]: value },
    expectField: field,
    expectRule: "control characters"
  })),
  // account type
  { name: "unknown account type", schema: Account.CreateAccount, input: { name: "Demo", type: "free" }, expectField: "type", expectRule: "must be 'standard' or 'enterprise'" },
  { name: "account type not a string", schema: Account.UpdateAccountInput, input: { id: ID, name: "Demo", type: 1 }, expectField: "type", expectRule: "must be 'standard' or 'enterprise'" },
  { name: "account type the spec does not list, as a caller's PUT", schema: Account.UpdateAccountInput, input: { id: ID, name: "Demo", type: "partner" }, expectField: "type", expectRule: "must be 'standard' or 'enterprise'" },
  { name: "unit id with /", schema: Account.CreateAccount, input: { name: "Demo", unit: { id: "a/b" } }, expectField: "unit.id", expectRule: "letters, digits" },
  // list query
  { name: "per_page 4", schema: ListAccountsParams.ListAccountsParams, input: { per_page: 4 }, expectField: "per_page", expectRule: "from 5 to 50" },
  { name: "per_page 51", schema: ListAccountsParams.ListAccountsParams, input: { per_page: 51 }, expectField: "per_page", expectRule: "from 5 to 50" },
  { name: "per_page 5.5", schema: ListAccountsParams.ListAccountsParams, input: { per_page: 5.5 }, expectField: "per_page", expectRule: "whole number" },
  { name: "per_page '51' in a URL", schema: ListAccountsParams.ListAccountsUrlParams, input: { per_page: "51" }, expectField: "per_page", expectRule: "from 5 to 50" },
  { name: "page 0", schema: ListAccountsParams.ListAccountsParams, input: { page: 0 }, expectField: "page", expectRule: "at least 1" },
  { name: "page -1", schema: ListAccountsParams.ListAccountsParams, input: { page: -1 }, expectField: "page", expectRule: "at least 1" },
  { name: "page 1.5", schema: ListAccountsParams.ListAccountsParams, input: { page: 1.5 }, expectField: "page", expectRule: "whole number" },
  { name: "direction up", schema: ListAccountsParams.ListAccountsParams, input: { direction: "up" }, expectField: "direction", expectRule: "must be 'asc' or 'desc'" },
  { name: "empty name filter", schema: ListAccountsParams.ListAccountsParams, input: { name: "" }, expectField: "name", expectRule: "must not be empty" },
  // organization ids
  { name: "organization id with /", schema: Move.MoveAccount, input: { destination_organization_id: "org/../x" }, expectField: "destination_organization_id", expectRule: "letters, digits" },
  { name: "organization id empty", schema: Move.MoveAccount, input: { destination_organization_id: "" }, expectField: "destination_organization_id", expectRule: "1 to 64" },
  { name: "organization id of 65 characters", schema: Move.MoveAccount, input: { destination_organization_id: "a".repeat(65) }, expectField: "destination_organization_id", expectRule: "1 to 64" },
  { name: "organization id missing", schema: Move.MoveAccount, input: {}, expectField: "destination_organization_id", expectRule: "is missing" },
  // batch move
  { name: "batch move with no account ids", schema: Move.BatchMoveAccounts, input: { account_ids: [], destination_organization_id: ORG }, expectField: "account_ids", expectRule: "at least one account id" },
  { name: "batch move with a bad id at index 1", schema: Move.BatchMoveAccounts, input: { account_ids: [ID, "nope"], destination_organization_id: ORG }, expectField: "account_ids.1", expectRule: "32 hexadecimal" },
  { name: "batch move with account_ids not a list", schema: Move.BatchMoveAccounts, input: { account_ids: ID, destination_organization_id: ORG }, expectField: "account_ids", expectRule: "list of account ids" },
  // update
  { name: "update without id", schema: Account.UpdateAccount, input: { name: "Demo", type: "standard" }, expectField: "id", expectRule: "is missing" },
  { name: "update with a bad id", schema: Account.UpdateAccount, field: "body", input: { id: "x", name: "Demo", type: "standard" }, expectField: "body.id", expectRule: "32 hexadecimal" },
  // emails a caller supplies (abuse contact, business email)
  ...([
    ["with a newline", "ops\n@example.test", "whitespace or control"],
    ["with ESC", "ops\u001b[2J@example.test", "whitespace or control"],
    ["with a space", "ops team@example.test", "whitespace or control"],
    ["with a zero-width space", "ops\u200b@example.test", "whitespace or control"],
    ["without a local part", "@example.test", "local part"],
    ["without an @", "ops.example.test", "exactly one '@'"],
    ["with two @", "ops@team@example.test", "exactly one '@'"],
    ["with an undotted domain", "ops@localhost", "dotted domain"],
    ["with an empty domain label", "ops@example..test", "dotted domain"],
    ["with a trailing dot", "ops@example.test.", "dotted domain"],
    ["of 255 characters", `${"a".repeat(64)}@${"b".repeat(186)}.test`, "at most 254"],
    ["with a local part of 65 characters", `${"a".repeat(65)}@example.test`, "at most 64"],
    ["in angle brackets", "<ops@example.test>", "local part of letters, digits, dots"],
    ["followed by a comma and more", "ops@example.test,evil", "domain of letters, digits, hyphens and dots"],
    ["with a quoted local part", '"q"@example.test', "no quotes"],
    ["with a backslash", "o\\ps@example.test", "no quotes, brackets, commas or backslashes"],
    ["with a leading dot", ".ops@example.test", "dot"],
    ["with a trailing dot in the local part", "ops.@example.test", "two dots in a row"],
    ["with two dots in the local part", "o..ps@example.test", "two dots in a row"],
    ["with an IP literal", "ops@[127.0.0.1]", "domain of letters, digits, hyphens and dots"],
    ["with an underscore in the domain", "ops@ex_ample.test", "domain of letters, digits, hyphens and dots"],
    ["with a label starting with a hyphen", "ops@-example.test", "hyphen"],
    ["with a label ending with a hyphen", "ops@example-.test", "hyphen"],
    ["with a domain label of 64 characters", `ops@${"b".repeat(64)}.test`, "at most 63"]
  ] as const).flatMap(([what, email, rule]): ReadonlyArray<Case> => [
    { name: `patch abuse_contact_email ${what}`, schema: Account.AccountChanges, input: { settings: { abuse_contact_email: email } }, expectField: "settings.abuse_contact_email", expectRule: rule },
    { name: `update abuse_contact_email ${what}`, schema: Account.UpdateAccountInput, input: { id: ID, name: "Demo", type: "standard", settings: { abuse_contact_email: email } }, expectField: "settings.abuse_contact_email", expectRule: rule },
    { name: `profile business_email ${what}`, schema: AccountProfile.AccountProfileInput, input: { business_name: "A", business_email: email, business_phone: "1", business_address: "B", external_metadata: "" }, expectField: "business_email", expectRule: rule }
  ])
]

const valueAt = (input: unknown, field: string, prefix: string | undefined): unknown => {
  const path = field.split(".").slice(prefix === undefined ? 0 : 1)
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), input)
}

describe("Input.decodeEither: invalid input names the field and the rule", () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = Input.decodeEither(c.schema, c.field)(c.input)
      assert.isTrue(Either.isLeft(result), "expected the input to be rejected")
      const error = Either.getLeft(result).pipe((o) => (o._tag === "Some" ? o.value : undefined))
      assert.instanceOf(error, CloudflareError.InvalidInputError)
      assert.strictEqual(error?._tag, "InvalidInputError")
      assert.strictEqual(error?.field, c.expectField)
      assert.include(error?.rule, c.expectRule)
      assert.notInclude(error?.rule ?? "", "\n")
      assert.notMatch(error?.rule ?? "", /Expected "standard"|Expected "asc"|readonly \[/)
      const expectedValue = c.field === undefined || c.expectField.includes(".")
        ? valueAt(c.input, c.expectField, c.field)
        : c.input
      assert.deepStrictEqual(error?.value, expectedValue)
    })
  }
})

describe("Input.decode (Effect)", () => {
  it.effect("fails with the same InvalidInputError as decodeEither", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Input.decode(Ids.AccountId, "account_id")("../etc/passwd"))
      assert.instanceOf(error, CloudflareError.InvalidInputError)
      assert.strictEqual(error.field, "account_id")
      assert.strictEqual(error.rule, "must be exactly 32 hexadecimal characters")
      assert.strictEqual(error.value, "../etc/passwd")
    }))

  it.effect("succeeds with the decoded value", () =>
    Effect.gen(function* () {
      const id = yield* Input.decode(Ids.AccountId, "account_id")(ID.toUpperCase())
      assert.strictEqual<string>(id, ID)
    }))

  it.effect("names the whole input 'input' when no field is given and the schema is a leaf", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Input.decode(Ids.OrganizationId)(""))
      assert.strictEqual(error.field, "input")
    }))
})

describe("valid edge cases", () => {
  const ok = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown): A => {
    const result = Input.decodeEither(schema)(input)
    if (Either.isLeft(result)) assert.fail(`rejected: ${result.left.message}`)
    return result.right
  }

  it("per_page 5 and 50, page 1", () => {
    assert.deepStrictEqual(ok(ListAccountsParams.ListAccountsParams, { per_page: 5, page: 1 }), { per_page: 5, page: 1 })
    assert.deepStrictEqual(ok(ListAccountsParams.ListAccountsParams, { per_page: 50 }), { per_page: 50 })
    assert.deepStrictEqual(ok(ListAccountsParams.ListAccountsUrlParams, { per_page: "50", page: "3" }), { per_page: 50, page: 3 })
  })

  it("a name of exactly 100 characters, with inner spaces and non-ASCII letters", () => {
    const name = `Ünïcode ${"x".repeat(92)}`
    assert.strictEqual(name.length, 100)
    assert.deepStrictEqual(ok(Account.CreateAccount, { name }), { name })
  })

  it("an upper-case account id is normalised to lower case", () => {
    assert.strictEqual<string>(ok(Ids.AccountId, ID.toUpperCase()), ID)
    const batch = ok(Move.BatchMoveAccounts, { account_ids: [ID.toUpperCase()], destination_organization_id: ORG })
    assert.deepStrictEqual<ReadonlyArray<string>>(batch.account_ids, [ID])
  })

  it("emails: plain, plus-addressed, subdomains, non-ASCII, 254 characters", () => {
    for (const email of [
      "ops@example.test",
      "ops+abuse@mail.example.test",
      "first.last@ex-ample.test",
      "o'brien!#$%&*/=?^_`{|}~-@example.test",
      "ü@bücher.example",
      "ops@xn--bcher-kva.example",
      `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(56)}.test`
    ]) {
      assert.strictEqual(ok(Email.Email, email), email)
    }
  })

  it("an echoed abuse_contact_email is not re-checked by the wire body (UpdateAccount), only by input schemas", () => {
    const body = { id: ID, name: "Demo", type: "standard", settings: { abuse_contact_email: "" } }
    assert.deepStrictEqual<unknown>(ok(Account.UpdateAccount, body), body)
  })

  it("both account types and both directions", () => {
    assert.strictEqual(ok(Account.AccountType, "standard"), "standard")
    assert.strictEqual(ok(Account.AccountType, "enterprise"), "enterprise")
    assert.strictEqual(ok(ListAccountsParams.Direction, "asc"), "asc")
    assert.strictEqual(ok(ListAccountsParams.Direction, "desc"), "desc")
  })

  it("an organization id of 64 characters with - and _", () => {
    const id = `${"a".repeat(62)}-_`
    assert.strictEqual<string>(ok(Ids.OrganizationId, id), id)
  })
})

describe("profile input keeps the line breaks an address or metadata may need", () => {
  it("accepts a tab and a line feed in business_address and external_metadata, not in the phone", () => {
    const profile = { business_name: "A", business_email: "a@example.test", business_phone: "1", business_address: "1 Road\n\tTown", external_metadata: '{\n  "a": 1\n}' }
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(AccountProfile.AccountProfileInput)(profile)))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(AccountProfile.AccountProfileInput)({ ...profile, business_phone: "1\n2" })))
  })
})
