import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Load from "../src/Load.js"
import { EXAMPLE } from "./support.js"

const problems = (text: string) => {
  const result = Load.parseEither(text, { source: "fleet.yaml" })
  assert.isTrue(Either.isLeft(result), "expected the file to be refused")
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`) : []
}

describe("Load.parse", () => {
  it.effect("reads the issue's example file", () =>
    Effect.gen(function* () {
      const file = yield* Load.parse(EXAMPLE, { source: "accounts.yaml" })
      assert.deepStrictEqual(file.policy?.abuse_contact_email, { domain: "example.com" })
      assert.strictEqual(file.policy?.exceptions?.[0]?.expires, "2027-03-31")
      assert.deepStrictEqual(file.accounts?.[0], {
        name: "acme-staging",
        type: "standard",
        settings: { enforce_twofactor: true, abuse_contact_email: "security@example.com" },
        profile: { business_name: "Acme Corp", business_email: "billing@example.com" }
      })
    })
  )

  it.effect("reads JSON, which is YAML, with a $schema key", () =>
    Effect.gen(function* () {
      const file = yield* Load.parse(
        JSON.stringify({ $schema: "./cf-accounts.schema.json", policy: { organization: { id: "org1" } }, accounts: [] })
      )
      assert.deepStrictEqual(file.policy?.organization as unknown, { id: "org1" })
    })
  )

  it("refuses unknown keys at the key, with their path", () => {
    assert.deepStrictEqual(problems("policy:\n  enforce_twofactr: true\naccounts:\n  - name: a\n    colour: red\n"), [
      "2:3 policy.enforce_twofactr: is not a known key",
      "5:5 accounts.0.colour: is not a known key"
    ])
  })

  it("names each bad value at its line and column, with the rule", () => {
    const text = [
      "policy:",
      '  name: { pattern: "(" }',
      "  exceptions:",
      "    - rule: nope",
      "      accounts: []",
      '      reason: ""',
      "      expires: 2027-02-30",
      "accounts:",
      "  - name: a",
      "    type: premium",
      "    settings: { abuse_contact_email: not-an-address }",
      "  - type: standard",
      ""
    ].join("\n")
    assert.deepStrictEqual(problems(text), [
      "2:20 policy.name.pattern: must be a valid regular expression",
      "4:13 policy.exceptions.0.rule: must be one of enforce_twofactor, abuse_contact_email, name, type, organization",
      "5:17 policy.exceptions.0.accounts: must name at least one account",
      "6:15 policy.exceptions.0.reason: must say why",
      "7:16 policy.exceptions.0.expires: must be a real calendar date",
      "10:11 accounts.0.type: must be 'standard' or 'enterprise'",
      "11:38 accounts.0.settings.abuse_contact_email: must contain exactly one '@'",
      "12:5 accounts.1.name: is missing"
    ])
  })

  it("refuses an exception's reason over 500 characters (a finding cites it), and takes one of 500", () => {
    const file = (reason: string) =>
      ["policy:", "  exceptions:", `    - { rule: name, accounts: [acme-legacy], reason: ${reason}, expires: 2027-01-01 }`, ""].join("\n")
    assert.deepStrictEqual(problems(file("x".repeat(501))), [
      "3:54 policy.exceptions.0.reason: must say why in at most 500 characters"
    ])
    assert.isTrue(Either.isRight(Load.parseEither(file("x".repeat(500)), { source: "fleet.yaml" })))
  })

  it("refuses a date not written YYYY-MM-DD, a fix_to outside the domain, and twice the same account", () => {
    const text = [
      "policy:",
      "  abuse_contact_email: { domain: example.com, fix_to: abuse@example.org }",
      "  exceptions:",
      "    - { rule: name, accounts: [x], reason: r, expires: 31/03/2027 }",
      "accounts:",
      "  - name: twin",
      "  - name: twin",
      ""
    ].join("\n")
    assert.deepStrictEqual(problems(text), [
      "2:55 policy.abuse_contact_email.fix_to: must be an address within example.com",
      "4:56 policy.exceptions.0.expires: must be a date written YYYY-MM-DD",
      "7:11 accounts.1.name: declares the same name as accounts.0"
    ])
  })

  it("reports YAML syntax errors with their place, and the message names the source", () => {
    const result = Load.parseEither("policy: [1,\n", { source: "fleet.yaml" })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.strictEqual(result.left._tag, "PolicyFileError")
      assert.match(result.left.message, /^fleet\.yaml is not a valid policy file:\nfleet\.yaml:2:1: /)
    }
  })
})
