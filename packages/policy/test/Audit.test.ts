import { assert, describe, it } from "@effect/vitest"
import * as Audit from "../src/Audit.js"
import * as Finding from "../src/Finding.js"
import { account, EXAMPLE, file, NOW } from "./support.js"

const ORG = "a1b2c3d4e5f60718293a4b5c6d7e8f90"

const policy = file(`policy:
  enforce_twofactor: true
  abuse_contact_email: { domain: example.com, fix_to: abuse@example.com }
  name: { pattern: "^(acme|labs)-" }
  type: { allowed: [standard] }
  organization: { id: ${ORG} }
`).policy!

const rules = (findings: ReadonlyArray<Finding.Finding>) => findings.map((f) => `${f.account.name} ${f.rule}`)

describe("Audit.audit", () => {
  it("a compliant account has no finding", () => {
    const ok = account({ name: "acme-ok", enforce_twofactor: true, abuse_contact_email: "sec@example.com", org: ORG })
    assert.deepStrictEqual(Audit.audit([ok], policy, NOW), [])
  })

  it("reports every rule, with its detail and automatic fix", () => {
    const bad = account({ name: "Other", type: "enterprise", enforce_twofactor: null, abuse_contact_email: "x@other.org" })
    const findings = Audit.audit([bad], policy, NOW)
    assert.deepStrictEqual(rules(findings), [
      "Other enforce_twofactor",
      "Other abuse_contact_email",
      "Other name",
      "Other type",
      "Other organization"
    ])
    assert.deepStrictEqual(
      findings.map((f) => f.detail),
      [
        "settings.enforce_twofactor is not set, the policy requires true",
        'settings.abuse_contact_email "x@other.org" is not within example.com',
        'name "Other" does not match ^(acme|labs)-',
        'type "enterprise" is not one of standard',
        `the account is in no organization, the policy wants ${ORG}`
      ]
    )
    assert.deepStrictEqual(findings[0]?.fix, [
      { field: "settings.enforce_twofactor", before: null, after: true, reason: "enforce_twofactor" }
    ])
    assert.deepStrictEqual(findings[1]?.fix, [
      { field: "settings.abuse_contact_email", before: "x@other.org", after: "abuse@example.com", reason: "abuse_contact_email" }
    ])
    assert.isUndefined(findings[2]?.fix)
    assert.isUndefined(findings[3]?.fix)
    assert.deepStrictEqual(findings[4]?.fix, [{ field: "organization", before: null, after: ORG, reason: "organization" }])
  })

  it("a blank or null abuse contact is not set; without fix_to the rule has no fix", () => {
    const rule = file("policy: { abuse_contact_email: true }").policy!
    const findings = Audit.audit([account({ name: "a", abuse_contact_email: "  " })], rule, NOW)
    assert.deepStrictEqual(findings.map((f) => [f.detail, f.fix]), [["settings.abuse_contact_email is not set", undefined]])
  })

  it("rules switched off with false, or absent, report nothing", () => {
    const off = file("policy: { enforce_twofactor: false, abuse_contact_email: false, name: false, type: false, organization: false }")
    assert.deepStrictEqual(Audit.audit([account({ name: "x" })], off.policy!, NOW), [])
    assert.deepStrictEqual(Audit.audit([account({ name: "x" })], {}, NOW), [])
  })

  it("an exception by name pattern silences the finding, which is still reported", () => {
    const example = file(EXAMPLE).policy!
    const legacy = account({ name: "acme-legacy", enforce_twofactor: false, abuse_contact_email: "a@example.com" })
    const [finding, ...rest] = Audit.audit([legacy], example, NOW)
    assert.deepStrictEqual(rest, [])
    assert.strictEqual(finding?.rule, "enforce_twofactor")
    assert.strictEqual(finding?.silencedBy?.reason, "vendor integration, ticket SEC-142")
    assert.isFalse(Finding.isOpen(finding!))
    // the pattern matches the whole name only
    const longer = account({ name: "acme-legacy-2", enforce_twofactor: false, abuse_contact_email: "a@example.com" })
    assert.isTrue(Finding.isOpen(Audit.audit([longer], example, NOW)[0]!))
  })

  it("an exception by id silences that account only", () => {
    const one = account({ name: "acme-a" })
    const two = account({ name: "acme-b" })
    const rule = file(`policy:
  enforce_twofactor: true
  exceptions: [{ rule: enforce_twofactor, accounts: ["${one.id.toUpperCase()}"], reason: r, expires: 2030-01-01 }]
`).policy!
    const findings = Audit.audit([one, two], rule, NOW)
    assert.deepStrictEqual(
      findings.map((f) => [f.account.name, Finding.isOpen(f)]),
      [
        ["acme-a", false],
        ["acme-b", true]
      ]
    )
  })

  it("an exception holds through its expires day (UTC) and is a finding again after it", () => {
    const example = file(EXAMPLE).policy!
    const legacy = account({ name: "acme-legacy", abuse_contact_email: "a@example.com" })
    const lastDay = Date.UTC(2027, 2, 31, 23, 59, 59)
    assert.isDefined(Audit.audit([legacy], example, lastDay)[0]?.silencedBy)
    const after = Audit.audit([legacy], example, new Date(Date.UTC(2027, 3, 1)))[0]!
    assert.isTrue(Finding.isOpen(after))
    assert.strictEqual(after.expiredException?.expires, "2027-03-31")
    assert.strictEqual(after.detail, "settings.enforce_twofactor is false, the policy requires true (exception expired 2027-03-31)")
  })

  it("an exception for another rule does not silence", () => {
    const rule = file(`policy:
  enforce_twofactor: true
  exceptions: [{ rule: name, accounts: [".*"], reason: r, expires: 2030-01-01 }]
`).policy!
    assert.isTrue(Finding.isOpen(Audit.audit([account({ name: "x" })], rule, NOW)[0]!))
  })
})
