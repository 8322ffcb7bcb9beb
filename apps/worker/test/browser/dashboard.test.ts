/**
 * The dashboard in Debian's chromium (playwright-core), against the built worker in Miniflare
 * (real D1 and Queues, the dashboard's files as static assets) and the emulator: sign-in by
 * Access and by token, the overview against the API, filters and paging, an account page, a
 * fix job run to the end, a retried confirm that starts one job (one Idempotency-Key per
 * preview), a job whose enqueue stopped shown as such and resumed, an XSS account name shown
 * as text, the stored policy with an exception (and an expired one) and a fix of the abuse contact
 * previewed from the engine's plan and run to the end, an unauthenticated visitor blocked, no Content-Security-Policy violation or console
 * error on any page, and axe-core on every page in the light and the dark theme. Screenshots and the load time go to test-artifacts/.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { type Browser, chromium, type Page } from "playwright-core"
import { percent } from "../../dashboard/src/Format.js"
import type * as DashboardResponses from "../../src/api/Responses.js"
import type * as Responses from "../../src/api/Responses.js"
import { pathTo } from "../../src/api/WorkerApi.js"
import { type AccessTeam, AUDIENCE, startAccessTeam } from "../support/AccessKeys.js"
import { ADMIN_TOKEN, cloudflare, type Emulator, emulatorAccounts, startWorker, type TestWorker } from "../support/Harness.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
const artifacts = join(root, "test-artifacts")
const require = (name: string) => join(root, "node_modules", name)
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
const SEEDED = 120
const XSS = "<img src=x onerror=alert(1)>"

let team: AccessTeam
let emulator: Emulator
let worker: TestWorker
let browser: Browser
let url: string
let xssId: string
const dialogs: Array<string> = []
/** Console errors and uncaught exceptions of every page (a CSP violation would show here). */
const consoleErrors: Array<string> = []
/** While true, the worker's sends to the jobs queue fail (as in a queue outage). */
let failJobSends = false

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true })
  team = await startAccessTeam()
  emulator = await startEmulator({ seedAccounts: SEEDED, seed: 23 })
  const accounts = await emulatorAccounts(emulator)
  for (const [i, account] of accounts.entries()) {
    const name = i === 7 ? XSS : account.name
    const settings =
      i % 2 === 0 ? { enforce_twofactor: true, abuse_contact_email: "abuse@example.com" } : i === 7 ? { enforce_twofactor: false } : undefined
    if (settings !== undefined || name !== account.name) {
      await cloudflare(emulator, "PUT", `/accounts/${account.id}`, { id: account.id, name, type: account.type, settings: settings ?? account.settings })
    }
  }
  xssId = accounts[7]?.id ?? ""
  worker = await startWorker({ emulator, http: true, failJobSend: () => failJobSends, vars: { ACCESS_TEAM_DOMAIN: team.teamDomain, ACCESS_AUD: AUDIENCE } })
  url = worker.url ?? ""
  assert.strictEqual((await worker.call<Responses.SyncBody>(pathTo("syncs", "start"), { method: "POST" })).status, 200)
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] })
})

afterAll(async () => {
  await browser?.close()
  await worker?.dispose()
  await emulator?.close()
  await team?.close()
})

/**
 * A fresh page (own context: own sessionStorage), optionally behind Access; console errors
 * matching `expectedErrors` (a request the test itself aborts) are not counted.
 */
const open = async (
  options: {
    readonly accessToken?: string
    readonly colorScheme?: "light" | "dark"
    readonly expectedErrors?: RegExp
    readonly width?: number
  } = {}
) => {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: 900 },
    colorScheme: options.colorScheme ?? "light",
    ...(options.accessToken === undefined ? {} : { extraHTTPHeaders: { "cf-access-jwt-assertion": options.accessToken } })
  })
  const page = await context.newPage()
  page.on("console", (message) => {
    // Only errors a test names (a request it aborts, a wrong token it types) are expected; a
    // first visit before sign-in logs none.
    const expected = options.expectedErrors?.test(message.text()) === true
    if (message.type() === "error" && !expected) consoleErrors.push(`${message.text()} (${message.location().url})`)
  })
  // An uncaught exception or rejected promise in the page is no console message: count it too.
  page.on("pageerror", (error) => consoleErrors.push(`uncaught in the page: ${error.message}`))
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return page
}

