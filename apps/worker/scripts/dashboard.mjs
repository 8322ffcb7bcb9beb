#!/usr/bin/env node
// `pnpm dashboard`: the governance dashboard on this machine, no Cloudflare account needed.
// Starts the accounts emulator (seeded; about a third of the accounts break a rule), applies the
// D1 migrations to a fresh local database, runs `wrangler dev` (local D1 and Queues, the dashboard
// as static assets) against the emulator, runs three syncs with fixes in between (so the chart
// has a trend), then prints the URL and how to sign in. Ctrl-C stops everything.
//
// Environment: DASHBOARD_ACCOUNTS (default 500), DASHBOARD_PORT (default 8787),
// ADMIN_TOKEN (default "dashboard-admin-token").
import { spawn, spawnSync } from "node:child_process"
import { rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { startEmulator } from "@cf-accounts/emulator/start"
// The API's paths, generated from its definition (Node reads the TypeScript as it is).
import { operations } from "../dashboard/src/generated/operations.ts"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const wranglerJs = join(root, "node_modules", "wrangler", "bin", "wrangler.js")
const persist = join(root, ".wrangler", "dashboard-state")
const accounts = Number(process.env.DASHBOARD_ACCOUNTS ?? "500")
const port = process.env.DASHBOARD_PORT ?? "8787"
const adminToken = process.env.ADMIN_TOKEN ?? "dashboard-admin-token"
const origin = `http://127.0.0.1:${port}`
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" }

const emulator = await startEmulator({ seedAccounts: accounts, seed: 7 })
let worker
const stop = async (code) => {
  if (worker !== undefined && worker.exitCode === null) worker.kill("SIGTERM")
  await emulator.close()
  process.exit(code)
}
process.on("SIGINT", () => void stop(0))
process.on("SIGTERM", () => void stop(0))

/** The emulator's accounts, through its Cloudflare API. */
const call = async (method, path, body) => {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
  return (await response.json()).result
}
const all = []
for (let page = 1; ; page++) {
  const items = await call("GET", `/accounts?page=${page}&per_page=50`)
  all.push(...items)
  if (items.length < 50) break
}
/** Makes the accounts with index `i` where `pick(i)` compliant with both rules. */
const comply = async (pick) => {
  const chosen = all.filter((_, i) => pick(i))
  for (let i = 0; i < chosen.length; i += 10) {
    await Promise.all(
      chosen.slice(i, i + 10).map((a) =>
        call("PUT", `/accounts/${a.id}`, {
          id: a.id,
          name: a.name,
          type: a.type,
          settings: { ...a.settings, enforce_twofactor: true, abuse_contact_email: `abuse@${a.id.slice(0, 8)}.example` }
        })
      )
    )
  }
}

rmSync(persist, { recursive: true, force: true })
const migrate = spawnSync(
  process.execPath,
  [wranglerJs, "d1", "migrations", "apply", "cf-accounts", "--local", "--persist-to", persist],
  { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }
)
if (migrate.status !== 0) await stop(migrate.status ?? 1)

worker = spawn(
  process.execPath,
  [
    wranglerJs, "dev", "--ip", "127.0.0.1", "--port", port, "--persist-to", persist,
    "--var", `CLOUDFLARE_BASE_URL:${emulator.url}`,
    "--var", `CLOUDFLARE_API_TOKEN:${emulator.token}`,
    "--var", `ADMIN_TOKEN:${adminToken}`,
    "--var", "RETRY_BASE_DELAY_SECONDS:1",
    "--var", "BUDGET_REQUESTS:0"
  ],
  { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }
)
worker.on("exit", (code) => void stop(code ?? 0))

const api = async (method, path) => {
  const response = await fetch(`${origin}${path}`, { method, headers: { authorization: `Bearer ${adminToken}` } })
  return { status: response.status, body: await response.json() }
}
for (let tries = 0; ; tries++) {
  try {
    if ((await fetch(`${origin}${operations["meta.health"]}`)).ok) break
  } catch {}
  if (tries > 600) {
    console.error("dashboard: the worker did not start")
    await stop(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 100))
}

// Three syncs: 45% compliant, then 55%, then 65%, so the chart shows findings going down.
for (const [step, share] of [[1, 45], [2, 55], [3, 65]]) {
  await comply((i) => i % 20 < share / 5)
  const { status, body } = await api("POST", operations["syncs.start"])
  if (status !== 200) {
    console.error(`dashboard: sync ${step} answered ${status}: ${JSON.stringify(body)}`)
    await stop(1)
  }
  console.log(`dashboard: sync ${step} of 3: ${body.sync.accounts_seen} accounts`)
}

console.log(`
Dashboard: ${origin}/
Sign in with the admin token: ${adminToken}
(it stays in the tab's session storage; in production the page sits behind Cloudflare Access,
set ACCESS_TEAM_DOMAIN and ACCESS_AUD). Emulator: ${emulator.url}. Ctrl-C stops everything.`)
