/**
 * `audit`, `plan` and `apply` in process against the emulator on
 * 127.0.0.1: the file on a fresh fleet (plan exits 8, apply makes the
 * changes, plan again exits 0), apply twice and after a lost create answer
 * (nothing created twice), a saved plan refused once a planned account changed
 * (exit 9, the account named, nothing sent), a bad file at line:column with
 * nothing sent, audit's exit code, --declared-only, unmanaged accounts, a
 * conflict, a listing that cannot be verified, and apply without --yes on no
 * terminal.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, json, lines, requestCount, requestsByRoute, resetStats, runCli, withFaults } from "./support/cli.js"

/** The example file of packages/policy's README. */
const EXAMPLE = `policy:
  enforce_twofactor: true
  abuse_contact_email: { domain: example.com }
  name: { pattern: "^(acme|labs)-" }
  exceptions:
    - rule: enforce_twofactor
      accounts: ["acme-legacy"]
      reason: "vendor integration, ticket SEC-142"
      expires: 2027-03-31
accounts:
  - name: acme-staging
    type: standard
    settings: { enforce_twofactor: true, abuse_contact_email: security@example.com }
    profile: { business_name: Acme Corp, business_email: billing@example.com }
`

const SEEDED = 6

const dir = mkdtempSync(join(tmpdir(), "cf-accounts-policy-"))
let files = 0

/** `text` written to a new file in the temporary folder; its path. */
const policyFile = (text: string): string => {
  const path = join(dir, `policy-${++files}.yaml`)
  writeFileSync(path, text)
  return path
}

/** A path in the temporary folder for a saved plan. */
const planPath = (): string => join(dir, `plan-${++files}.json`)

interface PlanJson {
  readonly actions: ReadonlyArray<{ readonly _tag: string; readonly name?: string; readonly account?: { readonly id: string; readonly name: string } }>
  readonly unmanaged: ReadonlyArray<{ readonly id: string; readonly name: string }>
  readonly conflicts: ReadonlyArray<{ readonly account: string; readonly detail: string }>
}

/** The emulator back to its seeded fleet, with no faults and fresh request counts. */
const fresh = Effect.gen(function* () {
  const emulator = yield* Emulator
  emulator.state.reset()
  emulator.faults.setConfig({ rules: [] })
  yield* resetStats(emulator.origin)
  return emulator
})

const named = (emulator: Emulator["Type"], name: string) =>
  emulator.state.accountIds().filter((id) => emulator.state.account(id)?.name === name)

/** The routes written to (anything but GET) since the last reset of the stats. */
const writes = (origin: string) =>
  Effect.map(requestsByRoute(origin), (routes) => Object.keys(routes).filter((route) => !route.startsWith("GET ")))

/** A create waits a second after its lookup by name: moved on the TestClock, the server's dates a second back. */
const SERVER_BEHIND = { serverBehind: 1000 } as const

