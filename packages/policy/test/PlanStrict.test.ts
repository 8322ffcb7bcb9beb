/**
 * A saved plan is read strictly (a hand edit cannot slip a change past apply),
 * and a plan says what the creates it makes will break.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Plan from "../src/Plan.js"
import { account, file, NOW } from "./support.js"

const target = account({ name: "acme-one", id: "0123456789abcdef0123456789abcdef" })
const plan = Plan.plan(
  [target],
  file('accounts:\n  - name: acme-one\n    settings: { enforce_twofactor: true }\n  - name: acme-two\n'),
  { now: NOW }
)
interface SavedChange {
  field: string
  before: unknown
  after: unknown
  reason: string
}
interface SavedPlan {
  actions: Array<{ _tag: string; changes: Array<SavedChange> }>
  fingerprint: { accounts: Array<unknown>; absent: Array<string> }
  [key: string]: unknown
}
const saved = (): SavedPlan => JSON.parse(JSON.stringify(Plan.encode(plan)))
const refusal = (edit: (p: SavedPlan) => void) =>
  Effect.gen(function* () {
    const p = saved()
    edit(p)
    const error = yield* Effect.flip(Plan.decode(p))
    return error.message
  })

describe("Plan.decode is strict", () => {
  it.effect("the plan as saved decodes", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* Plan.decode(saved()), plan)
    })
  )

  it.effect("refuses an unknown field, a value of the wrong type, a field the action does not write, an unknown key", () =>
    Effect.gen(function* () {
      const update = (p: SavedPlan) => p.actions.find((a) => a._tag === "update")!
      assert.include(
        yield* refusal((p) => {
          update(p).changes[0]!.field = "settings.enforce_twofactr"
        }),
        "is not a field a plan changes"
      )
      assert.include(
        yield* refusal((p) => {
          update(p).changes[0]!.after = "true"
        }),
        "must be true or false"
      )
      assert.include(
        yield* refusal((p) => {
          update(p).changes.push({ field: "name", before: "acme-one", after: "renamed", reason: "declared" })
        }),
        "is not changed by a update (only by create)"
      )
      assert.include(
        yield* refusal((p) => {
          p.colour = "red"
        }),
        "is unexpected"
      )
    })
  )

  it.effect("refuses an action whose account the fingerprint does not cover, and a create whose name it does not hold", () =>
    Effect.gen(function* () {
      const noAccounts = yield* refusal((p) => {
        p.fingerprint.accounts = []
      })
      assert.include(noAccounts, "is an account the fingerprint does not cover")
      const noAbsent = yield* refusal((p) => {
        p.fingerprint.absent = []
      })
      assert.include(noAbsent, "is a create whose name is not in fingerprint.absent")
    })
  )
})

describe("Plan.plan: creates that break the policy", () => {
  it("a declared account created against policy.name or policy.type is a warning naming the rule", () => {
    const policy = file(
      "policy:\n  name: { pattern: \"^acme-\" }\n  type: { allowed: [standard] }\naccounts:\n  - name: labs-x\n    type: enterprise\n  - name: acme-ok\n"
    )
    const made = Plan.plan([], policy, { now: NOW })
    assert.deepStrictEqual(made.warnings, [
      { account: "labs-x", detail: 'is created breaking policy.name: name "labs-x" does not match ^acme-' },
      { account: "labs-x", detail: 'is created breaking policy.type: type "enterprise" is not one of standard' }
    ])
    assert.deepStrictEqual(made.conflicts, [])
  })
})
