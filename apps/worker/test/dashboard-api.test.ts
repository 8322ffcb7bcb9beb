/**
 * What the dashboard stands on, through the built worker in Miniflare against the emulator:
 * the page and its security headers, Cloudflare Access and token sign-in, the Origin check
 * on writes, the overview and chart aggregates, and the account listing's filters and sorts.
 */
import { AccountId } from "@cf-accounts/core/Ids"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import * as Accounts from "../src/db/Accounts.js"
import * as Errors from "../src/api/Errors.js"
import type * as Responses from "../src/api/Responses.js"
import { CONTENT_SECURITY_POLICY } from "../src/api/SecurityHeaders.js"
import { type AccessTeam, AUDIENCE, startAccessTeam } from "./support/AccessKeys.js"
import {
  ADMIN_TOKEN,
  after,
  cloudflare,
  createJob,
  type Emulator,
  emulatorAccounts,
  eventually,
  inlineSync,
  ORIGIN,
  PREFIX,
  pathTo,
  startWorker,
  type TestWorker
} from "./support/Harness.js"

const SEEDED = 60
let emulator: Emulator
let worker: TestWorker
let team: AccessTeam

beforeAll(async () => {
  team = await startAccessTeam()
  emulator = await startEmulator({ seedAccounts: SEEDED, seed: 15 })
  // A third of the accounts comply with both rules; a fifth more enforce two-factor only.
  const accounts = await emulatorAccounts(emulator)
  for (const [i, account] of accounts.entries()) {
    const settings =
      i % 3 === 0
        ? { enforce_twofactor: true, abuse_contact_email: "abuse@example.com" }
        : i % 5 === 0
          ? { enforce_twofactor: true }
          : undefined
    if (settings !== undefined) {
      await cloudflare(emulator, "PUT", `/accounts/${account.id}`, { id: account.id, name: account.name, type: account.type, settings })
    }
  }
  worker = await startWorker({ emulator, vars: { ACCESS_TEAM_DOMAIN: team.teamDomain, ACCESS_AUD: AUDIENCE } })
  await inlineSync(worker)
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
  await team?.close()
})

const SESSION = pathTo("dashboard", "session")

/** The session route called with an Access assertion (a header the typed client does not send). */
const access = async (token: string, init: RequestInit = {}) =>
  worker.call<Responses.SessionBody>(SESSION, {
    auth: null,
    ...init,
    headers: { "cf-access-jwt-assertion": token, ...(init.headers as Record<string, string> | undefined) }
  })

describe("the page", () => {
  it("is served at / without credentials, with the security headers and no data", async () => {
    const response = await worker.mf.dispatchFetch(`${ORIGIN}/`)
    const html = await response.text()
    assert.strictEqual(response.status, 200)
    assert.match(response.headers.get("content-type") ?? "", /text\/html/)
    const csp = response.headers.get("content-security-policy") ?? ""
    assert.include(csp, "script-src 'self'")
    assert.include(csp, "frame-ancestors 'none'")
    assert.notInclude(csp, "unsafe-inline")
    assert.strictEqual(response.headers.get("x-content-type-options"), "nosniff")
    assert.strictEqual(response.headers.get("referrer-policy"), "no-referrer")
    // Only the page's own files, no inline script, no account in the static page.
    assert.match(html, /<script type="module" src="\/app.js"><\/script>/)
    assert.notMatch(html, /<script>/)
    assert.notInclude(html, "Emulator")
  })

  it("puts the same headers on every answer: the page's files, API answers, errors and misses", async () => {
    const paths = ["/app.js", "/app.css", "/no-such-file.png", pathTo("meta", "health"), pathTo("accounts", "list"), `${PREFIX}/no-such-route`]
    for (const path of paths) {
      const response = await worker.mf.dispatchFetch(`${ORIGIN}${path}`)
      await response.arrayBuffer()
      assert.strictEqual(response.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY, path)
      assert.strictEqual(response.headers.get("x-content-type-options"), "nosniff", path)
      assert.strictEqual(response.headers.get("referrer-policy"), "no-referrer", path)
    }
  })

  it("keeps the browser from storing API answers, which carry account data", async () => {
    for (const path of [pathTo("accounts", "list"), pathTo("dashboard", "overview"), `${PREFIX}/no-such-route`]) {
      const response = await worker.mf.dispatchFetch(`${ORIGIN}${path}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` }
      })
      await response.arrayBuffer()
      assert.strictEqual(response.headers.get("cache-control"), "no-store", path)
    }
    const script = await worker.mf.dispatchFetch(`${ORIGIN}/app.js`)
    await script.arrayBuffer()
    assert.notStrictEqual(script.headers.get("cache-control"), "no-store")
  })
})

