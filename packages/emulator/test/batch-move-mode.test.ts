import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { call, withEmulator } from "./support.js"

describe("batchMove: not_implemented", () => {
  it.effect("POST /accounts/move answers 501 code 10501 in the org envelope, moves nothing, and is counted", () =>
    withEmulator({ seed: 5, seedAccounts: 6, batchMove: "not_implemented" }, (emulator) =>
      Effect.gen(function* () {
        const ids = emulator.state.accountIds().slice(0, 3)
        const destination = emulator.state.organizations.at(-1)?.id ?? ""
        const before = ids.map((id) => emulator.state.account(id)?.orgId)
        const reply = yield* call(emulator, "POST", "/accounts/move", {
          body: { account_ids: ids, destination_organization_id: destination }
        })
        assert.strictEqual(reply.status, 501)
        assert.deepStrictEqual(reply.json, {
          success: false,
          errors: [{ code: 10501, message: "Not implemented" }],
          messages: []
        })
        assert.match(reply.headers.get("cf-ray") ?? "", /^[0-9a-f]{16}-EMU$/)
        assert.deepStrictEqual(
          ids.map((id) => emulator.state.account(id)?.orgId),
          before
        )
        assert.deepStrictEqual(emulator.faults.stats().routes["POST /accounts/move"], {
          requests: 1,
          faults: 0,
          faultsByKind: {}
        })
      })
    )
  )

  it.effect("credentials are still checked first, and the single move still works", () =>
    withEmulator({ seedAccounts: 2, batchMove: "not_implemented" }, (emulator) =>
      Effect.gen(function* () {
        const [id] = emulator.state.accountIds()
        const destination = emulator.state.organizations.at(-1)?.id ?? ""
        const body = { account_ids: [id], destination_organization_id: destination }
        const denied = yield* call(emulator, "POST", "/accounts/move", {
          body,
          anonymous: true,
          headers: { authorization: "Bearer wrong" }
        })
        assert.strictEqual(denied.status, 403)
        assert.strictEqual(denied.json.errors[0].code, 10000)
        const single = yield* call(emulator, "POST", `/accounts/${id}/move`, {
          body: { destination_organization_id: destination }
        })
        assert.strictEqual(single.status, 200)
        assert.strictEqual(emulator.state.account(id ?? "")?.orgId, destination)
      })
    )
  )

  it.effect("the default is implemented: the same request moves the accounts", () =>
    withEmulator({ seedAccounts: 2 }, (emulator) =>
      Effect.gen(function* () {
        const ids = emulator.state.accountIds()
        const destination = emulator.state.organizations.at(-1)?.id ?? ""
        const reply = yield* call(emulator, "POST", "/accounts/move", {
          body: { account_ids: ids, destination_organization_id: destination }
        })
        assert.strictEqual(reply.status, 200)
        assert.deepStrictEqual(
          ids.map((id) => emulator.state.account(id)?.orgId),
          ids.map(() => destination)
        )
      })
    )
  )
})