const signInWithToken = async (page: Page) => {
  await page.goto(url)
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN)
  await page.getByRole("button", { name: "Sign in" }).click()
  await page.locator('[data-stat="accounts"]').waitFor()
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })

const axeSource = readFileSync(join(require("axe-core"), "axe.min.js"), "utf8")

/** axe-core's serious and critical violations on the page as it is now. */
const seriousViolations = async (page: Page) => {
  // Evaluated through the DevTools protocol, which the page's CSP does not apply to.
  await page.evaluate(axeSource)
  // A string, evaluated in the page (this file is not compiled with the DOM's types).
  const violations = await page.evaluate<ReadonlyArray<{ id: string; impact: string; targets: Array<string> }>>(
    `axe.run(document, { resultTypes: ["violations"] }).then((result) =>
       result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })))`
  )
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
}

/** The serious and critical violations of the page in the light theme and in the dark one (contrast differs). */
const violationsInBothThemes = async (page: Page) => {
  const found: Array<{ readonly theme: string; readonly id: string; readonly targets: Array<string> }> = []
  for (const colorScheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme })
    for (const violation of await seriousViolations(page)) found.push({ theme: colorScheme, id: violation.id, targets: violation.targets })
  }
  return found
}

describe("dashboard", () => {
  it("shows an unauthenticated visitor the sign-in prompt and no data, with no console error before sign-in", async () => {
    // The wrong token typed below is answered 401, which the browser logs.
    const page = await open({ expectedErrors: /status of 401/ })
    const early: Array<string> = []
    page.on("console", (message) => {
      if (message.type() === "error") early.push(message.text())
    })
    await page.goto(url)
    await page.getByRole("heading", { name: "Sign in" }).waitFor()
    await page.waitForLoadState("networkidle")
    assert.deepStrictEqual(early, [])
    assert.isFalse(await page.locator("#nav").isVisible())
    assert.strictEqual(await page.locator("[data-stat]").count(), 0)
    assert.notInclude((await page.locator("main").textContent()) ?? "", "Emulator")
    const status = await page.evaluate(async (path) => (await fetch(path)).status, pathTo("accounts", "list"))
    assert.strictEqual(status, 401)
    // A wrong token is refused and not kept.
    await page.getByLabel("Admin token").fill("wrong-token")
    await page.getByRole("button", { name: "Sign in" }).click()
    await page.getByRole("alert").waitFor()
    assert.strictEqual(await page.evaluate(() => sessionStorage.length), 0)
    await shot(page, "sign-in")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.context().close()
  })

  it("signs in with the token (kept in sessionStorage, never in the URL) and shows the API's numbers", async () => {
    const page = await open()
    const requested: Array<string> = []
    page.on("request", (request) => requested.push(request.url()))
    const started = Date.now()
    await signInWithToken(page)
    const overview = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body
    const text = async (stat: string) => ((await page.locator(`[data-stat="${stat}"]`).textContent()) ?? "").trim()
    assert.strictEqual(await text("accounts"), String(overview.accounts))
    assert.strictEqual(await text("compliant-share"), percent(overview.compliant, overview.accounts))
    assert.strictEqual(await text("open-findings"), String(overview.open_findings))
    assert.strictEqual(await text("last-sync"), "completed")
    for (const rule of overview.rules) {
      assert.strictEqual(await page.locator(`[data-rule-count="${rule.id}"]`).textContent(), String(overview.open_by_rule[rule.id] ?? 0))
    }
    assert.strictEqual(await page.locator("svg.chart circle").count(), overview.series.length * 2)
    assert.isTrue(requested.every((request) => request.startsWith(url) && !request.includes(ADMIN_TOKEN)))
    assert.strictEqual(await page.evaluate(() => sessionStorage.getItem("cf-accounts-admin-token")), ADMIN_TOKEN)

    // Load time: a fresh load of the signed-in page until the overview's numbers are shown.
    const reload = Date.now()
    await page.reload()
    await page.locator('[data-stat="accounts"]').waitFor()
    const loadMs = await page.evaluate(() => Math.round(performance.now()))
    const transferred = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name))
    writeFileSync(
      join(artifacts, "metrics.json"),
      JSON.stringify({ overviewLoadMs: loadMs, reloadWallMs: Date.now() - reload, firstSignInWallMs: reload - started, resources: transferred }, null, 2)
    )
    console.log(`dashboard: overview shown ${loadMs} ms after navigation start (reload, chromium)`)
    await shot(page, "overview")
    await page.emulateMedia({ colorScheme: "dark" })
    await shot(page, "overview-dark")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.context().close()
  })

  it("signs in through Cloudflare Access without a token", async () => {
    const page = await open({ accessToken: await team.token("ops@example.com") })
    await page.goto(url)
    await page.locator('[data-stat="accounts"]').waitFor()
    assert.include((await page.locator("#who").textContent()) ?? "", "ops@example.com")
    assert.strictEqual(await page.evaluate(() => sessionStorage.length), 0)
    await page.context().close()
  })

  it("filters, pages and opens an account; an XSS name is shown as text", async () => {
    const page = await open()
    await signInWithToken(page)
    await page.getByRole("link", { name: "Accounts", exact: true }).click()
    await page.getByLabel("Compliant").selectOption("false")
    await page.getByRole("button", { name: "Apply" }).click()
    // The unfiltered listing is page 1 too: wait for the filtered one.
    await page.locator('[data-page="1"][data-listing*="compliant=false"]').waitFor()
    const api = (await worker.call<Responses.AccountsPage>(`${pathTo("accounts", "list")}?compliant=false&sort=name&limit=25`)).body
    const names = async () => page.locator("a[data-account-name]").allTextContents()
    assert.deepStrictEqual(await names(), api.items.map((a) => a.name))
    assert.strictEqual(
      await page.locator('[data-page="1"]').textContent(),
      `Page 1 of ${Math.ceil(api.total / 25)} (${api.total.toLocaleString("en-US")} accounts)`
    )
    await shot(page, "accounts")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.getByRole("button", { name: "Next" }).click()
    await page.locator('[data-page="2"]').waitFor()
    const second = (await worker.call<Responses.AccountsPage>(`${pathTo("accounts", "list")}?compliant=false&sort=name&limit=25&cursor=${api.next_cursor}`)).body
    assert.deepStrictEqual(await names(), second.items.map((a) => a.name))
    await page.getByRole("button", { name: "Previous" }).click()
    await page.locator('[data-page="1"]').waitFor()
    assert.deepStrictEqual(await names(), api.items.map((a) => a.name))

    // Choosing accounts for a fix: two ticked rows are what the fix page previews.
    const ticked = page.getByRole("checkbox")
    await ticked.nth(0).check()
    await ticked.nth(1).check()
    await page.getByRole("button", { name: "Fix selected (2)" }).click()
    await page.getByRole("radio", { name: "The 2 accounts selected" }).waitFor()
    assert.isTrue(await page.getByRole("radio", { name: "The 2 accounts selected" }).isChecked())
    await page.getByRole("button", { name: "Preview" }).click()
    await page.locator('[data-preview-count="2"]').waitFor()
    assert.deepStrictEqual(
      await page.locator("main li").allTextContents(),
      api.items.slice(0, 2).map((a) => a.id)
    )
    await page.goBack()
    await page.locator('[data-page="1"]').waitFor()

    await page.getByLabel("Name contains").fill("<img")
    await page.getByRole("button", { name: "Apply" }).click()
    // Wait for the listing of that filter (its pager names the query it shows).
    await page.locator('[data-page="1"][data-listing*="name=%3Cimg"]').waitFor()
    assert.deepStrictEqual(await names(), [XSS])
    assert.strictEqual(await page.locator("main img").count(), 0)
    await page.locator("a[data-account-name]").click()
    await page.locator("[data-account-title]").waitFor()
    assert.strictEqual(await page.locator("[data-account-title]").textContent(), XSS)
    assert.strictEqual(await page.locator("main img").count(), 0)
    assert.include(page.url(), xssId)
    assert.deepStrictEqual(dialogs, [])
    await shot(page, "account")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.getByRole("link", { name: "Findings" }).click()
    await page.getByRole("heading", { name: /^enforce_twofactor: \d+ open$/ }).waitFor()
    // One rule at a time, each account once, a page of 50 at a time with the page count.
    const openCount = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body.open_by_rule["enforce_twofactor"] ?? 0
    assert.isAbove(openCount, 50)
    assert.strictEqual(
      await page.locator("[data-findings-page]").textContent(),
      `Page 1 of ${Math.ceil(openCount / 50)} (${openCount} accounts)`
    )
    const listedIds = await page.locator("a[data-finding-account]").evaluateAll((links) => links.map((a) => a.getAttribute("data-finding-account")))
    assert.strictEqual(listedIds.length, 50)
    assert.strictEqual(new Set(listedIds).size, 50)
    assert.strictEqual(await page.locator("main table").count(), 2)
    await page.getByRole("button", { name: "Next" }).click()
    await page.locator('[data-findings-page="enforce_twofactor open 2"]').waitFor()
    const secondIds = await page.locator("a[data-finding-account]").evaluateAll((links) => links.map((a) => a.getAttribute("data-finding-account")))
    assert.isTrue(secondIds.every((id) => !listedIds.includes(id)))
    await page.getByRole("button", { name: "Previous" }).click()
    await page.locator('[data-findings-page="enforce_twofactor open 1"]').waitFor()
    await shot(page, "findings")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.context().close()
    // A malformed escape in the address ends as the API's 400 on the page, not as a script error.
    const bad = await open({ expectedErrors: /status of 400/ })
    await signInWithToken(bad)
    await bad.goto(`${url}/#/accounts/%E0%A4%A`)
    await bad.getByRole("alert").waitFor()
    assert.include((await bad.getByRole("alert").textContent()) ?? "", "account_id")
    await bad.context().close()
  })

  it("runs a fix job for every non-compliant account, follows it to the end, and shows the fix at once, without a sync", async () => {
    const before = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body
    const page = await open({ accessToken: await team.token("ops@example.com") })
    await page.goto(`${url}/#/fix?rule=enforce_twofactor`)
    await page.getByRole("button", { name: "Preview" }).click()
    const preview = (await worker.call<DashboardResponses.FixPreview>(pathTo("dashboard", "fixPreview", { rule: "enforce_twofactor" }))).body
    assert.isAbove(preview.count, 0)
    await page.locator(`[data-preview-count="${preview.count}"]`).waitFor()
    await shot(page, "fix")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.getByRole("button", { name: `Start job for ${preview.count} accounts` }).click()
    await page.locator('[data-job-state="completed"]').waitFor({ timeout: 60_000 })
    const jobId = /#\/jobs\/(job_[0-9a-f]+)$/.exec(page.url())?.[1] ?? ""
    assert.notStrictEqual(jobId, "")
    const summary = (await page.locator("[data-job-summary]").textContent()) ?? ""
    assert.match(summary, new RegExp(`^${preview.count} done, 0 failed, 0 skipped, 0 running, 0 pending of ${preview.count}$`))
    await shot(page, "job")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    // The account page lists the job that touched it.
    const touched = preview.sample[0]?.id ?? ""
    await page.goto(`${url}/#/accounts/${touched}`)
    await page.locator("main table a", { hasText: jobId }).waitFor()
    // Keyboard: a focused nav link opens its page with Enter.
    await page.getByRole("link", { name: "Jobs", exact: true }).focus()
    await page.keyboard.press("Enter")
    await page.locator("progress").first().waitFor()
    assert.include((await page.locator("main").textContent()) ?? "", jobId)
    await shot(page, "jobs")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    // Without a sync, the fix shows: the overview's counts and compliant share, the account's settings.
    const after = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body
    assert.strictEqual(after.open_by_rule["enforce_twofactor"] ?? 0, 0)
    assert.isAbove(after.compliant, before.compliant)
    assert.deepStrictEqual(after.series, before.series)
    await page.getByRole("link", { name: "Overview", exact: true }).click()
    await page.locator('[data-rule-count="enforce_twofactor"]', { hasText: /^0$/ }).waitFor()
    assert.strictEqual(await page.locator('[data-stat="compliant-share"]').textContent(), percent(after.compliant, after.accounts))
    assert.notStrictEqual(percent(after.compliant, after.accounts), percent(before.compliant, before.accounts))
    assert.strictEqual(await page.locator('[data-stat="open-findings"]').textContent(), String(after.open_findings))
    await page.goto(`${url}/#/accounts/${touched}`)
    await page.locator("main table a", { hasText: jobId }).waitFor()
    const settingRow = page.locator("main tr", { has: page.locator("code", { hasText: /^enforce_twofactor$/ }) })
    assert.strictEqual((await settingRow.locator("td").nth(1).textContent()) ?? "", "true")
    const stored = (await worker.call<Responses.AccountDetail>(pathTo("accounts", "get", { account_id: touched }))).body
    assert.strictEqual(stored.settings?.enforce_twofactor, true)
    assert.include((await page.locator("main dl").textContent()) ?? "", `Compliant${stored.compliant ? "yes" : "no"}`)
    // The next sync finds what the job stored.
    assert.strictEqual((await worker.call<Responses.SyncBody>(pathTo("syncs", "start"), { method: "POST" })).status, 200)
    const synced = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body
    assert.strictEqual(synced.open_by_rule["enforce_twofactor"] ?? 0, 0)
    assert.strictEqual(synced.compliant, after.compliant)
    await page.context().close()
  })

  it("starts one job per confirmed preview: a retried confirm reuses its Idempotency-Key, a new preview makes a new one", async () => {
    const page = await open({ expectedErrors: /net::ERR_FAILED/ })
    await signInWithToken(page)
    const ids = (await worker.call<Responses.AccountsPage>(`${pathTo("accounts", "list")}?compliant=true&limit=2`)).body.items.map((a) => a.id)
    const jobsBefore = (await worker.call<DashboardResponses.RecentJobs>(pathTo("dashboard", "recentJobs"))).body.items.map((j) => j.id)
    const keys: Array<string> = []
    // The first POST reaches the worker, which creates the job, but its answer is lost; later
    // ones go through, unless `dropAll` (then none reaches the worker).
    let answered = 0
    let dropAll = false
    await page.route(`**${pathTo("jobs", "create")}`, async (route) => {
      keys.push(route.request().headers()["idempotency-key"] ?? "")
      if (dropAll) return route.abort()
      if (answered++ === 0) {
        await route.fetch()
        return route.abort()
      }
      return route.continue()
    })
    await page.goto(`${url}/#/fix?ids=${ids.join(",")}`)
    await page.getByRole("button", { name: "Preview" }).click()
    const start = page.getByRole("button", { name: "Start job for 2 accounts" })
    await start.click()
    await page.getByRole("alert").waitFor()
    const retried = page.waitForResponse((response) => response.url().endsWith(pathTo("jobs", "create")))
    await start.click()
    // The worker answers the retry as a replay (200) of the job the lost answer stands for.
    assert.strictEqual((await retried).status(), 200)
    await page.locator('[data-job-state="completed"]').waitFor({ timeout: 60_000 })
    const jobsAfter = (await worker.call<DashboardResponses.RecentJobs>(pathTo("dashboard", "recentJobs"))).body.items.map((j) => j.id)
    const created = jobsAfter.filter((id) => !jobsBefore.includes(id))
    assert.strictEqual(created.length, 1)
    assert.include(page.url(), created[0] ?? "-")
    assert.strictEqual(keys.length, 2)
    assert.match(keys[0] ?? "", /^[0-9a-f-]{36}$/)
    assert.strictEqual(keys[1], keys[0])
    // A new preview of the same accounts is a new request: a new key.
    dropAll = true
    await page.goto(`${url}/#/fix?ids=${ids.join(",")}`)
    await page.getByRole("button", { name: "Preview" }).click()
    await page.getByRole("button", { name: "Start job for 2 accounts" }).click()
    await page.getByRole("alert").waitFor()
    assert.strictEqual(keys.length, 3)
    assert.notStrictEqual(keys[2], keys[0])
    await page.context().close()
  })

  it("shows a job whose enqueue stopped as enqueueing, with the worker's warning, until it is resumed", async () => {
    const page = await open({ accessToken: await team.token("ops@example.com") })
    const ids = (await worker.call<Responses.AccountsPage>(`${pathTo("accounts", "list")}?compliant=true&limit=4`)).body.items
      .slice(2)
      .map((a) => a.id)
    await page.goto(`${url}/#/fix?ids=${ids.join(",")}`)
    await page.getByRole("button", { name: "Preview" }).click()
    // Chosen accounts may comply already: the preview does not promise a change to each.
    assert.include((await page.locator("main p", { has: page.locator("[data-preview-count]") }).textContent()) ?? "", "the others are skipped")
    failJobSends = true
    try {
      await page.getByRole("button", { name: "Start job for 2 accounts" }).click()
      await page.locator('[data-job-state="enqueueing"]').waitFor()
      assert.include((await page.locator("[data-job-warning]").textContent()) ?? "", "not known to be on the queue")
      assert.include((await page.locator("[data-job-state]").textContent()) ?? "", "not on the queue yet")
      await shot(page, "job-enqueueing")
      assert.deepStrictEqual(await violationsInBothThemes(page), [])
    } finally {
      failJobSends = false
    }
    await page.getByRole("button", { name: "Resume now" }).click()
    await page.locator('[data-job-state="completed"]').waitFor({ timeout: 60_000 })
    // Both accounts already enforce two-factor authentication: nothing to change.
    assert.strictEqual(await page.locator("[data-job-summary]").textContent(), "0 done, 0 failed, 2 skipped, 0 running, 0 pending of 2")
    await page.context().close()
  })

  it("shows the stored policy, its exceptions with their expiry, and runs a fix for the abuse contact to the end", async () => {
    const accounts = await emulatorAccounts(emulator)
    // Odd-numbered accounts have no abuse contact (see beforeAll); this one is excused.
    const excused = accounts[1]?.id ?? ""
    const text = [
      "policy:",
      "  enforce_twofactor: true",
      "  abuse_contact_email: { domain: example.com, fix_to: abuse@example.com }",
      "  exceptions:",
      `    - { rule: abuse_contact_email, accounts: ['${excused}'], reason: 'vendor desk <b>SEC-7</b>', expires: 2999-12-31 }`,
      "    - { rule: enforce_twofactor, accounts: ['legacy-.*'], reason: old integration, expires: 2020-01-31 }",
      ""
    ].join("\n")
    const stored = await worker.call<Responses.PolicyBody>(pathTo("policy", "put"), { method: "PUT", headers: { "content-type": "text/plain" }, body: text })
    assert.strictEqual(stored.status, 201, stored.text)
    assert.strictEqual((await worker.call<Responses.SyncBody>(pathTo("syncs", "start"), { method: "POST" })).status, 200)

    const page = await open()
    await signInWithToken(page)
    await page.getByRole("link", { name: "Policy", exact: true }).click()
    await page.locator(`[data-policy-version="${stored.body.version}"]`).waitFor()
    assert.strictEqual(await page.locator("[data-policy-text]").textContent(), text)
    assert.include((await page.locator(`[data-policy-version="${stored.body.version}"]`).textContent()) ?? "", "stored by token")
    assert.deepStrictEqual(await page.locator("[data-exception-reason]").allTextContents(), ["vendor desk <b>SEC-7</b>", "old integration"])
    assert.deepStrictEqual(await page.locator("[data-exception-expires]").allTextContents(), ["2999-12-31", "2020-01-31 (expired)"])
    assert.strictEqual(await page.locator('[data-exception-expires="expired"]').count(), 1)
    assert.strictEqual(await page.locator('[data-rule-enabled="abuse_contact_email:true"]').count(), 1)
    assert.strictEqual(await page.locator('[data-rule-enabled="organization:false"]').count(), 1)
    assert.strictEqual(await page.locator("main b").count(), 0)
    await shot(page, "policy")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])

    // The finding the exception excuses names it.
    await page.getByRole("link", { name: "Findings", exact: true }).click()
    await page.getByRole("link", { name: "abuse_contact_email", exact: true }).click()
    await page.getByRole("link", { name: "Excused by an exception" }).click()
    await page.locator(`[data-excused-by="${excused}"]`).waitFor()
    assert.strictEqual(await page.locator(`[data-excused-by="${excused}"]`).textContent(), "vendor desk <b>SEC-7</b>")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])

    // The fix: the engine's plan previewed (before and after), then the job followed to the end.
    await page.goto(`${url}/#/fix?rule=abuse_contact_email`)
    await page.getByRole("button", { name: "Preview" }).click()
    const preview = (await worker.call<DashboardResponses.FixPreview>(pathTo("dashboard", "fixPreview", { rule: "abuse_contact_email" }))).body
    assert.isAbove(preview.count, 0)
    await page.locator(`[data-preview-count="${preview.count}"]`).waitFor()
    const first = preview.sample[0]
    assert.strictEqual(
      (await page.locator("main li").first().textContent()) ?? "",
      `${first?.name} (${first?.id}): settings.abuse_contact_email not set → "abuse@example.com"`
    )
    await shot(page, "fix-abuse-contact")
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.getByRole("button", { name: `Start job for ${preview.count} accounts` }).click()
    await page.locator('[data-job-state="completed"]').waitFor({ timeout: 60_000 })
    assert.strictEqual(
      await page.locator("[data-job-summary]").textContent(),
      `${preview.count} done, 0 failed, 0 skipped, 0 running, 0 pending of ${preview.count}`
    )
    assert.strictEqual((await worker.call<Responses.SyncBody>(pathTo("syncs", "start"), { method: "POST" })).status, 200)
    const after = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body
    assert.strictEqual(after.open_by_rule["abuse_contact_email"] ?? 0, 0)
    await page.context().close()
  })

  it("syncs now from the overview, showing the sync's progress, then the new last sync", async () => {
    const page = await open()
    await signInWithToken(page)
    const before = (await worker.call<Responses.SyncsList>(`${pathTo("syncs", "list")}?limit=1`)).body.items[0]
    await page.getByRole("button", { name: "Sync now" }).click()
    await page.locator('[data-sync-status="completed"]').waitFor({ timeout: 60_000 })
    const latest = (await worker.call<Responses.SyncsList>(`${pathTo("syncs", "list")}?limit=1`)).body.items[0]
    assert.notStrictEqual(latest?.id, before?.id)
    assert.strictEqual(latest?.status, "completed")
    assert.strictEqual(
      await page.locator("[data-sync-progress]").textContent(),
      `Sync completed, ${latest?.accounts_seen.toLocaleString("en-US")}${latest?.total_count === null ? "" : ` of ${latest?.total_count.toLocaleString("en-US")}`} accounts seen`
    )
    // The overview is drawn again: one more point on the chart.
    const overview = (await worker.call<DashboardResponses.Overview>(pathTo("dashboard", "overview"))).body
    assert.strictEqual(await page.locator("svg.chart circle").count(), overview.series.length * 2)
    assert.deepStrictEqual(await violationsInBothThemes(page), [])
    await page.context().close()
  })

  it("works at 390 px wide on every page: no sideways scroll of the page, axe clean in both themes", async () => {
    const page = await open({ width: 390 })
    const overflow = () => page.evaluate<number>("document.documentElement.scrollWidth")
    const check = async (name: string) => {
      await page.waitForLoadState("networkidle")
      assert.isAtMost(await overflow(), 390, name)
      assert.deepStrictEqual(await violationsInBothThemes(page), [], name)
      await page.emulateMedia({ colorScheme: "light" })
      await shot(page, `narrow-${name}`)
    }
    await page.goto(url)
    await page.getByRole("heading", { name: "Sign in" }).waitFor()
    await check("sign-in")
    await page.getByLabel("Admin token").fill(ADMIN_TOKEN)
    await page.getByRole("button", { name: "Sign in" }).click()
    await page.locator('[data-stat="accounts"]').waitFor()
    await page.locator("svg.chart").waitFor()
    await check("overview")
    const job = (await worker.call<DashboardResponses.RecentJobs>(pathTo("dashboard", "recentJobs"))).body.items[0]?.id ?? ""
    const pages: ReadonlyArray<readonly [string, string, string]> = [
      ["accounts", "#/accounts", "[data-page]"],
      ["account", `#/accounts/${xssId}`, "[data-account-title]"],
      ["findings", "#/findings", "[data-findings-page]"],
      ["policy", "#/policy", "[data-policy-text]"],
      ["jobs", "#/jobs", "progress"],
      ["job", `#/jobs/${job}`, "[data-job-summary]"],
      ["fix", "#/fix", "main form"]
    ]
    for (const [name, hash, ready] of pages) {
      await page.goto(`${url}/${hash}`)
      await page.locator(ready).first().waitFor()
      await check(name)
    }
    // Every table sits in a region that scrolls sideways on its own, not the page.
    await page.goto(`${url}/#/accounts`)
    await page.locator("[data-page]").waitFor()
    const regions = await page.evaluate<ReadonlyArray<string>>(
      `[...document.querySelectorAll("main table")].map((t) => getComputedStyle(t.parentElement).overflowX)`
    )
    assert.isAbove(regions.length, 0)
    assert.isTrue(regions.every((overflowX) => overflowX === "auto"))
    await page.context().close()
  })

  it("broke no Content-Security-Policy rule and logged no error on any page", async () => {
    // The check can see a violation: an inline script added now is refused, and logged.
    const page = await open()
    await page.goto(url)
    await page.getByRole("heading", { name: "Sign in" }).waitFor()
    const logged = page.waitForEvent("console", (message) => message.type() === "error")
    // A string, evaluated in the page (this file is not compiled with the DOM's types).
    await page.evaluate(`{
      const script = document.createElement("script")
      script.textContent = "document.title = 'inline script ran'"
      document.body.append(script)
    }`)
    assert.match((await logged).text(), /Content Security Policy/)
    assert.notStrictEqual(await page.title(), "inline script ran")
    const violation = consoleErrors.pop() ?? ""
    assert.match(violation, /Content Security Policy/)
    await page.context().close()
    assert.deepStrictEqual(consoleErrors, [])
  })
})