describe("authentication", () => {
  it("refuses a caller with neither a token nor an Access assertion; the session route says it is not signed in, with no failed request", async () => {
    const response = await worker.call(pathTo("dashboard", "overview"), { auth: null })
    assert.strictEqual(response.status, 401)
    assert.strictEqual(response.body.error.code, "unauthorized")
    const session = await worker.call<Responses.SessionBody>(SESSION, { auth: null })
    assert.strictEqual(session.status, 200)
    assert.deepStrictEqual(session.body, { method: null, email: null })
    const wrong = await worker.call(SESSION, { auth: "wrong-token" })
    assert.strictEqual(wrong.status, 401)
  })

  it("accepts the admin token", async () => {
    const session = await worker.api((client) => client.dashboard.session())
    assert.deepStrictEqual(session, { method: "token", email: null })
  })

  it("answers 503 with Retry-After, not 401, while the team's keys cannot be fetched", async () => {
    const down = await startAccessTeam()
    down.failing(true)
    const other = await startWorker({ emulator, vars: { ACCESS_TEAM_DOMAIN: down.teamDomain, ACCESS_AUD: AUDIENCE } })
    try {
      const response = await other.mf.dispatchFetch(`${ORIGIN}${SESSION}`, {
        headers: { "cf-access-jwt-assertion": await down.token("ops@example.com") }
      })
      const body = (await response.json()) as Errors.ErrorBody
      assert.strictEqual(response.status, 503)
      assert.strictEqual(response.headers.get("retry-after"), "10")
      assert.strictEqual(body.error.code, "access_unavailable")
      assert.include(body.error.message, "the team's keys could not be fetched")
    } finally {
      await other.dispose()
      await down.close()
    }
  })

  it("accepts a valid Access token and caches the team's keys", async () => {
    const before = team.fetches()
    for (let i = 0; i < 3; i++) {
      const response = await access(await team.token("ops@example.com"))
      assert.deepStrictEqual(response.body, { method: "access", email: "ops@example.com" })
    }
    assert.isAtMost(team.fetches() - before, 1)
  })

  it("does not fetch the team's keys again for every token naming an unknown key", async () => {
    await access(await team.token("ops@example.com"))
    const before = team.fetches()
    for (let i = 0; i < 3; i++) {
      const response = await access(await team.token("ops@example.com", {}, { kid: `forged-${i}` }))
      assert.strictEqual(response.status, 401)
      assert.include((response.body as unknown as Errors.ErrorBody).error.message, "a key the team does not publish")
    }
    assert.strictEqual(team.fetches(), before)
  })

  it("refuses Access tokens with the wrong audience, issuer, expiry, signature or algorithm", async () => {
    const cases: Array<[string, string]> = [
      ["wrong audience", await team.token("a@example.com", { aud: ["other-app"] })],
      ["wrong issuer", await team.token("a@example.com", { iss: "https://evil.cloudflareaccess.com" })],
      ["expired", await team.token("a@example.com", { exp: Math.floor(Date.now() / 1000) - 60 })],
      ["bad signature", await team.token("a@example.com", {}, { foreignKey: true })],
      ["alg must be RS256", `${Buffer.from('{"alg":"none","kid":"test-key"}').toString("base64url")}.e30.`],
      ["not a JWT", "garbage"]
    ]
    for (const [reason, token] of cases) {
      const response = await access(token)
      assert.strictEqual(response.status, 401, reason)
      assert.include((response.body as unknown as Errors.ErrorBody).error.message, reason)
    }
  })

  it("checks the Origin on every write route, for the token and for Access", async () => {
    const token = await team.token("ops@example.com")
    const resume = pathTo("jobs", "resume", { job_id: `job_${"0".repeat(32)}` })
    const writes = [pathTo("syncs", "start"), pathTo("jobs", "create"), resume]
    for (const path of writes) {
      const foreign = await worker.call(path, { method: "POST", headers: { origin: "https://evil.example" } })
      assert.strictEqual(foreign.status, 403, path)
      assert.strictEqual(foreign.body.error.code, "forbidden_origin", path)
      const opaque = await worker.call(path, { method: "POST", headers: { origin: "null" } })
      assert.strictEqual(opaque.status, 403, path)
      const accessForeign = await worker.call(path, {
        method: "POST",
        auth: null,
        headers: { "cf-access-jwt-assertion": token, origin: "https://evil.example" }
      })
      assert.strictEqual(accessForeign.status, 403, path)
      const accessNoOrigin = await worker.call(path, { method: "POST", auth: null, headers: { "cf-access-jwt-assertion": token } })
      assert.strictEqual(accessNoOrigin.status, 403, path)
    }
    // The admin token is no ambient credential (a cross-site page cannot send it), so a write
    // with the token and no Origin, as curl or the CLI sends it, passes the check (here: 404, no such job).
    await worker.apiError(Errors.NotFound, (client) => client.jobs.resume({ path: { job_id: `job_${"0".repeat(32)}` } }))
  })

  it("lets the admin token decide when both credentials come: a wrong token is refused even with a valid Access token", async () => {
    const token = await team.token("ops@example.com")
    const both = await worker.call(SESSION, { auth: "wrong", headers: { "cf-access-jwt-assertion": token } })
    assert.strictEqual(both.status, 401)
    const right = await worker.call<Responses.SessionBody>(SESSION, { headers: { "cf-access-jwt-assertion": token } })
    assert.deepStrictEqual(right.body, { method: "token", email: null })
  })

  it("refuses a write from another origin, and an Access write without an Origin", async () => {
    const sync = pathTo("syncs", "start")
    const foreign = await worker.call(sync, { method: "POST", headers: { origin: "https://evil.example" } })
    assert.strictEqual(foreign.status, 403)
    assert.strictEqual(foreign.body.error.code, "forbidden_origin")
    const token = await team.token("ops@example.com")
    const noOrigin = await worker.call(sync, { method: "POST", auth: null, headers: { "cf-access-jwt-assertion": token } })
    assert.strictEqual(noOrigin.status, 403)
    const sameOrigin = await worker.call<Responses.SyncBody>(sync, {
      method: "POST",
      auth: null,
      headers: { "cf-access-jwt-assertion": token, origin: ORIGIN }
    })
    assert.strictEqual(sameOrigin.status, 200, sameOrigin.text)
  })
})

