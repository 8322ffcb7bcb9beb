/**
 * For generated fleets and files, against the emulator: after `apply`, the next
 * `plan` is empty, and no action touched an account outside the plan.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Apply from "../src/Apply.js"
import * as Fleet from "../src/Fleet.js"
import * as Plan from "../src/Plan.js"
import { PolicyFile } from "../src/PolicyFile.js"
import { EmulatorClient, NOW, withoutCreateWait } from "./support.js"

const NAMES = ["acme-a", "acme-b", "labs-c", "Other", "twin"] as const

const existing = FastCheck.record({
  name: FastCheck.constantFrom(...NAMES),
  enterprise: FastCheck.boolean(),
  twofactor: FastCheck.constantFrom<boolean | null>(true, false, null),
  abuse: FastCheck.constantFrom<string | null>(null, "sec@example.com", "abuse@other.org"),
  org: FastCheck.constantFrom<number | null>(null, 0, 1, 2)
})

const declared = FastCheck.record(
  {
    name: FastCheck.constantFrom(...NAMES, "acme-new", "labs-new"),
    type: FastCheck.constantFrom("standard", "enterprise"),
    settings: FastCheck.record(
      { enforce_twofactor: FastCheck.boolean(), abuse_contact_email: FastCheck.constantFrom("ops@example.com", "x@other.org") },
      { requiredKeys: [] }
    ),
    org: FastCheck.constantFrom(0, 3),
    profile: FastCheck.record(
      { business_name: FastCheck.constantFrom("Acme Corp", "Labs Ltd"), business_email: FastCheck.constant("billing@example.com") },
      { requiredKeys: [] }
    )
  },
  { requiredKeys: ["name"] }
)

const policy = FastCheck.record(
  {
    enforce_twofactor: FastCheck.boolean(),
    abuse_contact_email: FastCheck.constantFrom<unknown>(
      false,
      true,
      { domain: "example.com" },
      { domain: "example.com", fix_to: "abuse@example.com" }
    ),
    name: FastCheck.constant({ pattern: "^(acme|labs)-" }),
    organization: FastCheck.constantFrom(0, 2),
    exception: FastCheck.record({
      rule: FastCheck.constantFrom("enforce_twofactor", "abuse_contact_email", "organization"),
      account: FastCheck.constantFrom("acme-.*", "Other", "twin"),
      expires: FastCheck.constantFrom("2026-01-01", "2030-01-01")
    })
  },
  { requiredKeys: [] }
)

const scenario = FastCheck.record({
  fleet: FastCheck.array(existing, { maxLength: 6 }),
  accounts: FastCheck.uniqueArray(declared, { maxLength: 4, selector: (d) => d.name }),
  policy,
  declaredOnly: FastCheck.boolean()
})

type Scenario = typeof scenario extends FastCheck.Arbitrary<infer A> ? A : never

const toFile = (s: Scenario, orgs: ReadonlyArray<string>): PolicyFile =>
  Schema.decodeUnknownSync(PolicyFile)({
    policy: {
      ...(s.policy.enforce_twofactor === undefined ? {} : { enforce_twofactor: s.policy.enforce_twofactor }),
      ...(s.policy.abuse_contact_email === undefined ? {} : { abuse_contact_email: s.policy.abuse_contact_email }),
      ...(s.policy.name === undefined ? {} : { name: s.policy.name }),
      ...(s.policy.organization === undefined ? {} : { organization: { id: orgs[s.policy.organization] } }),
      exceptions:
        s.policy.exception === undefined
          ? []
          : [{ ...s.policy.exception, accounts: [s.policy.exception.account], account: undefined, reason: "generated" }]
    },
    accounts: s.accounts.map((d) => ({
      name: d.name,
      ...(d.type === undefined ? {} : { type: d.type }),
      ...(d.settings === undefined ? {} : { settings: d.settings }),
      ...(d.org === undefined ? {} : { organization: orgs[d.org] }),
      ...(d.profile === undefined ? {} : { profile: d.profile })
    }))
  })

describe("plan and apply, for generated fleets and files", () => {
  layer(EmulatorClient({ seedAccounts: 0, seed: 5 }))((it) => {
    it.effect.prop(
      "after apply the next plan is empty, and nothing outside the plan changed",
      [scenario],
      ([s]) =>
        withoutCreateWait(
          Effect.gen(function* () {
            const emulator = yield* Emulator
            const { state } = emulator
            state.reset()
            const orgs = state.organizations.map((org) => org.id)
            for (const a of s.fleet) {
              const record = state.create({
                name: a.name,
                type: a.enterprise ? "enterprise" : "standard",
                orgId: a.org === null ? undefined : orgs[a.org],
                createdAt: Date.UTC(2024, 0, 1)
              })
              state.update(record, {
                name: a.name,
                type: record.type,
                settings: { ...record.settings, enforce_twofactor: a.twofactor, abuse_contact_email: a.abuse }
              })
            }
            const file = toFile(s, orgs)
            const snapshot = () =>
              new Map(
                state.accountIds().map((id) => {
                  const record = state.account(id)!
                  return [id as string, JSON.stringify([state.toAccount(record), state.profile(record)])]
                })
              )

            const accounts = yield* Fleet.accounts
            const profiles = yield* Fleet.profiles(accounts, file)
            const plan = Plan.plan(accounts, file, { now: NOW, declaredOnly: s.declaredOnly, profiles })
            const before = snapshot()
            const results = yield* Apply.apply(plan, { currentAccounts: accounts, currentProfiles: profiles })
            assert.deepStrictEqual(
              results.filter((r) => r.status === "failed").map((r) => r.status === "failed" && r.error.message),
              []
            )

            const after = snapshot()
            const planned = new Set(plan.actions.flatMap((a) => (a._tag === "create" ? [] : [a.account.id])))
            for (const [id, was] of before) {
              if (!planned.has(id)) assert.strictEqual(after.get(id), was, `account ${id} is outside the plan`)
            }
            const createdNames = [...after.keys()].filter((id) => !before.has(id)).map((id) => state.account(id)!.name)
            assert.deepStrictEqual(
              createdNames.sort(),
              plan.actions.flatMap((a) => (a._tag === "create" ? [a.name] : [])).sort()
            )

            const fleet = yield* Fleet.accounts
            const next = Plan.plan(fleet, file, {
              now: NOW,
              declaredOnly: s.declaredOnly,
              profiles: yield* Fleet.profiles(fleet, file)
            })
            assert.deepStrictEqual(next.actions, [])
          })
        ),
      { fastCheck: { numRuns: 10, seed: 23 } }
    )
  })
})
