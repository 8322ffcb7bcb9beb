#!/usr/bin/env node
// Local run without a Cloudflare account: starts the accounts emulator on 127.0.0.1, applies
// the D1 migrations to the local database, then runs `wrangler dev` (local D1 and Queues)
// with CLOUDFLARE_BASE_URL pointing at the emulator. Ctrl-C stops both.
//
//   pnpm --filter @cf-accounts/worker dev
//
// Environment: EMULATOR_PORT (default 0: a free port), EMULATOR_SEED_ACCOUNTS (default 250),
// WORKER_PORT (default 8787), ADMIN_TOKEN (default "dev-admin-token"), BUDGET_REQUESTS (default 600
// per 5 minutes, as deployed; 0 turns the shared budget off).
import { spawn, spawnSync } from "node:child_process"
import { dirname, join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
// Built by scripts/run-built.mjs: the worker (and so the dashboard's files, which wrangler.jsonc
// `assets` needs) and what it depends on.
const emulatorBin = join(root, "node_modules", "@cf-accounts", "emulator", "dist", "bin.js")
// Run wrangler with this Node (wrangler needs 22.12 or later; the system one may be older).
const wranglerJs = join(root, "node_modules", "wrangler", "bin", "wrangler.js")
const adminToken = process.env.ADMIN_TOKEN ?? "dev-admin-token"
const workerPort = process.env.WORKER_PORT ?? "8787"
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" }

const emulator = spawn(
  process.execPath,
  [
    emulatorBin,
    "--port",
    process.env.EMULATOR_PORT ?? "0",
    "--seed-accounts",
    process.env.EMULATOR_SEED_ACCOUNTS ?? "250"
  ],
  { stdio: ["ignore", "pipe", "inherit"] }
)

const children = [emulator]
const stop = (code) => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM")
  process.exitCode = code
}
process.on("SIGINT", () => stop(0))
process.on("SIGTERM", () => stop(0))
emulator.on("exit", (code) => stop(code ?? 1))

const lines = createInterface({ input: emulator.stdout })
const baseUrl = await new Promise((resolve, reject) => {
  lines.once("line", (line) => {
    const match = /^cf-accounts emulator listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)$/.exec(line)
    match === null ? reject(new Error(`unexpected emulator output: ${line}`)) : resolve(match[1])
  })
  emulator.once("exit", () => reject(new Error("the emulator exited before it was ready")))
})
lines.on("line", (line) => console.log(`[emulator] ${line}`))
console.log(`[dev] emulator: ${baseUrl} (token emulator-token)`)

const migrate = spawnSync(process.execPath, [wranglerJs, "d1", "migrations", "apply", "cf-accounts", "--local"], {
  cwd: root,
  env,
  stdio: "inherit"
})
if (migrate.status !== 0) {
  stop(migrate.status ?? 1)
} else {
  console.log(`[dev] worker: http://127.0.0.1:${workerPort} (admin token ${adminToken})`)
  const dev = spawn(
    process.execPath,
    [
      wranglerJs,
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      workerPort,
      "--test-scheduled",
      "--var",
      `CLOUDFLARE_BASE_URL:${baseUrl}`,
      "--var",
      "CLOUDFLARE_API_TOKEN:emulator-token",
      "--var",
      `ADMIN_TOKEN:${adminToken}`,
      "--var",
      "RETRY_BASE_DELAY_SECONDS:1",
      "--var",
      `BUDGET_REQUESTS:${process.env.BUDGET_REQUESTS ?? "600"}`
    ],
    { cwd: root, env, stdio: "inherit" }
  )
  children.push(dev)
  dev.on("exit", (code) => stop(code ?? 0))
}