describe("overview", () => {
  it("counts what the listings show, and keeps one chart point per completed sync", async () => {
    const overview = await worker.api((client) => client.dashboard.overview())
    const all = await worker.api((client) => client.accounts.list({ urlParams: { limit: 500 } }))
    const compliant = await worker.api((client) => client.accounts.list({ urlParams: { limit: 500, compliant: true } }))
    assert.strictEqual(overview.accounts, SEEDED)
    assert.strictEqual(overview.accounts, all.items.length)
    assert.strictEqual(overview.compliant, compliant.items.length)
    assert.strictEqual(overview.compliant, SEEDED / 3)
    for (const rule of ["enforce_twofactor", "abuse_contact_email"] as const) {
      const findings = await worker.api((client) => client.findings.list({ urlParams: { rule, limit: 500 } }))
      assert.strictEqual(overview.open_by_rule[rule], findings.items.length, rule)
    }
    const syncs = (await worker.api((client) => client.syncs.list({ urlParams: {} }))).items.filter((s) => s.status === "completed")
    assert.strictEqual(overview.series.length, syncs.length)
    const last = overview.series[overview.series.length - 1]
    assert.strictEqual(last?.accounts, overview.accounts)
    assert.strictEqual(last?.open_findings, overview.open_findings)
    assert.deepStrictEqual(last?.open_by_rule, overview.open_by_rule)
    assert.deepStrictEqual(
      overview.rules.map((rule) => [rule.id, rule.enabled, rule.fix]),
      // The default policy: the two rules of old, on; only two-factor has an automatic fix (no fix_to).
      [
        ["enforce_twofactor", true, true],
        ["abuse_contact_email", true, false],
        ["name", false, false],
        ["type", false, false],
        ["organization", false, false]
      ]
    )
  })
})

