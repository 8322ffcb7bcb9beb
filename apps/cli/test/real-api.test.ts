/**
 * The commands against a server answering with the real API's shape for every
 * account: nulls, settings the spec does not list, `legacy_flags`,
 * microsecond timestamps, accounts of a type the spec does not list.
 */
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { json, lines, runCli } from "./support/cli.js"
import * as RealApi from "./support/realApi.js"

const env = Effect.map(RealApi.RealApi, (api) => ({ CLOUDFLARE_BASE_URL: api.url, CLOUDFLARE_API_TOKEN: api.token }))

layer(RealApi.layer(7))("against the real API's account shape", (it) => {
  it.effect("list prints a page of them, an unknown type as sent", () =>
    Effect.gen(function* () {
      const r = yield* runCli(["list", "-o", "table"], yield* env)
      assert.strictEqual(r.code, 0, r.stderr)
      assert.include(r.stdout, RealApi.realAccount(0).id)
      assert.include(r.stdout, "partner")
      assert.include(r.stdout, RealApi.realAccount(0).created_on)
      assert.match(RealApi.realAccount(0).created_on, /\.\d{6}Z$/)
    }))

  it.effect("list --all -o json prints every account exactly as sent: nulls, extra settings, legacy_flags", () =>
    Effect.gen(function* () {
      const api = yield* RealApi.RealApi
      const r = yield* runCli(["list", "--all", "-o", "json"], yield* env)
      assert.strictEqual(r.code, 0, r.stderr)
      assert.deepStrictEqual(json(r), [...api.accounts.values()])
    }))

  it.effect("list --all -o ndjson and get print the same accounts", () =>
    Effect.gen(function* () {
      const api = yield* RealApi.RealApi
      const all = yield* runCli(["list", "--all", "-o", "ndjson"], yield* env)
      assert.strictEqual(all.code, 0, all.stderr)
      assert.deepStrictEqual(lines(all), [...api.accounts.values()])
      const partner = RealApi.realAccount(2)
      const one = yield* runCli(["get", partner.id, "-o", "json"], yield* env)
      assert.strictEqual(one.code, 0, one.stderr)
      assert.deepStrictEqual(json(one), partner)
    }))

  it.effect("update --enforce-twofactor true writes back every field it does not change, no \"\" and no modelled null", () =>
    Effect.gen(function* () {
      const api = yield* RealApi.RealApi
      const account = RealApi.realAccount(5)
      api.puts.length = 0
      const r = yield* runCli(["update", account.id, "--enforce-twofactor", "true", "-o", "json"], yield* env)
      assert.strictEqual(r.code, 0, r.stderr)
      const { created_on: _, ...kept } = account
      const { abuse_contact_email: __, ...settings } = account.settings
      assert.deepStrictEqual(api.puts, [{ ...kept, settings: { ...settings, enforce_twofactor: true } }])
      assert.notInclude(JSON.stringify(api.puts), '""')
      assert.strictEqual((json(r) as { settings: { enforce_twofactor: boolean } }).settings.enforce_twofactor, true)
    }))

  it.effect("update of an account of a type the spec does not list keeps its type", () =>
    Effect.gen(function* () {
      const api = yield* RealApi.RealApi
      const account = RealApi.realAccount(2)
      api.puts.length = 0
      const r = yield* runCli(["update", account.id, "--name", "Renamed", "-o", "json"], yield* env)
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual((api.puts[0] as { type: string }).type, "partner")
      assert.deepStrictEqual((api.puts[0] as { legacy_flags: unknown }).legacy_flags, account.legacy_flags)
    }))
})
