/**
 * "Nothing silent" end to end: the real client against the emulator.
 * Read-modify-writes keep what the client does not model; a create whose 2xx body
 * cannot be read is reconciled, and never adopts an account from before the call;
 * a delete never reports an id that was not there as deleted.
 */
import * as Accounts from "@cf-accounts/client/AccountsClient"
import * as Credentials from "@cf-accounts/client/Credentials"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { EmulatorService } from "../src/Emulator.js"
import type { FaultConfig } from "../src/FaultConfig.js"
import { call, VALID_PROFILE, withEmulator, withoutCreateWait } from "./support.js"

const run = <A, E>(
  options: { readonly seedAccounts?: number; readonly faults?: FaultConfig },
  f: (client: Accounts.Service, emulator: EmulatorService) => Effect.Effect<A, E>
) =>
  withEmulator(options, (emulator) =>
    Effect.flatMap(Accounts.AccountsClient, (client) => f(client, emulator)).pipe(
      Effect.provide(
        Accounts.layer({
          baseUrl: emulator.url,
          credentials: Credentials.apiToken(emulator.token),
          retry: { base: "1 millis", cap: "5 millis" },
          rateLimit: false
        }).pipe(Layer.provide(FetchHttpClient.layer))
      )
    )
  )

const POST = "POST /accounts"
const requests = (emulator: EmulatorService, route: string) => emulator.faults.stats().routes[route]?.requests ?? 0
const named = (emulator: EmulatorService, name: string) =>
  emulator.state.accountIds().filter((id) => emulator.state.account(id)?.name === name)

describe("lossless round trips", () => {
  it.live("seeded accounts carry settings core does not model, deterministically (every fourth, from the second)", () =>
    withEmulator({ seedAccounts: 8 }, (emulator) =>
      Effect.gen(function* () {
        const page = yield* call(emulator, "GET", "/accounts?per_page=8&direction=asc")
        const extra = (page.json.result as Array<{ settings: Record<string, unknown> }>).map(
          (a) => a.settings["default_nameservers"] !== undefined
        )
        assert.deepStrictEqual(extra, [false, true, false, false, false, true, false, false])
      })
    )
  )

  it.live("patch keeps default_nameservers and use_account_custom_ns_by_default", () =>
    run({ seedAccounts: 2 }, (client, emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[1] ?? ""
        yield* client.patch(id, { settings: { enforce_twofactor: true } })
        const stored = yield* call(emulator, "GET", `/accounts/${id}`)
        assert.deepStrictEqual(stored.json.result.settings, {
          enforce_twofactor: true,
          api_access_enabled: null,
          access_approval_expiry: null,
          abuse_contact_email: null,
          oauth_app_access_enabled: true,
          default_nameservers: "custom.account",
          use_account_custom_ns_by_default: true
        })
      })
    )
  )

  it.live("unknown settings and profile fields that are PUT are stored and returned", () =>
    withEmulator({ seedAccounts: 1 }, (emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const account = (yield* call(emulator, "GET", `/accounts/${id}`)).json.result
        const settings = { enforce_twofactor: false, future_setting: { on: true } }
        assert.strictEqual((yield* call(emulator, "PUT", `/accounts/${id}`, { body: { ...account, settings } })).status, 200)
        // abuse_contact_email was left out: "not set"
        assert.deepStrictEqual((yield* call(emulator, "GET", `/accounts/${id}`)).json.result.settings, {
          abuse_contact_email: null,
          ...settings
        })
        const profile = { ...VALID_PROFILE, business_tax_id: "XX-1" }
        assert.strictEqual((yield* call(emulator, "PUT", `/accounts/${id}/profile`, { body: profile })).status, 204)
        assert.deepStrictEqual((yield* call(emulator, "GET", `/accounts/${id}/profile`)).json.result, profile)
      })
    )
  )
})

describe("patchProfile on a profile never set", () => {
  it.live("changes one field and keeps the others as the server held them (its empty strings included)", () =>
    run({ seedAccounts: 1 }, (client, emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        const before = yield* client.getProfile(id)
        assert.strictEqual(before.business_email, "")
        const written = yield* client.patchProfile(id, { business_phone: "+1 555 0100" })
        const expected = { ...before, business_phone: "+1 555 0100" }
        assert.deepStrictEqual(written, expected)
        assert.deepStrictEqual(yield* client.getProfile(id), expected)
      })
    )
  )
})

