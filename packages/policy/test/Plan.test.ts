import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Plan from "../src/Plan.js"
import { account, EXAMPLE, file, NOW } from "./support.js"

const ORG = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f"

const profile = (fields: Partial<AccountProfile.AccountProfile> = {}): AccountProfile.AccountProfile => ({
  business_name: "",
  business_email: "",
  business_phone: "",
  business_address: "",
  external_metadata: "",
  ...fields
})

const summary = (plan: Plan.Plan) =>
  plan.actions.map(
    (a) =>
      `${a._tag} ${a._tag === "create" ? a.name : a.account.name}: ${a.changes
        .map((c) => `${c.field} ${JSON.stringify(c.before)}->${JSON.stringify(c.after)} (${c.reason})`)
        .join(", ")}`
  )

describe("Plan.plan", () => {
  it("the example file on a fleet without acme-staging: a create with its declared fields, and the two-factor fix elsewhere", () => {
    const legacy = account({ name: "acme-legacy" })
    const other = account({ name: "Other", enforce_twofactor: null })
    const done = account({ name: "Done", enforce_twofactor: true })
    const plan = Plan.plan([legacy, other, done], file(EXAMPLE), { now: NOW })
    assert.deepStrictEqual(summary(plan), [
      'create acme-staging: name null->"acme-staging" (declared), type null->"standard" (declared), ' +
        'settings.abuse_contact_email null->"security@example.com" (declared), settings.enforce_twofactor null->true (declared), ' +
        'profile.business_name null->"Acme Corp" (declared), profile.business_email null->"billing@example.com" (declared)',
      "update Other: settings.enforce_twofactor null->true (enforce_twofactor)"
    ])
    // acme-legacy is excused by its exception; nothing is declared for the three: unmanaged
    assert.deepStrictEqual(
      plan.unmanaged.map((a) => a.name),
      ["acme-legacy", "Other", "Done"]
    )
    assert.deepStrictEqual(plan.fingerprint.absent, ["acme-staging"])
    assert.deepStrictEqual(
      plan.fingerprint.accounts.map((a) => a.name),
      ["Other"]
    )
  })

  it("a declared account that exists is matched by name: only the fields that differ, with before and after", () => {
    const staging = account({ name: "acme-staging", enforce_twofactor: true, abuse_contact_email: "old@example.com" })
    const profiles = new Map([[staging.id as string, profile({ business_name: "Acme Corp", business_email: "old@example.com" })]])
    const plan = Plan.plan([staging], file(EXAMPLE), { now: NOW, profiles })
    assert.deepStrictEqual(summary(plan), [
      'update acme-staging: settings.abuse_contact_email "old@example.com"->"security@example.com" (declared)',
      'profile acme-staging: profile.business_email "old@example.com"->"billing@example.com" (declared)'
    ])
    assert.deepStrictEqual(plan.unmanaged, [])
    assert.deepStrictEqual(plan.conflicts, [])
  })

  it("nothing to change: an empty plan", () => {
    const staging = account({ name: "acme-staging", enforce_twofactor: true, abuse_contact_email: "security@example.com" })
    const profiles = new Map([[staging.id as string, profile({ business_name: "Acme Corp", business_email: "billing@example.com" })]])
    const plan = Plan.plan([staging], file(EXAMPLE), { now: NOW, profiles })
    assert.isTrue(Plan.isEmpty(plan))
    assert.deepStrictEqual(plan.fingerprint, { accounts: [], absent: [], named: [] })
  })

  it("matches by id first, and never renames: a different name is a conflict", () => {
    const renamed = account({ name: "acme-old-name", enforce_twofactor: false })
    const plan = Plan.plan(
      [renamed],
      file(`accounts:\n  - { id: "${renamed.id}", name: acme-new-name, settings: { enforce_twofactor: true } }\n`),
      { now: NOW }
    )
    assert.deepStrictEqual(summary(plan), ["update acme-old-name: settings.enforce_twofactor false->true (declared)"])
    assert.deepStrictEqual(plan.conflicts, [
      { account: `acme-old-name (${renamed.id})`, detail: 'accounts.0 names it "acme-new-name"; accounts are never renamed' }
    ])
  })

  it("an id no account has is a conflict, not a create; a name two accounts share is a conflict", () => {
    const a = account({ name: "twin" })
    const b = account({ name: "twin" })
    const plan = Plan.plan(
      [a, b],
      file(`accounts:\n  - { id: "${"e".repeat(32)}", name: ghost }\n  - { name: twin, settings: { enforce_twofactor: true } }\n`),
      { now: NOW }
    )
    assert.deepStrictEqual(plan.actions, [])
    assert.deepStrictEqual(
      plan.conflicts.map((c) => c.account),
      [`ghost (${"e".repeat(32)})`, "twin"]
    )
  })

  it("the type is never changed: a different declared type is a conflict", () => {
    const ent = account({ name: "acme-ent", type: "enterprise" })
    const plan = Plan.plan([ent], file("accounts:\n  - { name: acme-ent, type: standard }\n"), { now: NOW })
    assert.deepStrictEqual(plan.actions, [])
    assert.match(plan.conflicts[0]?.detail ?? "", /does not change an account's type/)
  })

  it("declared-only leaves the policy's fixes out, for declared and unmanaged accounts", () => {
    const text = `policy:
  enforce_twofactor: true
  abuse_contact_email: { fix_to: abuse@example.com }
  organization: { id: ${ORG} }
accounts:
  - { name: declared, settings: { abuse_contact_email: x@example.com } }
`
    const declared = account({ name: "declared" })
    const loose = account({ name: "loose" })
    const full = Plan.plan([declared, loose], file(text), { now: NOW })
    assert.deepStrictEqual(summary(full), [
      'update declared: settings.abuse_contact_email null->"x@example.com" (declared), settings.enforce_twofactor false->true (enforce_twofactor)',
      `move declared: organization null->"${ORG}" (organization)`,
      'update loose: settings.abuse_contact_email null->"abuse@example.com" (abuse_contact_email), settings.enforce_twofactor false->true (enforce_twofactor)',
      `move loose: organization null->"${ORG}" (organization)`
    ])
    const only = Plan.plan([declared, loose], file(text), { now: NOW, declaredOnly: true })
    assert.deepStrictEqual(summary(only), ['update declared: settings.abuse_contact_email null->"x@example.com" (declared)'])
    assert.deepStrictEqual(
      only.unmanaged.map((a) => a.name),
      ["loose"]
    )
  })

  it("a declaration wins over a fix for the field it sets; a declared organization is a move", () => {
    const text = `policy:
  enforce_twofactor: true
accounts:
  - { name: acme-x, settings: { enforce_twofactor: false }, organization: ${ORG} }
`
    const x = account({ name: "acme-x", enforce_twofactor: false, org: "elsewhere" })
    assert.deepStrictEqual(summary(Plan.plan([x], file(text), { now: NOW })), [
      `move acme-x: organization "elsewhere"->"${ORG}" (declared)`
    ])
  })

  it("a silenced finding is not fixed; an expired exception's is", () => {
    const legacy = account({ name: "acme-legacy", abuse_contact_email: "a@example.com" })
    assert.deepStrictEqual(Plan.plan([legacy], file(EXAMPLE), { now: NOW }).actions.length, 1) // the create only
    const later = Plan.plan([legacy], file(EXAMPLE), { now: Date.UTC(2027, 3, 1) })
    assert.deepStrictEqual(summary(later).slice(1), ["update acme-legacy: settings.enforce_twofactor false->true (enforce_twofactor)"])
  })

  it("a declared profile without its current profile is a conflict, not a guess", () => {
    const staging = account({ name: "acme-staging", enforce_twofactor: true, abuse_contact_email: "security@example.com" })
    const plan = Plan.plan([staging], file(EXAMPLE), { now: NOW })
    assert.deepStrictEqual(plan.actions, [])
    assert.match(plan.conflicts[0]?.detail ?? "", /declares a profile/)
  })

  it.effect("a plan survives JSON: encode, stringify, parse, decode", () =>
    Effect.gen(function* () {
      const plan = Plan.plan([account({ name: "Other" })], file(EXAMPLE), { now: NOW })
      const saved: unknown = JSON.parse(JSON.stringify(Plan.encode(plan)))
      assert.deepStrictEqual(yield* Plan.decode(saved), plan)
    })
  )
})
