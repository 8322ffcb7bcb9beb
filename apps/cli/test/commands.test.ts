/**
 * End to end, in process (the command tree, test/support/cli.ts) against the emulator, every command in table, json
 * and ndjson output, checking stdout, stderr and the exit code.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, json, lines, organizations, requestsByRoute, resetStats, runCli } from "./support/cli.js"

const ID = /^[0-9a-f]{32}$/

interface AccountJson {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly settings?: { readonly enforce_twofactor?: boolean; readonly abuse_contact_email?: string }
}

const createAccount = (env: Record<string, string>, name: string) =>
  Effect.map(runCli(["create", "--name", name, "-o", "json"], env), (r) => {
    assert.strictEqual(r.code, 0, r.stderr)
    return (json(r) as AccountJson).id
  })

layer(Emulator.layer({ seedAccounts: 12 }))("commands", (it) => {
  describe("create", () => {
    it.effect("json: prints the new account as one JSON document", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runCli(["create", "--name", "Json Co", "--type", "enterprise", "-o", "json"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(r.stderr, "")
        const account = json(r) as AccountJson
        assert.match(account.id, ID)
        assert.strictEqual(account.name, "Json Co")
        assert.strictEqual(account.type, "enterprise")
      }))

    it.effect("table and ndjson", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const table = yield* runCli(["create", "--name", "Table Co", "-o", "table"], envFor(emulator))
        assert.strictEqual(table.code, 0, table.stderr)
        assert.match(table.stdout, /^id\s+[0-9a-f]{32}$/m)
        assert.match(table.stdout, /^name\s+Table Co$/m)
        const nd = yield* runCli(["create", "--name", "Nd Co", "-o", "ndjson"], envFor(emulator))
        assert.strictEqual(nd.code, 0, nd.stderr)
        const [only, ...rest] = lines(nd) as Array<AccountJson>
        assert.strictEqual(rest.length, 0)
        assert.strictEqual(only?.name, "Nd Co")
      }))

    it.effect("output defaults to json when stdout is not a terminal", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runCli(["create", "--name", "Default Co"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual((json(r) as AccountJson).name, "Default Co")
      }))
  })

  describe("list", () => {
    it.effect("one page by default, as a JSON array", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["list", "--per-page", "5", "-o", "json"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        const accounts = json(r) as Array<AccountJson>
        assert.strictEqual(accounts.length, 5)
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { "GET /accounts": 1 })
      }))

    it.effect("--all streams every account (ndjson: one per line; json: one array)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const nd = yield* runCli(["list", "--all", "--per-page", "5", "-o", "ndjson"], env)
        assert.strictEqual(nd.code, 0, nd.stderr)
        const streamed = lines(nd) as Array<AccountJson>
        const whole = yield* runCli(["list", "--all", "--per-page", "50", "-o", "json"], env)
        const array = json(whole) as Array<AccountJson>
        assert.isAtLeast(streamed.length, 12)
        assert.deepStrictEqual(
          streamed.map((a) => a.id),
          array.map((a) => a.id)
        )
        assert.strictEqual(new Set(streamed.map((a) => a.id)).size, streamed.length)
        // Progress goes to stderr only on a terminal.
        assert.strictEqual(nd.stderr, "")
      }))

    it.effect("table: a header, one row per account, the page on stderr; --name filters", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        yield* createAccount(env, "Filter Me")
        const r = yield* runCli(["list", "--name", "Filter Me", "-o", "table"], env)
        assert.strictEqual(r.code, 0, r.stderr)
        const [header, ...rows] = r.stdout.trimEnd().split("\n")
        assert.match(header ?? "", /^ID\s+TYPE\s+CREATED_ON\s+NAME$/)
        assert.strictEqual(rows.length, 1)
        assert.match(rows[0] ?? "", /^[0-9a-f]{32}\s+standard\s+\S+\s+Filter Me$/)
        // filtered: total_count is not shown as the page's total (by the spec it counts every account)
        assert.match(r.stderr, /^page 1, 1 accounts \(filtered; by the spec, total_count 1 counts the accounts without the filter\)$/m)
      }))

    it.effect("--direction desc reverses the order", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const asc = json(yield* runCli(["list", "--all", "--per-page", "50", "--direction", "asc"], env)) as Array<AccountJson>
        const desc = json(yield* runCli(["list", "--all", "--per-page", "50", "--direction", "desc"], env)) as Array<AccountJson>
        assert.deepStrictEqual(
          desc.map((a) => a.id),
          [...asc].reverse().map((a) => a.id)
        )
      }))
  })

  describe("get, update, delete", () => {
    it.effect("get in every format", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Get Co")
        const j = yield* runCli(["get", id, "-o", "json"], env)
        assert.strictEqual((json(j) as AccountJson).id, id)
        const nd = yield* runCli(["get", id, "-o", "ndjson"], env)
        assert.strictEqual(nd.stdout.trimEnd().split("\n").length, 1)
        assert.strictEqual((lines(nd)[0] as AccountJson).name, "Get Co")
        const t = yield* runCli(["get", id, "-o", "table"], env)
        assert.match(t.stdout, new RegExp(`^id\\s+${id}$`, "m"))
        for (const r of [j, nd, t]) assert.strictEqual(r.code, 0)
      }))

    it.effect("update reads the account, changes only what was given, and writes it whole", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Update Co")
        const first = yield* runCli(["update", id, "--abuse-contact-email", "abuse@update.example", "-o", "json"], env)
        assert.strictEqual(first.code, 0, first.stderr)
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["update", id, "--enforce-twofactor", "true", "-o", "json"], env)
        assert.strictEqual(r.code, 0, r.stderr)
        const updated = json(r) as AccountJson
        assert.strictEqual(updated.name, "Update Co")
        assert.strictEqual(updated.settings?.enforce_twofactor, true)
        assert.strictEqual(updated.settings?.abuse_contact_email, "abuse@update.example")
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), {
          "GET /accounts/{account_id}": 1,
          "PUT /accounts/{account_id}": 1
        })
        const renamed = yield* runCli(["update", id, "--name", "Renamed Co", "-o", "table"], env)
        assert.match(renamed.stdout, /^name\s+Renamed Co$/m)
        assert.match(renamed.stdout, /^settings\.enforce_twofactor\s+true$/m)
      }))

    it.effect("update writes back the settings it does not know (default_nameservers, ...)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Lossless Co")
        const record = emulator.state.account(id)!
        const settings = {
          enforce_twofactor: false,
          abuse_contact_email: null,
          default_nameservers: "custom.account",
          use_account_custom_ns_by_default: true
        }
        emulator.state.update(record, { name: record.name, type: record.type, settings })
        const r = yield* runCli(["update", id, "--enforce-twofactor", "true", "-o", "json"], env)
        assert.strictEqual(r.code, 0, r.stderr)
        assert.deepStrictEqual(emulator.state.account(id)?.settings, { ...settings, enforce_twofactor: true })
        assert.deepStrictEqual((json(r) as { settings: unknown }).settings, { ...settings, enforce_twofactor: true })
      }))

    it.effect("update with nothing to change is a usage error", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runCli(["update", "0123456789abcdef0123456789abcdef"], envFor(emulator))
        assert.strictEqual(r.code, 2)
        assert.match(r.stderr, /nothing to change/)
      }))

    it.effect("delete --yes deletes; the account is then not found (exit 4)", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Delete Co")
        const t = yield* runCli(["delete", id, "--yes", "-o", "table"], env)
        assert.strictEqual(t.code, 0, t.stderr)
        assert.strictEqual(t.stdout, `deleted account ${id}\n`)
        const again = yield* runCli(["delete", id, "--yes", "-o", "json"], env)
        assert.strictEqual(again.code, 4)
        assert.strictEqual(again.stdout, "")
        const get = yield* runCli(["get", id], env)
        assert.strictEqual(get.code, 4)
        assert.match(get.stderr, /^cf-accounts get: GET \/accounts\/\{account_id\} failed with 404 Not Found: .*\(code \d+\) \[cf-ray [^\]]+\]\. Check the account id/)
        assert.strictEqual(get.stderr.trimEnd().split("\n").length, 1)
        const id2 = yield* createAccount(env, "Delete Json Co")
        const j = yield* runCli(["delete", id2, "--yes", "-o", "json"], env)
        assert.deepStrictEqual(json(j), { id: id2 })
      }))
  })

  describe("moves and organizations", () => {
    it.effect("move, then organizations shows the destination", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const orgs = yield* organizations(emulator.origin)
        const destination = orgs.find((o) => o.parent_id !== null)!
        const id = yield* createAccount(env, "Move Co")
        const m = yield* runCli(["move", id, "--to", destination.id, "-o", "json"], env)
        assert.strictEqual(m.code, 0, m.stderr)
        const moved = json(m) as { account_id: string; destination_organization_id: string }
        assert.strictEqual(moved.account_id, id)
        assert.strictEqual(moved.destination_organization_id, destination.id)
        const o = yield* runCli(["organizations", id, "-o", "json"], env)
        assert.strictEqual(o.code, 0, o.stderr)
        assert.include(
          (json(o) as Array<{ id: string }>).map((x) => x.id),
          destination.id
        )
        const t = yield* runCli(["organizations", id, "-o", "table"], env)
        assert.match(t.stdout, /^ID\s+PARENT\s+CREATED\s+NAME$/m)
        assert.include(t.stdout, destination.name)
        const nd = yield* runCli(["organizations", id, "-o", "ndjson"], env)
        assert.strictEqual(lines(nd).length, (json(o) as Array<unknown>).length)
      }))

    it.effect("batch-move uses the batch endpoint and reports each account", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const destination = (yield* organizations(emulator.origin))[1]!
        const a = yield* createAccount(env, "Batch A")
        const b = yield* createAccount(env, "Batch B")
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["batch-move", "--to", destination.id, a, b, "-o", "json"], env)
        assert.strictEqual(r.code, 0, r.stderr)
        const outcomes = json(r) as Array<{ account_id: string; moved: boolean }>
        assert.deepStrictEqual(
          outcomes.map((o) => [o.account_id, o.moved]),
          [
            [a, true],
            [b, true]
          ]
        )
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { "POST /accounts/move": 1 })
      }))

    it.effect("batch-move --one-by-one moves each account with the single endpoint; a failure sets the exit code", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const destination = (yield* organizations(emulator.origin))[2]!
        const a = yield* createAccount(env, "One A")
        const missing = "00000000000000000000000000000000"
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["batch-move", "--one-by-one", "--to", destination.id, a, missing, "-o", "ndjson"], env)
        assert.strictEqual(r.code, 4)
        const outcomes = lines(r) as Array<{ account_id: string; moved: boolean; message?: string }>
        const byId = new Map(outcomes.map((o) => [o.account_id, o]))
        assert.strictEqual(byId.get(a)?.moved, true)
        assert.strictEqual(byId.get(missing)?.moved, false)
        assert.match(byId.get(missing)?.message ?? "", /404/)
        assert.match(r.stderr, /cf-accounts batch-move: 1 of 2 failed/)
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { "POST /accounts/{account_id}/move": 2 })
        const t = yield* runCli(["batch-move", "--one-by-one", "--to", destination.id, a, "-o", "table"], env)
        assert.strictEqual(t.code, 0, t.stderr)
        assert.match(t.stdout, new RegExp(`^${a}\\s+yes`, "m"))
      }))
  })

  describe("profile", () => {
    it.effect("set then get, in every format; --external-metadata is kept when left out", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Profile Co")
        const base = ["--business-name", "Profile Co Ltd", "--business-email", "ops@profile.example", "--business-phone", "+1 555 0100", "--business-address", "1 Main St"]
        const set = yield* runCli(["profile", "set", id, ...base, "--external-metadata", "tier=gold", "-o", "table"], env)
        assert.strictEqual(set.code, 0, set.stderr)
        assert.strictEqual(set.stdout, `updated the profile of account ${id}\n`)
        const again = yield* runCli(["profile", "set", id, ...base.slice(0, 6), "--business-address", "2 Main St", "-o", "json"], env)
        assert.strictEqual(again.code, 0, again.stderr)
        const j = yield* runCli(["profile", "get", id, "-o", "json"], env)
        assert.deepStrictEqual(json(j), {
          business_name: "Profile Co Ltd",
          business_email: "ops@profile.example",
          business_phone: "+1 555 0100",
          business_address: "2 Main St",
          external_metadata: "tier=gold"
        })
        const t = yield* runCli(["profile", "get", id, "-o", "table"], env)
        assert.match(t.stdout, /^business_email\s+ops@profile\.example$/m)
        const nd = yield* runCli(["profile", "get", id, "-o", "ndjson"], env)
        assert.strictEqual(lines(nd).length, 1)
      }))

    it.effect("set keeps the fields it does not know, and --dry-run (which reads) shows them in the body", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Profile Extra Co")
        const current = { business_name: "Old", business_email: "old@profile.example", business_phone: "1", business_address: "A", external_metadata: "m", business_tax_id: "XX-1" }
        emulator.state.setProfile(emulator.state.account(id)!, current)
        const flags = ["--business-name", "New", "--business-email", "new@profile.example", "--business-phone", "2", "--business-address", "B"]
        const dry = yield* runCli(["profile", "set", id, ...flags, "--dry-run", "-o", "json"], env)
        assert.strictEqual(dry.code, 0, dry.stderr)
        const expected = { ...current, business_name: "New", business_email: "new@profile.example", business_phone: "2", business_address: "B" }
        assert.deepStrictEqual((json(dry) as { body: unknown }).body, expected)
        const set = yield* runCli(["profile", "set", id, ...flags, "-o", "json"], env)
        assert.strictEqual(set.code, 0, set.stderr)
        assert.deepStrictEqual(emulator.state.profile(emulator.state.account(id)!), expected)
      }))

    it.effect("set checks only the flags given: values the server holds are sent back as they are", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Profile Long Metadata Co")
        // longer than a caller may give with --external-metadata (4096)
        const current = { business_name: "Old", business_email: "old@profile.example", business_phone: "1", business_address: "A", external_metadata: "m".repeat(5000) }
        emulator.state.setProfile(emulator.state.account(id)!, current)
        const flags = ["--business-name", "New", "--business-email", "new@profile.example", "--business-phone", "2", "--business-address", "B"]
        // the CLI does not refuse it (the server is the judge of what it holds)
        const dry = yield* runCli(["profile", "set", id, ...flags, "--dry-run", "-o", "json"], env)
        assert.strictEqual(dry.code, 0, dry.stderr)
        const body = (json(dry) as { body: { external_metadata: string; business_name: string } }).body
        assert.strictEqual(body.external_metadata, current.external_metadata)
        assert.strictEqual(body.business_name, "New")
        // a flag given is still checked, before anything is sent
        const bad = yield* runCli(["profile", "set", id, ...flags, "--external-metadata", "m".repeat(5000), "--dry-run"], env)
        assert.strictEqual(bad.code, 2, bad.stderr)
      }))
    it.effect("set on a profile the server holds with a null field the flags leave unset: exit 2 naming the flag, no PUT", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Profile Null Co")
        const current = { business_name: "Old", business_email: "old@profile.example", business_phone: "1", business_address: "A", external_metadata: null }
        emulator.state.setProfile(emulator.state.account(id)!, current)
        const flags = ["--business-name", "New", "--business-email", "new@profile.example", "--business-phone", "2", "--business-address", "B"]
        yield* resetStats(emulator.origin)
        for (const args of [flags, [...flags, "--dry-run"]]) {
          const r = yield* runCli(["profile", "set", id, ...args], env)
          assert.strictEqual(r.code, 2, r.stderr)
          assert.strictEqual(r.stdout, "")
          assert.match(r.stderr, /^cf-accounts profile set: Invalid --external-metadata: is not set on the server \(null\)[^\n]*: give --external-metadata too\n$/)
          // Named as its flag, and no value shown: the user gave none.
          assert.notInclude(r.stderr, "external_metadata")
          assert.notInclude(r.stderr, "(got")
        }
        // Read, never written.
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { "GET /accounts/{account_id}/profile": 2 })
        assert.deepStrictEqual(emulator.state.profile(emulator.state.account(id)!), current)
        // Given, it goes through.
        const given = yield* runCli(["profile", "set", id, ...flags, "--external-metadata", "{}", "-o", "json"], env)
        assert.strictEqual(given.code, 0, given.stderr)
        assert.strictEqual(emulator.state.profile(emulator.state.account(id)!)?.external_metadata, "{}")
      }))
  })

  describe("--log-level", () => {
    it.effect("sets the stderr log level in any position: debug shows each HTTP attempt, the default does not", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* createAccount(env, "Log Level Co")
        const quiet = yield* runCli(["get", id, "-o", "json"], env)
        assert.strictEqual(quiet.code, 0, quiet.stderr)
        assert.strictEqual(quiet.stderr, "")
        for (const args of [["--log-level", "debug", "get", id, "-o", "json"], ["get", id, "-o", "json", "--log-level=debug"]]) {
          const r = yield* runCli(args, env)
          assert.strictEqual(r.code, 0, r.stderr)
          assert.match(r.stderr, /\[debug\] HTTP GET \/accounts\/\{account_id\} 200/, args.join(" "))
        }
      }))
  })
})
