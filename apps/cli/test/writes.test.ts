/**
 * Writes on the shapes the real API holds: `update` writes back what
 * the server sent, and its --dry-run prints that same body (`profile set`'s:
 * commands.test.ts);
 * `create` says on stderr when the account was found by name rather than read
 * from its own answer.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { createWithLostAnswer, envFor, json, runCli } from "./support/cli.js"

/** The settings of the real API's account shape (public transcripts of the real API). */
const REAL_SETTINGS = {
  enforce_twofactor: false,
  api_access_enabled: null,
  access_approval_expiry: null,
  abuse_contact_email: null,
  oauth_app_access_enabled: true
}

layer(Emulator.layer({ seedAccounts: 3 }))("writes", (it) => {
  const created = (env: Record<string, string>, name: string) =>
    Effect.map(runCli(["create", "--name", name, "-o", "json"], env), (r) => {
      assert.strictEqual(r.code, 0, r.stderr)
      return (json(r) as { id: string }).id
    })

  describe("update", () => {
    it.effect("--dry-run prints the body update then sends: unmodelled nulls kept, the modelled null left out, no \"\"", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* created(env, "Real Shape Co")
        const record = emulator.state.account(id)!
        const name = "n".repeat(101)
        emulator.state.update(record, { name, type: "partner" as never, settings: REAL_SETTINGS as never })
        const flags = ["update", id, "--enforce-twofactor", "true"]
        const dry = yield* runCli([...flags, "--dry-run", "-o", "json"], env)
        assert.strictEqual(dry.code, 0, dry.stderr)
        // The account as read, less what the API sets (created_on, managed_by), with the change.
        const read = json(yield* runCli(["get", id, "-o", "json"], env)) as Record<string, unknown>
        const { created_on: _created, managed_by: _managed, ...rest } = read
        const { abuse_contact_email: _null, ...kept } = REAL_SETTINGS
        const body = { ...rest, settings: { ...kept, enforce_twofactor: true } }
        assert.deepStrictEqual((json(dry) as { body: unknown }).body, body)
        assert.strictEqual(rest["name"], name)
        assert.notInclude(dry.stdout, '""')
        const real = yield* runCli([...flags, "-o", "json"], env)
        assert.strictEqual(real.code, 0, real.stderr)
        // what the server now holds is the body printed, the abuse contact still not set
        const stored = emulator.state.account(id)!
        const { abuse_contact_email: contact, ...settings } = stored.settings ?? {}
        assert.isTrue(contact == null, String(contact))
        assert.deepStrictEqual({ name: stored.name, type: stored.type, settings }, { name, type: "partner", settings: body.settings })
      }))
  })

  describe("create", () => {
    it.effect("an account read from the create's answer: stdout only, nothing on stderr", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runCli(["create", "--name", "Answered Co", "-o", "json"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(r.stderr, "")
        assert.strictEqual((json(r) as { name: string }).name, "Answered Co")
      }))

    it.effect("an account found by name after its answer was lost: printed as before, and one stderr line naming it", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* createWithLostAnswer(emulator, "Lost Answer Co")
        assert.strictEqual(r.code, 0, r.stderr)
        const account = json(r) as { id: string; name: string; created_on: string }
        assert.strictEqual(account.name, "Lost Answer Co")
        const lines = r.stderr.split("\n").filter((line) => line !== "")
        assert.strictEqual(lines.length, 1, r.stderr)
        const line = lines[0]!
        assert.include(line, "answer was lost")
        assert.include(line, "found by name")
        assert.include(line, account.id)
        assert.include(line, '"Lost Answer Co"')
        assert.include(line, account.created_on)
      }))
  })
})
