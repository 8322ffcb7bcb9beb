/**
 * What `apply` must never do, against the emulator on 127.0.0.1: create a
 * declared account a second time (someone created the name since the plan),
 * plan or apply on a listing it could not verify, hide the id of an account a
 * create made when a later write failed, adopt an account found by name
 * without saying so, or run a change it cannot write.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Apply from "../src/Apply.js"
import * as Fleet from "../src/Fleet.js"
import * as Plan from "../src/Plan.js"
import type { PolicyFile } from "../src/PolicyFile.js"
import { EmulatorClient, file, NOW, withoutCreateWait } from "./support.js"

const planNow = (policy: PolicyFile) =>
  Effect.gen(function* () {
    const accounts = yield* Fleet.accounts
    const profiles = yield* Fleet.profiles(accounts, policy)
    return { accounts, plan: Plan.plan(accounts, policy, { now: NOW, profiles }) }
  })

const fresh = Effect.gen(function* () {
  const emulator = yield* Emulator
  emulator.state.reset()
  emulator.faults.setConfig({ rules: [] })
  return emulator
})

const named = (name: string) =>
  Effect.map(Emulator, (emulator) => emulator.state.accountIds().filter((id) => emulator.state.account(id)?.name === name))

describe("Apply.apply: a declared account is created once", () => {
  layer(EmulatorClient({ seedAccounts: 6, seed: 3 }))((it) => {
    it.effect("a name created since the listing the plan was checked against: the create fails naming it, nothing is posted", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const { accounts, plan } = yield* planNow(file("accounts:\n  - name: twin-new\n"))
          // A colleague's apply (or someone at the dashboard) creates it after the listing.
          const theirs = yield* (yield* AccountsClient.AccountsClient).create({ name: "twin-new" })
          const posts = emulator.faults.stats().routes["POST /accounts"]?.requests ?? 0
          const results = yield* Apply.apply(plan, { currentAccounts: accounts })
          assert.strictEqual(results[0]?.status, "failed")
          if (results[0]?.status !== "failed") return
          assert.strictEqual(results[0].error._tag, "NameTakenError")
          assert.strictEqual(
            results[0].error.message,
            `an account named "twin-new" now exists (${theirs.account.id}); nothing was created`
          )
          assert.strictEqual(emulator.faults.stats().routes["POST /accounts"]?.requests ?? 0, posts)
          assert.deepStrictEqual(yield* named("twin-new"), [theirs.account.id])
        })
      )
    )

    it.effect("a listing that cannot be verified (no total_count): Fleet.accounts and apply refuse, nothing is created", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const { plan } = yield* planNow(file("accounts:\n  - name: e3-new\n"))
          emulator.faults.setConfig({ rules: [{ route: "GET /accounts", kind: "no_total_count" }] })
          const listed = yield* Effect.flip(Fleet.accounts)
          assert.strictEqual(listed._tag, "UnverifiedListingError")
          const applied = yield* Effect.flip(Apply.apply(plan))
          assert.strictEqual(applied._tag, "UnverifiedListingError")
          emulator.faults.setConfig({ rules: [] })
          assert.deepStrictEqual(yield* named("e3-new"), [])
        })
      )
    )

    it.effect("a saved plan whose name-matched account now shares its name is refused as stale", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const [id] = emulator.state.accountIds()
          const record = emulator.state.account(id!)!
          const policy = file(`accounts:\n  - name: ${JSON.stringify(record.name)}\n    settings: { abuse_contact_email: new@example.com }\n`)
          const { plan } = yield* planNow(policy)
          assert.deepStrictEqual(plan.fingerprint.named, [{ name: record.name, id: id! }])
          const saved = yield* Plan.decode(JSON.parse(JSON.stringify(Plan.encode(plan))))
          const other = yield* (yield* AccountsClient.AccountsClient).create({ name: record.name })
          const error = yield* Effect.flip(Apply.apply(saved))
          assert.strictEqual(error._tag, "StalePlanError")
          if (error._tag !== "StalePlanError") return
          assert.deepStrictEqual(error.changes, [
            {
              account: record.name,
              id: id!,
              detail: `was matched by its name, which ${other.account.id} now has too, so the match is ambiguous`
            }
          ])
          assert.notStrictEqual(emulator.state.account(id!)?.settings?.abuse_contact_email, "new@example.com")
        })
      )
    )
  })
})

describe("Apply.apply: what each action came to", () => {
  layer(EmulatorClient({ seedAccounts: 3, seed: 5 }))((it) => {
    it.effect("a create whose settings write then fails is partial, with the new account's id", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const { plan } = yield* planNow(file("accounts:\n  - name: e1-new\n    settings: { enforce_twofactor: true }\n"))
          emulator.faults.setConfig({ rules: [{ route: "PUT /accounts/{account_id}", kind: "status", status: 503 }] })
          const [result] = yield* Apply.apply(plan)
          emulator.faults.setConfig({ rules: [] })
          const [id] = yield* named("e1-new")
          assert.isDefined(id)
          assert.strictEqual(result?.status, "partial")
          if (result?.status !== "partial") return
          assert.deepStrictEqual([result.account, result.source, result.failed], [{ id: id!, name: "e1-new" }, "answer", "settings"])
          assert.strictEqual(result.error._tag, "ServerError")
        })
      )
    )

    it.effect("a create says where its id came from: the answer, or a lookup by name after a lost answer", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const answered = yield* Apply.apply((yield* planNow(file("accounts:\n  - name: s-answer\n"))).plan)
          assert.deepStrictEqual(answered.map((r) => (r.status === "done" ? r.source : r.status)), ["answer"])
          const { plan } = yield* planNow(file("accounts:\n  - name: s-lookup\n"))
          emulator.faults.setConfig({ rules: [{ route: "POST /accounts", kind: "bad_body", times: 1 }] })
          const looked = yield* Apply.apply(plan)
          emulator.faults.setConfig({ rules: [] })
          assert.deepStrictEqual(looked.map((r) => (r.status === "done" ? r.source : r.status)), ["lookup"])
        })
      )
    )

    it.effect("a change an action cannot write fails that action, with nothing sent for it", () =>
      withoutCreateWait(
        Effect.gen(function* () {
          const emulator = yield* fresh
          const [id] = emulator.state.accountIds()
          const record = emulator.state.account(id!)!
          const policy = file(`accounts:\n  - id: ${id}\n    name: ${JSON.stringify(record.name)}\n    settings: { abuse_contact_email: new@example.com }\n`)
          const { plan } = yield* planNow(policy)
          const [update] = plan.actions
          assert.strictEqual(update?._tag, "update")
          if (update?._tag !== "update") return
          const typo = { ...update, changes: [{ ...update.changes[0]!, field: "settings.abuse_contact_emial" }] }
          const puts = emulator.faults.stats().routes["PUT /accounts/{account_id}"]?.requests ?? 0
          const [result] = yield* Apply.apply({ ...plan, actions: [typo] })
          assert.strictEqual(result?.status, "failed")
          if (result?.status !== "failed") return
          assert.strictEqual(result.error._tag, "UnwritableChangeError")
          assert.match(result.error.message, /^the update cannot write settings\.abuse_contact_emial: the field is not a field a plan changes/)
          assert.strictEqual(emulator.faults.stats().routes["PUT /accounts/{account_id}"]?.requests ?? 0, puts)
          assert.notStrictEqual(emulator.state.account(id!)?.settings?.abuse_contact_email, "new@example.com")
        })
      )
    )
  })
})