describe("account listing for the dashboard", () => {
  it("filters by rule: exactly the accounts with that open finding", async () => {
    const listed = await worker.api((client) => client.accounts.list({ urlParams: { rule: "enforce_twofactor", limit: 500 } }))
    const findings = await worker.api((client) => client.findings.list({ urlParams: { rule: "enforce_twofactor", limit: 500 } }))
    assert.deepStrictEqual(
      listed.items.map((a) => a.id).sort(),
      findings.items.map((f) => f.account_id).sort()
    )
  })

  it("sorts by name in natural order both ways, pages through every account once, and counts them on every page", async () => {
    for (const order of ["asc", "desc"] as const) {
      const listed: Array<{ readonly id: string; readonly name: string }> = []
      const totals = new Set<number>()
      let cursor: string | null = null
      do {
        const next = after(cursor)
        const page: Responses.AccountsPage = await worker.api((client) =>
          client.accounts.list({ urlParams: { sort: "name", order, limit: 7, ...next } })
        )
        listed.push(...page.items.map(({ id, name }) => ({ id, name })))
        totals.add(page.total)
        cursor = page.next_cursor
      } while (cursor !== null)
      assert.strictEqual(listed.length, SEEDED)
      assert.deepStrictEqual([...totals], [SEEDED])
      // Natural order: by the name's key (digit runs compared as numbers), then by id.
      const key = (a: { readonly id: string; readonly name: string }) => `${Accounts.nameKey(a.name)}\u0000${a.id}`
      const sorted = [...listed].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      assert.deepStrictEqual(listed, order === "asc" ? sorted : sorted.reverse())
    }
  })

  it("orders names with numbers as numbers: 'Labs 69' before 'Labs 414'", () => {
    const names = ["Labs 414", "labs 7", "Labs 69", "Labs 0069b", "Alpha", "Labs 1000000000000"]
    assert.deepStrictEqual(
      [...names].sort((a, b) => (Accounts.nameKey(a) < Accounts.nameKey(b) ? -1 : 1)),
      ["Alpha", "labs 7", "Labs 69", "Labs 0069b", "Labs 414", "Labs 1000000000000"]
    )
  })

  it("counts the accounts a filter matches, whatever the page", async () => {
    const noncompliant = await worker.api((client) => client.accounts.list({ urlParams: { compliant: false, limit: 3 } }))
    const all = await worker.api((client) => client.accounts.list({ urlParams: { compliant: false, limit: 500 } }))
    assert.strictEqual(noncompliant.total, all.items.length)
    assert.isAbove(noncompliant.total, 3)
    const second = await worker.api((client) =>
      client.accounts.list({ urlParams: { compliant: false, limit: 3, ...after(noncompliant.next_cursor) } })
    )
    assert.strictEqual(second.total, all.items.length)
  })

  it("refuses a cursor made for another sort, and inaccessible with include_inaccessible", async () => {
    const first = await worker.api((client) => client.accounts.list({ urlParams: { sort: "name", limit: 5 } }))
    const mixed = await worker.apiError(Errors.InvalidInput, (client) =>
      client.accounts.list({ urlParams: { sort: "id", limit: 5, ...after(first.next_cursor) } })
    )
    assert.strictEqual(mixed.error.field, "cursor")
    const both = await worker.apiError(Errors.InvalidInput, (client) =>
      client.accounts.list({ urlParams: { inaccessible: true, include_inaccessible: true } })
    )
    assert.strictEqual(both.error.field, "inaccessible")
    const none = await worker.api((client) => client.accounts.list({ urlParams: { inaccessible: true } }))
    assert.deepStrictEqual(none.items, [])
  })
})

