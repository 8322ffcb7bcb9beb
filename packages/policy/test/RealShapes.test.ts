/**
 * The engine on an account of the shape the real API sends (core's corpus: `null` settings,
 * settings the spec does not list, `legacy_flags`, microsecond `created_on`), and with a type the
 * spec does not list: it audits and plans without failing, reads a `null` as "not set", and a
 * planned fix changes only the fields it names.
 */
import { readFileSync } from "node:fs"
import * as Account from "@cf-accounts/core/Account"
import { assert, describe, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import * as Audit from "../src/Audit.js"
import * as Plan from "../src/Plan.js"
import { file, NOW } from "./support.js"

const recorded = (
  JSON.parse(
    readFileSync(new URL("../../core/test/fixtures/list/live-verified-2026-05.json", import.meta.url), "utf8")
  ) as { readonly result: ReadonlyArray<Record<string, unknown>> }
).result[0]!

const decode = Schema.decodeUnknownSync(Account.Account)
const real = decode(recorded)
const partner = decode({ ...recorded, id: "b".repeat(32), name: "Partner Account", type: "partner" })

const policy = file(`policy:
  enforce_twofactor: true
  abuse_contact_email: { domain: example.test, fix_to: abuse@example.test }
  type: { allowed: [standard] }
`)

describe("the engine on the real API's account shape", () => {
  it("audits a null abuse contact as not set and an unlisted type as not allowed", () => {
    const findings = Audit.audit([real, partner], policy.policy ?? {}, NOW)
    assert.deepStrictEqual(
      findings.map((f) => `${f.account.name} ${f.rule}`),
      [
        "Example Account enforce_twofactor",
        "Example Account abuse_contact_email",
        "Partner Account enforce_twofactor",
        "Partner Account abuse_contact_email",
        "Partner Account type"
      ]
    )
    assert.include(findings[1]?.detail ?? "", "not set")
  })

  it("plans the fixes on the fields they name only, nothing of what the spec does not list", () => {
    const plan = Plan.plan([real], policy, { now: new Date(NOW) })
    assert.deepStrictEqual(
      plan.actions.flatMap((action) => action.changes.map((change) => [change.field, change.before, change.after])),
      [
        ["settings.abuse_contact_email", null, "abuse@example.test"],
        ["settings.enforce_twofactor", false, true]
      ]
    )
  })
})
