// `pnpm tour`: a guided run of the command line against a local emulator.
// Starts the emulator on a free port, runs the bundled CLI for each operation
// (showing the command, its output and its exit code), stops the emulator, and
// exits non-zero if any step did not behave as expected. The emulator's batch move
// answers "Not implemented", as Cloudflare's reference says, to show the fallback.
import { spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const cli = here("../dist/cf-accounts.js")
const emulatorBin = here("../../../packages/emulator/dist/bin.js")
const color = process.stdout.isTTY && !process.env.NO_COLOR
const bold = (s) => (color ? `\u001b[1m${s}\u001b[0m` : s)
const dim = (s) => (color ? `\u001b[2m${s}\u001b[0m` : s)
const red = (s) => (color ? `\u001b[31m${s}\u001b[0m` : s)

const startEmulator = async () => {
  const child = spawn(process.execPath, [emulatorBin, "--port", "0", "--seed", "7", "--seed-accounts", "12", "--batch-move", "not-implemented"], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  const lines = createInterface({ input: child.stdout })
  const first = await Promise.race([
    once(lines, "line").then(([line]) => line),
    once(child, "exit").then(([code]) => {
      throw new Error(`the emulator exited with code ${code} before it was ready`)
    })
  ])
  const match = /^cf-accounts emulator listening on (http:\/\/\S+)$/.exec(first)
  if (!match) throw new Error(`unexpected first line from the emulator: ${first}`)
  lines.on("line", () => {}) // keep draining its output
  return { url: match[1], child }
}

const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)

const run = async (env, args) => {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (d) => {
    stdout += d
  })
  child.stderr.on("data", (d) => {
    stderr += d
  })
  const [code] = await once(child, "close")
  return { code, stdout, stderr }
}

