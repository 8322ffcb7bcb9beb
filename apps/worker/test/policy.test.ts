/**
 * The policy is the user's: versions stored through `policy.put` (checked by the policy
 * engine, who and when kept), findings from the engine at each sync (exceptions that excuse,
 * exceptions that expired, rules switched off in a new version), and `fix` jobs for rules
 * other than two-factor, against the built worker and the emulator.
 */
import type { Account } from "@cf-accounts/core/Account"
import { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Errors from "../src/api/Errors.js"
import type * as Responses from "../src/api/Responses.js"
import { type AccessTeam, AUDIENCE, startAccessTeam } from "./support/AccessKeys.js"
import {
  admin,
  cloudflare,
  createJob,
  type Emulator,
  emulatorAccounts,
  eventually,
  inlineSync,
  ORIGIN,
  pathTo,
  routeStats,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 24

let team: AccessTeam
let emulator: Emulator
let worker: TestWorker
let accounts: Array<Account>

beforeAll(async () => {
  team = await startAccessTeam()
  emulator = await startEmulator({ seedAccounts: SEEDED, seed: 77 })
  accounts = await emulatorAccounts(emulator)
  worker = await startWorker({ emulator, vars: { ACCESS_TEAM_DOMAIN: team.teamDomain, ACCESS_AUD: AUDIENCE } })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
  await team?.close()
})

const put = (text: string) => worker.api((client) => client.policy.put({ payload: text, withResponse: true }))

const findingsOf = async (rule: Responses.Finding["rule"], status: "open" | "excused" | "resolved" | "all" = "open") =>
  (
    await worker.api((client) =>
      client.findings.list({ urlParams: { rule: rule as "enforce_twofactor", status, limit: 500 } })
    )
  ).items

const settled = (jobId: string) =>
  eventually("the job", async () => {
    const { job } = await worker.api((client) => client.jobs.get({ path: { job_id: jobId } }))
    return job.status === "completed" || job.status === "completed_with_failures" ? job : undefined
  })

describe("policy versions", () => {
  it("answers the default policy while none is stored: today's two rules, from the engine", async () => {
    const policy = await worker.api((client) => client.policy.get())
    assert.isTrue(policy.default)
    assert.isNull(policy.version)
    assert.isNull(policy.created_by)
    assert.include(policy.text, "enforce_twofactor: true")
    assert.deepStrictEqual(policy.file, { policy: { enforce_twofactor: true, abuse_contact_email: true } })
    assert.deepStrictEqual(
      policy.rules.map((rule) => [rule.id, rule.enabled, rule.fix]),
      [
        ["enforce_twofactor", true, true],
        ["abuse_contact_email", true, false],
        ["name", false, false],
        ["type", false, false],
        ["organization", false, false]
      ]
    )
    // The rule's text is the engine's (the file schema's description of its key).
    assert.include(policy.rules[0]?.detail ?? "", "two-factor")
    const versions = await worker.api((client) => client.policy.versions({ urlParams: {} }))
    assert.deepStrictEqual(versions, { items: [], next_cursor: null })
  })

  it("stores a version with who and when; a bad file is a 400 at line:column and stores nothing", async () => {
    const text = "policy:\n  enforce_twofactor: true\n  name: { pattern: '^acme-' }\n"
    const [stored, response] = await put(text)
    assert.strictEqual(response.status, 201)
    assert.strictEqual(stored.version, 1)
    assert.isFalse(stored.default)
    assert.strictEqual(stored.text, text)
    assert.strictEqual(stored.created_by, "token")
    assert.isString(stored.created_at)
    assert.deepStrictEqual(stored.file, { policy: { enforce_twofactor: true, name: { pattern: "^acme-" } } })

    const bad = await worker.call(pathTo("policy", "put"), {
      method: "PUT",
      headers: { "content-type": "text/plain" },
      body: "policy:\n  enforce_twofactr: true\n  name: { pattern: '(' }\n"
    })
    assert.strictEqual(bad.status, 400)
    assert.strictEqual(bad.body.error.code, "invalid_input")
    assert.strictEqual(bad.body.error.field, "body")
    assert.include(bad.body.error.message, "body:2:3: policy.enforce_twofactr: is not a known key")
    assert.include(bad.body.error.message, "body:3:20: policy.name.pattern: must be a valid regular expression")
    const notYaml = await worker.apiError(Errors.InvalidInput, (client) => client.policy.put({ payload: "policy: [unclosed" }))
    assert.match(notYaml.error.message, /body:1:\d+:/)
    const tooLarge = await worker.apiError(Errors.PayloadTooLarge, (client) =>
      client.policy.put({ payload: `# ${"x".repeat(600_000)}\npolicy: {}\n` })
    )
    assert.strictEqual(tooLarge.error.field, "body")

    // Through Cloudflare Access, the author is the Access email (a JSON file is YAML too).
    const viaAccess = await worker.call<Responses.PolicyBody>(pathTo("policy", "put"), {
      method: "PUT",
      auth: null,
      headers: { "cf-access-jwt-assertion": await team.token("ops@example.com"), origin: ORIGIN },
      body: JSON.stringify({ policy: { enforce_twofactor: true, abuse_contact_email: true } })
    })
    assert.strictEqual(viaAccess.status, 201, viaAccess.text)
    assert.strictEqual(viaAccess.body.created_by, "ops@example.com")

    const current = await worker.api((client) => client.policy.get())
    assert.strictEqual(current.version, 2)
    assert.strictEqual(current.created_by, "ops@example.com")
    const versions = await worker.api((client) => client.policy.versions({ urlParams: { limit: 1 } }))
    assert.deepStrictEqual(versions.items.map((v) => [v.version, v.created_by]), [[2, "ops@example.com"]])
    assert.isNotNull(versions.next_cursor)
    const older = await worker.api((client) =>
      client.policy.versions({ urlParams: { limit: 1, cursor: versions.next_cursor ?? "" } })
    )
    assert.deepStrictEqual(older.items.map((v) => [v.version, v.created_by]), [[1, "token"]])
    assert.isNull(older.next_cursor)
    const first = await worker.api((client) => client.policy.version({ path: { version: 1 } }))
    assert.strictEqual(first.text, text)
    await worker.apiError(Errors.NotFound, (client) => client.policy.version({ path: { version: 9 } }))
  })
})

describe("findings from the engine and the stored policy", () => {
  it("names the exception that excuses a finding, and opens one whose exception expired", async () => {
    const [excused, lapsed, other] = accounts as [Account, Account, Account]
    await put(
      [
        "policy:",
        "  enforce_twofactor: true",
        "  name: { pattern: '^never-' }",
        "  exceptions:",
        `    - { rule: enforce_twofactor, accounts: ['${excused.id}'], reason: vendor SEC-142, expires: 2999-12-31 }`,
        `    - { rule: enforce_twofactor, accounts: ['${lapsed.id}'], reason: migration, expires: 2020-01-31 }`,
        ""
      ].join("\n")
    )
    const sync = await inlineSync(worker)
    assert.strictEqual(sync.policy_version, 3)

    const open = await findingsOf("enforce_twofactor")
    assert.strictEqual(open.length, SEEDED - 1)
    assert.notInclude(open.map((f) => f.account_id), excused.id)
    const expired = open.find((f) => f.account_id === lapsed.id)
    assert.deepStrictEqual(expired?.exception, {
      rule: "enforce_twofactor",
      accounts: [lapsed.id],
      reason: "migration",
      expires: "2020-01-31",
      expired: true
    })
    assert.include(expired?.detail ?? "", "exception expired 2020-01-31")
    assert.isNull(open.find((f) => f.account_id === other.id)?.exception)

    const silenced = await findingsOf("enforce_twofactor", "excused")
    assert.deepStrictEqual(silenced.map((f) => [f.account_id, f.exception?.reason, f.exception?.expired]), [
      [excused.id, "vendor SEC-142", false]
    ])
    // The rule of a name pattern, with the engine's words; the abuse contact rule is off in this version.
    const names = await findingsOf("name")
    assert.strictEqual(names.length, SEEDED)
    assert.include(names[0]?.detail ?? "", "does not match ^never-")
    assert.deepStrictEqual(await findingsOf("abuse_contact_email"), [])
    // Excused is not open: the excused account breaks only the name rule now.
    const view = await worker.api((client) => client.accounts.get({ path: { account_id: AccountId.make(excused.id) } }))
    assert.deepStrictEqual(view.findings.map((f) => [f.rule, f.status]).sort(), [
      ["enforce_twofactor", "excused"],
      ["name", "open"]
    ])
    const policy = await worker.api((client) => client.policy.get())
    assert.deepStrictEqual(policy.exceptions.map((e) => [e.reason, e.expired]), [
      ["vendor SEC-142", false],
      ["migration", true]
    ])
  })

  it("resolves the findings of a rule switched off in a new version at the next sync", async () => {
    const before = await findingsOf("name")
    assert.strictEqual(before.length, SEEDED)
    await put("policy:\n  enforce_twofactor: true\n  name: false\n")
    // Stored, but not audited until the next sync.
    assert.strictEqual((await findingsOf("name")).length, SEEDED)
    await inlineSync(worker)
    assert.deepStrictEqual(await findingsOf("name"), [])
    const resolved = await findingsOf("name", "resolved")
    assert.strictEqual(resolved.length, SEEDED)
    assert.isTrue(resolved.every((f) => f.resolved_at !== null))
    // The exceptions went with the old version: every account's two-factor finding is open.
    assert.strictEqual((await findingsOf("enforce_twofactor")).length, SEEDED)
    assert.deepStrictEqual(await findingsOf("enforce_twofactor", "excused"), [])
  })
})

describe("fix jobs for rules other than two-factor", () => {
  it("sets the policy's abuse contact on every account with an open finding, one effect per item", async () => {
    const [excused] = accounts as [Account]
    await put(
      [
        "policy:",
        "  abuse_contact_email: { domain: example.com, fix_to: abuse@example.com }",
        "  exceptions:",
        `    - { rule: abuse_contact_email, accounts: ['${excused.id}'], reason: own desk, expires: 2999-01-01 }`,
        ""
      ].join("\n")
    )
    await inlineSync(worker)
    const open = await findingsOf("abuse_contact_email")
    assert.isAbove(open.length, 0)
    const preview = await worker.api((client) => client.dashboard.fixPreview({ path: { rule: "abuse_contact_email" } }))
    assert.strictEqual(preview.count, open.length)
    for (const account of preview.sample) {
      assert.deepStrictEqual(account.changes.map((c) => [c.field, c.after]), [["settings.abuse_contact_email", "abuse@example.com"]])
    }
    await admin(emulator, "POST", "/reset-stats")
    const job = await createJob(worker, { kind: "fix", rule: "abuse_contact_email", account_ids: "all-noncompliant" })
    assert.strictEqual(job.kind, "fix")
    assert.strictEqual(job.total, open.length)
    const done = await settled(job.id)
    assert.deepStrictEqual(done.counts, { pending: 0, running: 0, done: open.length, failed: 0, skipped: 0 })
    assert.deepStrictEqual(done.params, { rule: "abuse_contact_email" })
    const upstream = new Map<string, Account>((await emulatorAccounts(emulator)).map((account) => [account.id, account]))
    for (const finding of open) assert.strictEqual(upstream.get(finding.account_id)?.settings?.abuse_contact_email, "abuse@example.com")
    // One read and one write per item, none repeated.
    assert.strictEqual((await routeStats(emulator, "PUT /accounts/{account_id}")).requests, open.length)

    // An item for an account the exception excuses changes nothing: skipped.
    const excusedJob = await createJob(worker, { kind: "fix", rule: "abuse_contact_email", account_ids: [AccountId.make(excused.id)] })
    assert.deepStrictEqual((await settled(excusedJob.id)).counts.skipped, 1)
    await inlineSync(worker)
    assert.deepStrictEqual(await findingsOf("abuse_contact_email"), [])
  })

  it("moves accounts to the policy's organization, and refuses a rule without an automatic fix naming it", async () => {
    const { organizations } = await admin<{ organizations: Array<{ id: string; name: string }> }>(emulator, "GET", "/organizations")
    const destination = organizations.find((org) => org.name.endsWith("West")) ?? organizations[0]
    assert.isDefined(destination)
    await put(`policy:\n  organization: { id: '${destination?.id}' }\n  type: { allowed: [enterprise] }\n`)
    await inlineSync(worker)
    const open = await findingsOf("organization")
    assert.isAbove(open.length, 0)
    const ids = open.slice(0, 3).map((f) => AccountId.make(f.account_id))
    const job = await createJob(worker, { kind: "fix", rule: "organization", account_ids: ids })
    assert.strictEqual((await settled(job.id)).counts.done, 3)
    for (const id of ids) {
      const account = await cloudflare<Account>(emulator, "GET", `/accounts/${String(id)}`)
      assert.strictEqual(account.managed_by?.parent_org_id, destination?.id)
    }
    await inlineSync(worker)
    assert.strictEqual((await findingsOf("organization")).length, open.length - 3)

    const refused = await worker.apiError(Errors.InvalidInput, (client) =>
      client.jobs.create({ payload: { kind: "fix", rule: "type", account_ids: "all-noncompliant" }, headers: {} })
    )
    assert.strictEqual(refused.error.field, "rule")
    assert.include(refused.error.message, "type has no automatic fix")
    const off = await worker.call(pathTo("jobs", "create"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "fix", rule: "enforce_twofactor", account_ids: "all-noncompliant" })
    })
    assert.strictEqual(off.status, 400)
    assert.include(off.body.error.message, "enforce_twofactor has no automatic fix in the current policy (the rule is off)")
  })
})