describe("fix preview and job history", () => {
  it("previews what an all-noncompliant job takes, and lists the job on the account", async () => {
    const preview = await worker.api((client) => client.dashboard.fixPreview({ path: { rule: "enforce_twofactor" } }))
    const open = await worker.api((client) => client.findings.list({ urlParams: { rule: "enforce_twofactor", limit: 500 } }))
    assert.strictEqual(preview.count, open.items.length)
    assert.strictEqual(preview.sample.length, 10)
    // What the engine's plan would change on each sampled account: two-factor, from not enforced to enforced.
    for (const account of preview.sample) {
      assert.deepStrictEqual(account.changes.map((c) => [c.field, c.after]), [["settings.enforce_twofactor", true]])
      assert.notStrictEqual(account.changes[0]?.before, true)
    }
    // A rule the current policy gives no automatic fix (no fix_to for the abuse contact): 400 naming it.
    const unfixable = await worker.apiError(Errors.InvalidInput, (client) =>
      client.dashboard.fixPreview({ path: { rule: "abuse_contact_email" } })
    )
    assert.strictEqual(unfixable.error.field, "rule")
    assert.include(unfixable.error.message, "abuse_contact_email has no automatic fix")
    // Not a rule at all: the path's schema refuses it.
    const unknown = await worker.call(pathTo("dashboard", "fixPreview", { rule: "abuse-contact" }))
    assert.strictEqual(unknown.status, 400)
    assert.strictEqual(unknown.body.error.field, "rule")

    const created = await createJob(worker, { kind: "enforce-twofactor", account_ids: "all-noncompliant" })
    assert.strictEqual(created.total, preview.count)
    const recent = await worker.api((client) => client.dashboard.recentJobs())
    assert.strictEqual(recent.items[0]?.id, created.id)
    const account = AccountId.make(preview.sample[0]?.id ?? "")
    const touched = await eventually("the job item", async () => {
      const jobs = await worker.api((client) => client.accounts.jobs({ path: { account_id: account } }))
      return jobs.items[0]?.state === "done" ? jobs : undefined
    })
    assert.strictEqual(touched.items[0]?.job_id, created.id)
    assert.strictEqual(touched.items[0]?.kind, "enforce-twofactor")
  })
})

describe("Access configuration", () => {
  // One worker a test: starting workerd is most of a test's time.
  it("is off with both vars empty: an Access assertion is refused as not configured, the admin token works", async () => {
    const token = await team.token("ops@example.com")
    const off = await startWorker({ emulator, consumers: false, vars: { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" } })
    try {
      const refused = await off.call(SESSION, { auth: null, headers: { "cf-access-jwt-assertion": token } })
      assert.strictEqual(refused.status, 401)
      assert.include(refused.body.error.message, "not configured")
      assert.deepStrictEqual(await off.api((client) => client.dashboard.session()), { method: "token", email: null })
    } finally {
      await off.dispose()
    }
  })

  it("is a configuration error naming the missing var with only one of the two set", async () => {
    const token = await team.token("ops@example.com")
    const half = await startWorker({ emulator, consumers: false, vars: { ACCESS_TEAM_DOMAIN: team.teamDomain } })
    try {
      const broken = await half.call(SESSION, { auth: null, headers: { "cf-access-jwt-assertion": token } })
      assert.strictEqual(broken.status, 500)
      assert.strictEqual(broken.body.error.code, "configuration")
      assert.include(broken.body.error.message, "ACCESS_AUD")
    } finally {
      await half.dispose()
    }
  })
})