let failures = 0
const step = async (env, title, args, { exit = 0, check } = {}) => {
  console.log(`\n${bold(`# ${title}`)}`)
  console.log(bold(`$ cf-accounts ${args.map(quote).join(" ")}`))
  const result = await run(env, args)
  if (result.stdout) process.stdout.write(result.stdout)
  if (result.stderr) process.stdout.write(dim(result.stderr))
  const problems = []
  if (result.code !== exit) problems.push(`exit code ${result.code}, expected ${exit}`)
  const complaint = check?.(result)
  if (typeof complaint === "string") problems.push(complaint)
  if (problems.length > 0) {
    failures++
    console.log(red(`✗ ${problems.join("; ")}`))
  } else {
    console.log(dim(`(exit ${result.code})`))
  }
  return result
}

const json = (text) => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

const { url, child } = await startEmulator()
const origin = new URL(url).origin
console.log(bold(`emulator listening on ${url}`))
const env = { ...process.env, CLOUDFLARE_BASE_URL: url, CLOUDFLARE_API_TOKEN: "emulator-token", NO_COLOR: "1" }
delete env.CLOUDFLARE_API_KEY
delete env.CLOUDFLARE_EMAIL
delete env.CLOUDFLARE_API_USER_SERVICE_KEY

try {
  const organizations = (await (await fetch(`${origin}/__emulator/organizations`)).json()).organizations
  const destination = organizations.find((o) => o.parent_id !== null) ?? organizations[0]

  const created = await step(env, "Create an account (json output)", ["create", "--name", "Tour Co", "-o", "json"], {
    check: (r) => (json(r.stdout)?.name === "Tour Co" ? undefined : "stdout is not the new account")
  })
  const id = json(created.stdout)?.id ?? "00000000000000000000000000000000"

  await step(env, "List one page (table)", ["list", "--per-page", "5", "-o", "table"], {
    check: (r) => (r.stdout.split("\n").filter((l) => /^[0-9a-f]{32} /.test(l)).length === 5 ? undefined : "expected 5 rows")
  })
  await step(env, "Every account, one JSON object per line", ["list", "--all", "-o", "ndjson"], {
    check: (r) => (r.stdout.trim().split("\n").length === 13 ? undefined : "expected 13 lines (12 seeded + 1 created)")
  })
  await step(env, "Get it", ["get", id, "-o", "table"], {
    check: (r) => (r.stdout.includes("Tour Co") ? undefined : "the name is missing")
  })
  await step(env, "Update: only what is given changes", ["update", id, "--name", "Tour Co (renamed)", "--enforce-twofactor", "true", "-o", "table"], {
    check: (r) => (r.stdout.includes("Tour Co (renamed)") && /enforce_twofactor\s+true/.test(r.stdout) ? undefined : "the change is not shown")
  })
  await step(env, "Dry run: print the request, send nothing", ["move", id, "--to", destination.id, "--dry-run", "-o", "json"], {
    check: (r) => (json(r.stdout)?.method === "POST" && !r.stdout.includes("emulator-token") ? undefined : "unexpected dry run output")
  })
  await step(env, `Move it to ${destination.name}`, ["move", id, "--to", destination.id, "-o", "table"], {
    check: (r) => (r.stdout.includes(destination.id) ? undefined : "the destination is missing")
  })
  await step(env, "Its organizations", ["organizations", id, "-o", "table"], {
    check: (r) => (r.stdout.includes(destination.id) ? undefined : "the destination organization is missing")
  })
  const others = (
    await (await fetch(`${url}/accounts?per_page=5`, { headers: { authorization: "Bearer emulator-token" } })).json()
  ).result
    .map((a) => a.id)
    .filter((other) => other !== id)
    .slice(0, 2)
  const root = organizations[0]
  await step(env, `Batch move two accounts to ${root.name} (the batch endpoint is not implemented: one move each)`, ["batch-move", "--to", root.id, ...others, "-o", "table"], {
    check: (r) =>
      others.every((other) => new RegExp(`^${other}\\s+yes`, "m").test(r.stdout)) && r.stderr.includes("single-move endpoint")
        ? undefined
        : "not every account is reported moved, or the fallback is not announced"
  })
  await step(env, "Set its business profile", [
    "profile", "set", id,
    "--business-name", "Tour Co Ltd", "--business-email", "ops@tour.example",
    "--business-phone", "+1 555 0100", "--business-address", "1 Tour Street", "--external-metadata", "tier=gold"
  ])
  await step(env, "Read it back", ["profile", "get", id, "-o", "table"], {
    check: (r) => (r.stdout.includes("ops@tour.example") ? undefined : "the profile was not saved")
  })
  // Accounts and policy as code: one file says what the fleet must be.
  const folder = mkdtempSync(join(tmpdir(), "cf-accounts-tour-"))
  const file = join(folder, "cf-accounts.yaml")
  writeFileSync(
    file,
    [
      "policy:",
      "  enforce_twofactor: true",
      "accounts:",
      "  - name: Tour Staging",
      "    settings: { enforce_twofactor: true }",
      ""
    ].join("\n")
  )
  try {
    await step(env, "Audit the fleet against the policy file (exit 7: findings)", ["audit", "-f", file, "-o", "table"], { exit: 7 })
    await step(env, "Plan: what apply would change (exit 8: changes pending)", ["plan", "-f", file, "-o", "table"], {
      exit: 8,
      check: (r) => (r.stdout.includes("+ create Tour Staging") ? undefined : "the declared account is not planned")
    })
    await step(env, "Apply it", ["apply", "-f", file, "--yes", "-o", "table"])
    await step(env, "Plan again: nothing left to do (exit 0)", ["plan", "-f", file, "-o", "table"])
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  await step(env, "Delete without --yes and without a terminal: refused, nothing sent", ["delete", id], { exit: 2 })
  await step(env, "Delete it", ["delete", id, "--yes", "-o", "table"])
  await step(env, "A failure: it is gone (exit 4)", ["get", id], {
    exit: 4,
    check: (r) => (r.stderr.includes("404") ? undefined : "stderr does not say 404")
  })
  await step(env, "Bad input is caught before anything is sent (exit 2)", ["get", "not-an-account-id"], { exit: 2 })
} finally {
  child.kill("SIGTERM")
  await once(child, "exit")
}

if (failures > 0) {
  console.error(red(`\n${failures} step(s) did not behave as expected`))
  process.exit(1)
}
console.log(bold("\nTour complete: every step behaved as expected. The same commands work against the real API with CLOUDFLARE_API_TOKEN set."))