describe("the bad_body fault", () => {
  it.live("html: the write is applied, the answer is a 200 HTML page", () =>
    withEmulator({ faults: { rules: [{ route: POST, kind: "bad_body", times: 1 }] } }, (emulator) =>
      Effect.gen(function* () {
        const reply = yield* call(emulator, "POST", "/accounts", { body: { name: "Html Co" } })
        assert.strictEqual(reply.status, 200)
        assert.match(reply.headers.get("content-type") ?? "", /text\/html/)
        assert.match(reply.text, /<html>/)
        assert.strictEqual(named(emulator, "Html Co").length, 1)
      })
    )
  )

  it.live("unknown_type: the real envelope, with an account type no client knows", () =>
    withEmulator({ seedAccounts: 3, faults: { rules: [{ kind: "bad_body", body: "unknown_type", times: 2 }] } }, (emulator) =>
      Effect.gen(function* () {
        const created = yield* call(emulator, "POST", "/accounts", { body: { name: "Future Co" } })
        assert.strictEqual(created.json.result.type, "emulated_future_type")
        assert.strictEqual(emulator.state.account(created.json.result.id)?.type, "standard")
        const page = yield* call(emulator, "GET", "/accounts")
        for (const account of page.json.result) assert.strictEqual(account.type, "emulated_future_type")
      })
    )
  )
})

describe("create: a 2xx the client cannot read is reconciled, one POST, one account", () => {
  const faults: ReadonlyArray<readonly [string, FaultConfig["rules"][number]]> = [
    ["a truncated body", { route: POST, kind: "truncate", times: 1 }],
    ["an HTML page", { route: POST, kind: "bad_body", times: 1 }],
    ["an unknown account type", { route: POST, kind: "bad_body", body: "unknown_type", times: 1 }]
  ]
  for (const [what, rule] of faults) {
    it.live(`${what}: the new account is returned`, () =>
      run({ faults: { rules: [rule] } }, (client, emulator) =>
        Effect.gen(function* () {
          const { account } = yield* withoutCreateWait(client.create({ name: "Read Back Co" }))
          assert.deepStrictEqual(named(emulator, "Read Back Co"), [account.id])
          assert.strictEqual(requests(emulator, POST), 1)
        })
      )
    )
  }

  it.live("a same-name account made just before the call is not adopted after a 503", () =>
    run({}, (client, emulator) =>
      Effect.gen(function* () {
        const { account: earlier } = yield* withoutCreateWait(client.create({ name: "Twin Co" }))
        emulator.faults.setConfig({ rules: [{ route: POST, kind: "status", status: 503, times: 1 }] })
        const error = yield* Effect.flip(withoutCreateWait(client.create({ name: "Twin Co" })))
        assert.strictEqual(error._tag, "OutcomeUnknownError")
        assert.deepStrictEqual(named(emulator, "Twin Co"), [earlier.id])
      })
    )
  )
})

describe("delete", () => {
  it.live("an id that never existed is NotFoundError, nothing sent, even with a 503 waiting for the DELETE", () =>
    run({ faults: { rules: [{ route: "DELETE /accounts/{account_id}", kind: "status", status: 503, times: 1 }] } }, (client, emulator) =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(client.delete("0123456789abcdef0123456789abcdef"))
        assert.strictEqual(error._tag, "NotFoundError")
        assert.strictEqual(requests(emulator, "DELETE /accounts/{account_id}"), 0)
      })
    )
  )

  it.live("an account that exists is deleted through a 503", () =>
    run({ seedAccounts: 1, faults: { rules: [{ route: "DELETE /accounts/{account_id}", kind: "status", status: 503, times: 1 }] } }, (client, emulator) =>
      Effect.gen(function* () {
        const id = emulator.state.accountIds()[0] ?? ""
        assert.deepStrictEqual(yield* client.delete(id), { id })
        assert.strictEqual(emulator.state.size, 0)
        assert.strictEqual(requests(emulator, "DELETE /accounts/{account_id}"), 2)
      })
    )
  )
})
