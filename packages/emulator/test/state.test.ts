import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, VALID_PROFILE, withEmulator } from "./support.js"

describe("state", () => {
  it.effect("create assigns a 32-hex id and created_on; get and list see the new account", () =>
    withEmulator({ seedAccounts: 3 }, (emulator) =>
      Effect.gen(function* () {
        const created = yield* call(emulator, "POST", "/accounts", { body: { name: "Fresh Co", type: "enterprise" } })
        assert.strictEqual(created.status, 200)
        const account = created.json.result
        assert.match(account.id, /^[0-9a-f]{32}$/)
        assert.strictEqual(account.type, "enterprise")
        assert.isFalse(Number.isNaN(Date.parse(account.created_on)))
        const got = yield* call(emulator, "GET", `/accounts/${account.id}`)
        assert.deepStrictEqual(got.json.result, account)
        const listed = yield* call(emulator, "GET", "/accounts?name=fresh")
        assert.deepStrictEqual(listed.json.result, [account])
        const all = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(all.json.result_info.total_count, 4)
        assert.strictEqual(all.json.result.at(-1).id, account.id)
      })
    )
  )

  it.effect("create defaults to a standard account; unit.id puts it in that organization", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        const org = emulator.state.organizations[1]
        assert.isDefined(org)
        const plain = yield* call(emulator, "POST", "/accounts", { body: { name: "Plain" } })
        assert.strictEqual(plain.json.result.type, "standard")
        assert.isUndefined(plain.json.result.managed_by)
        const inUnit = yield* call(emulator, "POST", "/accounts", { body: { name: "Unit", unit: { id: org?.id } } })
        assert.deepStrictEqual(inUnit.json.result.managed_by, { parent_org_id: org?.id, parent_org_name: org?.name })
      })
    )
  )

  it.effect("update replaces name, type and settings", () =>
    withEmulator({ seedAccounts: 2 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[1] ?? ""
        const body = { id, name: "Renamed", type: "enterprise", settings: { abuse_contact_email: "abuse@example.com" } }
        const updated = yield* call(emulator, "PUT", `/accounts/${id}`, { body })
        assert.strictEqual(updated.status, 200)
        assert.strictEqual(updated.json.result.name, "Renamed")
        // enforce_twofactor was left out: "not set"
        assert.deepStrictEqual(updated.json.result.settings, { abuse_contact_email: "abuse@example.com", enforce_twofactor: null })
        const got = yield* call(emulator, "GET", `/accounts/${id}`)
        assert.deepStrictEqual(got.json.result, updated.json.result)
      })
    )
  )

  it.effect("delete returns the id; then get is 404 and list no longer has it", () =>
    withEmulator({ seedAccounts: 5 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[2] ?? ""
        const deleted = yield* call(emulator, "DELETE", `/accounts/${id}`)
        assert.deepStrictEqual(deleted.json, { success: true, errors: [], messages: [], result: { id } })
        const got = yield* call(emulator, "GET", `/accounts/${id}`)
        assert.strictEqual(got.status, 404)
        const again = yield* call(emulator, "DELETE", `/accounts/${id}`)
        assert.strictEqual(again.status, 404)
        const listed = yield* call(emulator, "GET", "/accounts")
        assert.strictEqual(listed.json.result_info.total_count, 4)
        assert.notInclude(listed.json.result.map((a: { id: string }) => a.id), id)
      })
    )
  )

  it.effect("move changes managed_by and the organization chain (root to leaf)", () =>
    withEmulator({}, (emulator) =>
      Effect.gen(function* () {
        const created = yield* call(emulator, "POST", "/accounts", { body: { name: "Mover" } })
        const id: string = created.json.result.id
        const none = yield* call(emulator, "GET", `/accounts/${id}/organizations`)
        assert.deepStrictEqual(none.json.result, [])
        const [root, east, , lab] = emulator.state.organizations
        const moved = yield* call(emulator, "POST", `/accounts/${id}/move`, {
          body: { destination_organization_id: lab?.id }
        })
        assert.deepStrictEqual(moved.json.result, {
          account_id: id,
          source_organization_id: "",
          destination_organization_id: lab?.id
        })
        const got = yield* call(emulator, "GET", `/accounts/${id}`)
        assert.deepStrictEqual(got.json.result.managed_by, { parent_org_id: lab?.id, parent_org_name: lab?.name })
        const chain = yield* call(emulator, "GET", `/accounts/${id}/organizations`)
        assert.deepStrictEqual(
          chain.json.result.map((o: { id: string }) => o.id),
          [root?.id, east?.id, lab?.id]
        )
        assert.deepStrictEqual(chain.json.result[2].parent, { id: east?.id, name: east?.name })
        assert.isUndefined(chain.json.result[0].parent)
        const back = yield* call(emulator, "POST", `/accounts/${id}/move`, {
          body: { destination_organization_id: root?.id }
        })
        assert.strictEqual(back.json.result.source_organization_id, lab?.id)
        const after = yield* call(emulator, "GET", `/accounts/${id}/organizations`)
        assert.deepStrictEqual(after.json.result.map((o: { id: string }) => o.id), [root?.id])
      })
    )
  )

  it.effect("batch move moves each listed account and reports per-account statuses", () =>
    withEmulator({ seedAccounts: 4 }, (emulator) =>
      Effect.gen(function* () {
        const [a, b] = emulator.state.accountIds()
        const missing = "ffffffffffffffffffffffffffffffff"
        const west = emulator.state.organizations[2]
        const reply = yield* call(emulator, "POST", "/accounts/move", {
          body: { account_ids: [a, b, missing], destination_organization_id: west?.id }
        })
        assert.strictEqual(reply.status, 200)
        const statuses = reply.json.result.statuses
        assert.strictEqual(statuses.tag, "batch")
        assert.strictEqual(statuses.moved, false)
        assert.strictEqual(statuses.message, "moved 2 of 3 accounts")
        assert.strictEqual(statuses[a ?? ""].moved, true)
        assert.strictEqual(statuses[b ?? ""].moved, true)
        assert.strictEqual(statuses[missing].moved, false)
        for (const id of [a, b]) {
          const got = yield* call(emulator, "GET", `/accounts/${id}`)
          assert.strictEqual(got.json.result.managed_by.parent_org_id, west?.id)
        }
      })
    )
  )

  it.effect("profile: get has all five fields; put answers 204 with no body; get returns what was put", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const before = yield* call(emulator, "GET", `/accounts/${id}/profile`)
        assert.deepStrictEqual(Object.keys(before.json.result).sort(), Object.keys(VALID_PROFILE).sort())
        const put = yield* call(emulator, "PUT", `/accounts/${id}/profile`, { body: VALID_PROFILE })
        assert.strictEqual(put.status, 204)
        assert.strictEqual(put.text, "")
        const after = yield* call(emulator, "GET", `/accounts/${id}/profile`)
        assert.deepStrictEqual(after.json.result, VALID_PROFILE)
      })
    )
  )

  it.effect("POST /__emulator/reset restores the seeded data and clears the counts", () =>
    withEmulator({ seedAccounts: 5 }, (emulator) =>
      Effect.gen(function* () {
        const before = yield* call(emulator, "GET", "/accounts")
        const first = emulator.state.accountIds()[0] ?? ""
        yield* call(emulator, "DELETE", `/accounts/${first}`)
        yield* call(emulator, "POST", "/accounts", { body: { name: "Extra" } })
        const reset = yield* call(emulator, "POST", "/__emulator/reset")
        assert.deepStrictEqual(reset.json, { ok: true, accounts: 5 })
        assert.deepStrictEqual(emulator.faults.stats(), { routes: {} })
        const after = yield* call(emulator, "GET", "/accounts")
        assert.deepStrictEqual(after.json.result, before.json.result)
      })
    )
  )

  it.effect("the same seed gives the same accounts and organizations; another seed does not", () =>
    Effect.gen(function* () {
      const snapshot = (seed: number) =>
        withEmulator({ seed, seedAccounts: 50 }, (emulator) =>
          call(emulator, "GET", "/accounts?per_page=50").pipe(
            Effect.map((reply) => ({ accounts: reply.json.result, orgs: emulator.state.organizations }))
          )
        )
      const first = yield* snapshot(42)
      const second = yield* snapshot(42)
      const other = yield* snapshot(43)
      assert.deepStrictEqual(first, second)
      assert.notDeepEqual(first.accounts, other.accounts)
      const orgIds = new Set(first.orgs.map((o) => o.id))
      const inNone = first.accounts.filter((a: { managed_by?: unknown }) => a.managed_by === undefined).length
      assert.isTrue(inNone > 0 && inNone < 50, `${inNone} accounts in no organization`)
      const usedOrgs = new Set(first.accounts.flatMap((a: { managed_by?: { parent_org_id: string } }) => a.managed_by?.parent_org_id ?? []))
      assert.strictEqual(usedOrgs.size, orgIds.size)
    })
  )
})
