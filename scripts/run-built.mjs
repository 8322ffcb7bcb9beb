#!/usr/bin/env node
// Runs a workspace program after turbo has built it, so README commands work on a fresh clone:
//
//   node scripts/run-built.mjs <turbo filter> <file> [args...]
//
// The build is quiet: turbo's output is shown (on stderr) only when it fails, so the program's
// stdout stays clean for pipes (`pnpm -s cf-accounts list -o ndjson | jq`). A cached build takes
// about a second. The program runs on this Node with the rest of the arguments; its exit code is ours.
import { spawn, spawnSync } from "node:child_process"
import { resolve } from "node:path"

const [filter, file, ...args] = process.argv.slice(2)
if (filter === undefined || file === undefined) {
  console.error("usage: node scripts/run-built.mjs <turbo filter> <file> [args...]")
  process.exit(2)
}

const build = spawnSync("turbo", ["run", "build", `--filter=${filter}`, "--output-logs=errors-only"], {
  encoding: "utf8",
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  maxBuffer: 64 * 1024 * 1024
})
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}`)
  console.error(`building ${filter} failed${build.error ? `: ${build.error.message}` : ""}`)
  process.exit(build.status ?? 1)
}

const child = spawn(process.execPath, [resolve(file), ...args], { stdio: "inherit" })
// Ctrl-C reaches the program too (same process group): let it stop itself and exit with it.
process.on("SIGINT", () => {})
process.on("SIGTERM", () => child.kill("SIGTERM"))
child.on("exit", (code, signal) => {
  if (signal !== null) process.kill(process.pid, signal)
  else process.exit(code ?? 1)
})