layer(Emulator.layer({ seedAccounts: SEEDED }))("policy commands", (it) => {
  it.effect("the issue's file on a fresh fleet: plan exits 8 listing the changes, apply --yes makes them, plan again exits 0", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile(EXAMPLE)

      const diff = yield* runCli(["plan", "-f", file, "-o", "table"], env)
      assert.strictEqual(diff.code, 8, diff.stderr)
      assert.include(diff.stdout, "+ create acme-staging\n")
      assert.include(diff.stdout, '    settings.abuse_contact_email: "security@example.com"\n')
      assert.include(diff.stdout, '    profile.business_name: "Acme Corp"\n')
      assert.match(diff.stdout, /~ update \S.* \([0-9a-f]{32}\)\n {4}settings\.enforce_twofactor: false -> true {2}\(policy: enforce_twofactor\)\n/)
      assert.match(diff.stdout, /\nPlan: 1 to create, \d+ to update\.\n/)
      assert.include(diff.stdout, `${SEEDED} accounts not in the file (unmanaged: never deleted or renamed): `)
      assert.match(diff.stderr, /^cf-accounts plan: changes pending: 1 to create, \d+ to update/)

      const planned = json(yield* runCli(["plan", "-f", file, "-o", "json"], env)) as PlanJson
      assert.deepStrictEqual(planned.actions[0], { ...planned.actions[0], _tag: "create", name: "acme-staging" })
      assert.isTrue(planned.actions.slice(1).every((a) => a._tag === "update"))
      assert.strictEqual(planned.unmanaged.length, SEEDED)

      const applied = yield* runCli(["apply", "-f", file, "--yes", "-o", "table"], env, {}, SERVER_BEHIND)
      assert.strictEqual(applied.code, 0, applied.stderr)
      assert.include(applied.stdout, "+ create acme-staging\n") // the plan shown first
      assert.match(applied.stdout, /\ndone {4}\+ create acme-staging \([0-9a-f]{32}\)\n/)
      assert.strictEqual(applied.stdout.match(/^done /gm)?.length, planned.actions.length)
      const [id] = named(emulator, "acme-staging")
      const account = emulator.state.account(id!)!
      assert.deepStrictEqual([account.type, account.settings?.enforce_twofactor, account.settings?.abuse_contact_email], ["standard", true, "security@example.com"])
      const profile = emulator.state.profile(account)
      assert.deepStrictEqual([profile.business_name, profile.business_email], ["Acme Corp", "billing@example.com"])

      const again = yield* runCli(["plan", "-f", file, "-o", "table"], env)
      assert.strictEqual(again.code, 0, again.stderr)
      assert.include(again.stdout, "No changes: the fleet matches the file.\n")
      assert.strictEqual(again.stderr, "")
    }))

  it.effect("apply twice creates nothing twice: the second plans no changes and sends no write", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile(EXAMPLE)
      const first = yield* runCli(["apply", "-f", file, "--yes", "-o", "json"], env, {}, SERVER_BEHIND)
      assert.strictEqual(first.code, 0, first.stderr)
      const size = emulator.state.size
      yield* resetStats(emulator.origin)
      const second = yield* runCli(["apply", "-f", file, "--yes", "-o", "json"], env, {}, SERVER_BEHIND)
      assert.strictEqual(second.code, 0, second.stderr)
      assert.deepStrictEqual(json(second), [])
      assert.deepStrictEqual(yield* writes(emulator.origin), [])
      assert.strictEqual(emulator.state.size, size)
      assert.strictEqual(named(emulator, "acme-staging").length, 1)
    }))

  it.effect("apply after a create whose answer was lost: the account is found by name, not created again", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile(EXAMPLE)
      const lost = yield* withFaults(
        emulator.origin,
        [{ route: "POST /accounts", kind: "bad_body", body: "html", times: 1 }],
        runCli(["apply", "-f", file, "--yes", "-o", "ndjson"], env, {}, SERVER_BEHIND)
      )
      assert.strictEqual(lost.code, 0, lost.stderr)
      const results = lines(lost) as ReadonlyArray<{ status: string; action: { _tag: string } }>
      assert.deepStrictEqual(results[0], { ...results[0]!, status: "done", action: { ...results[0]!.action, _tag: "create" } })
      assert.strictEqual((yield* requestsByRoute(emulator.origin))["POST /accounts"], 1)
      assert.strictEqual(named(emulator, "acme-staging").length, 1)
      const again = yield* runCli(["apply", "-f", file, "--yes"], env, {}, SERVER_BEHIND)
      assert.strictEqual(again.code, 0, again.stderr)
      assert.strictEqual(named(emulator, "acme-staging").length, 1)
    }))

  it.effect("a saved plan applies as saved; once a planned account changed it is refused naming it: exit 9, nothing sent", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile(EXAMPLE)

      const out = planPath()
      const saved = yield* runCli(["plan", "-f", file, "--out", out, "-o", "table"], env)
      assert.strictEqual(saved.code, 8, saved.stderr)
      assert.include(saved.stderr, `plan saved to ${out}; apply it with: cf-accounts apply --plan ${out}\n`)
      const plan = JSON.parse(readFileSync(out, "utf8")) as PlanJson
      const target = plan.actions.find((a) => a._tag === "update")!.account!
      // Someone changes a planned account after the plan was made.
      const record = emulator.state.account(target.id)!
      emulator.state.update(record, { name: record.name, type: record.type, settings: { ...record.settings, abuse_contact_email: "someone@else.example" } })
      yield* resetStats(emulator.origin)
      const stale = yield* runCli(["apply", "--plan", out, "--yes"], env, {}, SERVER_BEHIND)
      assert.strictEqual(stale.code, 9, stale.stderr)
      assert.include(stale.stderr, `${target.name} (${target.id}) changed`)
      assert.include(stale.stderr, "nothing was applied")
      assert.include(stale.stderr, "cf-accounts plan --out PLAN")
      assert.deepStrictEqual(yield* writes(emulator.origin), [])
      assert.strictEqual(named(emulator, "acme-staging").length, 0)

      // A plan saved from the fleet as it is now applies.
      const current = planPath()
      assert.strictEqual((yield* runCli(["plan", "-f", file, "--out", current], env)).code, 8)
      const applied = yield* runCli(["apply", "--plan", current, "--yes", "-o", "json"], env, {}, SERVER_BEHIND)
      assert.strictEqual(applied.code, 0, applied.stderr)
      assert.isTrue((json(applied) as ReadonlyArray<{ status: string }>).every((r) => r.status === "done"))
      assert.strictEqual(named(emulator, "acme-staging").length, 1)
      // Applying the same saved plan again: its create's name is taken now, so it is refused.
      const twice = yield* runCli(["apply", "--plan", current, "--yes"], env, {}, SERVER_BEHIND)
      assert.strictEqual(twice.code, 9, twice.stderr)
      assert.include(twice.stderr, "acme-staging")
      assert.strictEqual(named(emulator, "acme-staging").length, 1)
    }))

  it.effect("an action that fails is reported on its line, the others still run; the exit code is the failure's", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile("policy:\n  enforce_twofactor: true\n")
      const r = yield* withFaults(
        emulator.origin,
        [{ route: "PUT /accounts/{account_id}", kind: "status", status: 501, times: 1 }],
        runCli(["apply", "-f", file, "--yes", "-o", "table"], env)
      )
      // 501 is not retried: a ServerError, exit 1.
      assert.strictEqual(r.code, 1, r.stderr)
      const results = r.stdout.split("\n").filter((l) => /^(done|failed) /.test(l))
      assert.strictEqual(results.length, SEEDED)
      assert.strictEqual(results.filter((l) => l.startsWith("failed  ~ update ")).length, 1)
      assert.match(results.find((l) => l.startsWith("failed"))!, /: PUT \/accounts\/\{account_id\} failed with 501/)
      assert.include(r.stderr, `cf-accounts apply: 1 of ${SEEDED} failed (see each one above)`)
      const fixed = emulator.state.accountIds().filter((id) => emulator.state.account(id)?.settings?.enforce_twofactor === true)
      assert.strictEqual(fixed.length, SEEDED - 1)
    }))

  it.effect("a bad file: each problem as FILE:LINE:COLUMN: path: message, exit 2, no request sent", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile("policy:\n  enforce_twofactr: true\n  name: { pattern: \"(\" }\n")
      for (const command of [["audit"], ["plan"], ["apply", "--yes"]]) {
        const r = yield* runCli([...command, "-f", file], env)
        assert.strictEqual(r.code, 2, r.stderr)
        assert.strictEqual(r.stdout, "")
        assert.strictEqual(
          r.stderr,
          `${file}:2:3: policy.enforce_twofactr: is not a known key\n` +
            `${file}:3:20: policy.name.pattern: must be a valid regular expression\n` +
            `cf-accounts ${command[0]}: ${file} is not a valid policy file (2 problems, above); nothing was sent\n`
        )
      }
      const missing = yield* runCli(["plan", "-f", join(dir, "none.yaml")], env)
      assert.strictEqual(missing.code, 2)
      assert.include(missing.stderr, `cannot read the policy file ${join(dir, "none.yaml")}: no such file`)
      // Without -f: ./cf-accounts.yaml, from the folder the command runs in (none here).
      const noDefault = yield* runCli(["audit"], env)
      assert.strictEqual(noDefault.code, 2)
      assert.strictEqual(noDefault.stderr, "cf-accounts audit: cannot read the policy file ./cf-accounts.yaml: no such file; nothing was sent\n")
      const notAPlan = yield* runCli(["apply", "--plan", file, "--yes"], env)
      assert.strictEqual(notAPlan.code, 2)
      assert.include(notAPlan.stderr, "is not a plan saved by cf-accounts plan --out")
      assert.strictEqual(yield* requestCount(emulator.origin), 0)
    }))

  it.effect("audit: exit 7 with open findings (each listed), 0 when every finding is excused", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const open = yield* runCli(["audit", "-f", policyFile(EXAMPLE), "-o", "json"], env)
      assert.strictEqual(open.code, 7, open.stderr)
      const findings = json(open) as ReadonlyArray<{ rule: string; account: { id: string } }>
      assert.isTrue(findings.some((f) => f.rule === "enforce_twofactor"))
      assert.isTrue(findings.some((f) => f.rule === "name"))
      assert.match(open.stderr, /^cf-accounts audit: \d+ open findings\n$/)

      const excusedFile = policyFile(
        "policy:\n  enforce_twofactor: true\n  exceptions:\n    - { rule: enforce_twofactor, accounts: [\".*\"], reason: migration, expires: 2099-01-01 }\n"
      )
      const excused = yield* runCli(["audit", "-f", excusedFile, "-o", "table"], env)
      assert.strictEqual(excused.code, 0, excused.stderr)
      assert.match(excused.stdout, /^RULE +STATUS +ID +NAME +DETAIL\n/)
      assert.match(excused.stdout, /\nenforce_twofactor +excused +[0-9a-f]{32} .*\(excused until 2099-01-01: migration\)\n/)
      assert.match(excused.stderr, new RegExp(`^${SEEDED} accounts checked: no open findings \\(\\d+ excused\\)\n$`))
      const none = yield* runCli(["audit", "-f", policyFile("accounts: []\n"), "-o", "ndjson"], env)
      assert.strictEqual(none.code, 0, none.stderr)
      assert.strictEqual(none.stdout, "")
    }))

  it.effect("--declared-only: the declared account's create alone, without the policy's fixes", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const r = yield* runCli(["plan", "-f", policyFile(EXAMPLE), "--declared-only", "-o", "ndjson"], env)
      assert.strictEqual(r.code, 8, r.stderr)
      const rows = lines(r) as ReadonlyArray<{ _tag: string; name?: string }>
      assert.deepStrictEqual(
        rows.filter((row) => row._tag !== "unmanaged").map((row) => [row._tag, row.name]),
        [["create", "acme-staging"]]
      )
      assert.strictEqual(rows.filter((row) => row._tag === "unmanaged").length, SEEDED)
    }))

  it.effect("unmanaged accounts are listed with a count, and never changed but by the policy's fixes", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const r = yield* runCli(["plan", "-f", policyFile("accounts:\n  - name: labs-one\n"), "-o", "table"], env)
      assert.strictEqual(r.code, 8, r.stderr)
      const names = emulator.state.accountIds().map((id) => emulator.state.account(id)!.name)
      const line = r.stdout.split("\n").find((l) => l.startsWith(`${SEEDED} accounts not in the file`))
      assert.isDefined(line, r.stdout)
      for (const name of names) assert.include(line, name)
      assert.deepStrictEqual(r.stdout.split("\n").filter((l) => /^[+~>] /.test(l)), ["+ create labs-one"])
    }))

  it.effect("a conflict is shown and exits 2: nothing saved, and apply sends nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile("accounts:\n  - name: ghost\n    id: 0123456789abcdef0123456789abcdef\n")
      const out = planPath()
      const planned = yield* runCli(["plan", "-f", file, "--out", out, "-o", "table"], env)
      assert.strictEqual(planned.code, 2, planned.stderr)
      assert.match(planned.stdout, /^! conflict ghost \(0123456789abcdef0123456789abcdef\): .+$/m)
      assert.match(planned.stderr, /^cf-accounts plan: the file asks for what cannot be done \(1 conflict: ghost \(0123456789abcdef0123456789abcdef\): .+\); fix the file\. The plan was not saved\.\n$/)
      assert.throws(() => readFileSync(out))
      const applied = yield* runCli(["apply", "-f", file, "--yes"], env)
      assert.strictEqual(applied.code, 2, applied.stderr)
      assert.include(applied.stderr, "Nothing was sent.")
      assert.deepStrictEqual(yield* writes(emulator.origin), [])
    }))

  it.effect("a listing that cannot be verified (no total_count): no plan, exit 6, nothing sent", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const file = policyFile(EXAMPLE)
      for (const command of [["plan"], ["apply", "--yes"], ["audit"]]) {
        const r = yield* withFaults(emulator.origin, [{ route: "GET /accounts", kind: "no_total_count" }], runCli([...command, "-f", file], env))
        assert.strictEqual(r.code, 6, r.stderr)
        assert.strictEqual(r.stdout, "")
        assert.include(r.stderr, `refusing to ${command[0]} on a fleet that may be partial`)
        assert.deepStrictEqual(yield* writes(emulator.origin), [])
      }
    }))

  it.effect("apply without --yes when stdin is not a terminal: refused, exit 2, no write sent", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const r = yield* runCli(["apply", "-f", policyFile(EXAMPLE), "-o", "json"], env)
      assert.strictEqual(r.code, 2, r.stderr)
      assert.strictEqual(r.stdout, "")
      assert.match(r.stderr, /^cf-accounts apply: refusing to apply \(1 to create, \d+ to update\) without --yes \(stdin is not a terminal\); nothing was sent\n$/)
      assert.deepStrictEqual(yield* writes(emulator.origin), [])
      const both = yield* runCli(["apply", "-f", "a.yaml", "--plan", "p.json"], env)
      assert.strictEqual(both.code, 2)
      assert.include(both.stderr, "-f cannot be combined with --plan")
    }))
})
