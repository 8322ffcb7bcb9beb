/**
 * The engine against the emulator on 127.0.0.1, through the real client: the
 * issue's file on a fresh fleet, applying twice, a create whose answer was lost,
 * and a saved plan refused once a planned account changed.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Apply from "../src/Apply.js"
import * as Fleet from "../src/Fleet.js"
import * as Plan from "../src/Plan.js"
import type { PolicyFile } from "../src/PolicyFile.js"
import { EmulatorClient, EXAMPLE, file, NOW, withoutCreateWait } from "./support.js"

const planNow = (policy: PolicyFile) =>
  Effect.gen(function* () {
    const accounts = yield* Fleet.accounts
    const profiles = yield* Fleet.profiles(accounts, policy)
    return Plan.plan(accounts, policy, { now: NOW, profiles })
  })

const fresh = Effect.gen(function* () {
  const emulator = yield* Emulator
  emulator.state.reset()
  emulator.faults.setConfig({ rules: [] })
  return emulator
})

const named = (name: string) =>
  Effect.map(Emulator, (emulator) => emulator.state.accountIds().filter((id) => emulator.state.account(id)?.name === name))

describe("Apply.apply against the emulator", () => {
  layer(EmulatorClient({ seedAccounts: 8, seed: 3 }))((it) => {
    it.effect("the issue's file on a fresh fleet: plan lists the changes, apply makes them, the next plan is empty", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          yield* fresh
          const policy = file(EXAMPLE)
          const plan = yield* planNow(policy)
          const create = plan.actions[0]
          assert.strictEqual(create?._tag, "create")
          assert.isTrue(plan.actions.slice(1).every((a) => a._tag === "update"))
          assert.isAbove(plan.actions.length, 1) // seeded accounts without two-factor
          assert.strictEqual(plan.unmanaged.length, 8)

          const results = yield* Apply.apply(plan)
          assert.deepStrictEqual(
            results.map((r) => r.status),
            plan.actions.map(() => "done")
          )
          const [id] = yield* named("acme-staging")
          const client = yield* AccountsClient.AccountsClient
          const created = yield* client.get(id!)
          assert.deepStrictEqual(
            [created.type, created.settings?.enforce_twofactor, created.settings?.abuse_contact_email],
            ["standard", true, "security@example.com"]
          )
          const profile = yield* client.getProfile(id!)
          assert.deepStrictEqual([profile.business_name, profile.business_email], ["Acme Corp", "billing@example.com"])

          const again = yield* planNow(policy)
          assert.deepStrictEqual(again.actions, [])
          assert.deepStrictEqual(again.conflicts, [])
        })
      )
    )

    it.effect("apply twice creates nothing twice: the second apply is refused, naming the account", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const policy = file(EXAMPLE)
          const plan = yield* planNow(policy)
          yield* Apply.apply(plan)
          const before = emulator.state.size
          const error = yield* Effect.flip(Apply.apply(plan))
          assert.strictEqual(error._tag, "StalePlanError")
          assert.include(error.message, "acme-staging")
          assert.strictEqual(emulator.state.size, before)
          assert.strictEqual((yield* named("acme-staging")).length, 1)
        })
      )
    )

    it.effect("a create whose answer was lost is found by name, not sent again", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const policy = file(EXAMPLE)
          const plan = yield* planNow(policy)
          const posts = () => emulator.faults.stats().routes["POST /accounts"]?.requests ?? 0
          const sent = posts()
          emulator.faults.setConfig({ rules: [{ route: "POST /accounts", kind: "bad_body", times: 1 }] })
          const results = yield* Apply.apply(plan)
          assert.deepStrictEqual(results[0]?.status, "done")
          assert.strictEqual(emulator.faults.stats().routes["POST /accounts"]?.faults, 1)
          assert.strictEqual(posts() - sent, 1)
          assert.strictEqual((yield* named("acme-staging")).length, 1)
          emulator.faults.setConfig({ rules: [] })
          assert.deepStrictEqual((yield* planNow(policy)).actions, [])
        })
      )
    )

    it.effect("a saved plan applied after someone changed a planned account is refused with the account named", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const policy = file("policy: { enforce_twofactor: true }")
          const saved = JSON.stringify(Plan.encode(yield* planNow(policy)))
          const target = (yield* Plan.decode(JSON.parse(saved))).actions[0]
          assert.strictEqual(target?._tag, "update")
          if (target?._tag !== "update") return
          // someone else changes the planned account meanwhile
          const client = yield* AccountsClient.AccountsClient
          yield* client.patch(target.account.id, { settings: { abuse_contact_email: "someone@example.com" } })
          const stats = emulator.faults.stats().routes["PUT /accounts/{account_id}"]?.requests ?? 0
          const error = yield* Effect.flip(Apply.apply(yield* Plan.decode(JSON.parse(saved))))
          assert.strictEqual(error._tag, "StalePlanError")
          if (error._tag !== "StalePlanError") return
          assert.deepStrictEqual(error.changes, [{ account: target.account.name, id: target.account.id, detail: "changed" }])
          assert.include(error.message, target.account.name)
          // nothing was sent
          assert.strictEqual(emulator.faults.stats().routes["PUT /accounts/{account_id}"]?.requests ?? 0, stats)
        })
      )
    )
  })
})
