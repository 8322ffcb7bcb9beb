#!/usr/bin/env node
// The release test: what a user gets from the registry, checked the way a user gets it.
//
// 1. Starts Verdaccio on 127.0.0.1 (a throwaway registry in a temporary folder). Its only uplink is
//    the registry npm is configured with (`npm config get registry`, read now, never written into
//    the repository); `@cf-accounts/*` is never proxied, so nothing of ours is read from or sent to it.
// 2. Publishes every public package to it with `changeset publish` (what `pnpm release` runs, so
//    `workspace:` and `catalog:` are rewritten by pnpm), after checking that the registry pnpm would
//    publish to is the local one. Checks that the pending changesets version every package to 0.1.0.
// 3. In fresh temporary projects: installs the library with npm and with pnpm as the READMEs say,
//    type-checks a consumer with TypeScript 5.9 under `nodenext` and `bundler` resolution, loads it
//    with require(), runs an Effect program and a Promise program against the published emulator.
// 4. Installs the CLI globally (into a temporary prefix) and runs `cf-accounts` from PATH.
// 5. Runs the root README's in-repository commands (`pnpm -s emulator`, `pnpm cf-accounts`,
//    `pnpm --filter @cf-accounts/worker dev`, the Quick look's shell block) verbatim in a fresh
//    clone of the committed tree (installed through the local registry, which fetches what pnpm's store
//    lacks from the uplink), where nothing is built yet. The clone's install is a must: when it fails,
//    the run stops there instead of running the README's commands on a half-installed clone.
//
// npm and pnpm get caches of their own in the temporary folder, so the run does not depend on what
// earlier runs left in the user's caches (pnpm's store of tarballs is shared: it is keyed by content).
//
// Ends with `release: N passed, M failed`. Everything it starts listens on 127.0.0.1 and is stopped.
import { execFileSync, spawn } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { delimiter, dirname, join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const repo = join(here, "..", "..")
const fixtures = join(here, "fixtures")
const keep = process.env.RELEASE_TEST_KEEP === "1"
const tmp = mkdtempSync(join(tmpdir(), "cf-accounts-release-"))
const started = Date.now()
const children = new Set()
let passed = 0
let failed = 0

const log = (line) => console.log(`[release] ${line}`)

const finish = (code) => {
  if (failed > 0 && verdaccioOutput !== "") log(`verdaccio said:\n${verdaccioOutput.slice(-3000)}`)
  for (const child of children) child.kill("SIGTERM")
  if (!keep) rmSync(tmp, { recursive: true, force: true })
  else log(`kept ${tmp}`)
  log(`took ${Math.round((Date.now() - started) / 1000)} s`)
  console.log(`release: ${passed} passed, ${failed} failed`)
  process.exit(code ?? (failed === 0 ? 0 : 1))
}
process.on("SIGINT", () => finish(130))
process.on("SIGTERM", () => finish(143))

/** Runs one named check; a failure is counted and printed, and the run goes on. Resolves with whether it passed. */
const check = async (name, body) => {
  const t0 = Date.now()
  try {
    await body()
    passed++
    log(`ok   ${name} (${Date.now() - t0} ms)`)
    return true
  } catch (error) {
    failed++
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ""
    log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}${cause}`)
    return false
  }
}
/** A step the following checks need: its failure ends the run there, so no later check fails for its sake. */
const must = async (name, body) => {
  if (await check(name, body)) return
  log(`stopped: the checks after "${name}" need it`)
  finish(1)
}

const assert = (condition, message) => {
  if (!condition) throw new Error(message)
}

const readme = readFileSync(join(repo, "README.md"), "utf8")
/** The commands this test runs as a user would are the README's: fail when the README says otherwise. */
const readmeHas = (text) => assert(readme.includes(text), `the root README no longer says ${JSON.stringify(text)}`)

/** GET from the local registry; one retry for a pooled connection the server closed meanwhile. */
const get = (url) => fetch(url).catch(() => fetch(url))

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

// Node 24 (the one running this) first on PATH, for every child and for `#!/usr/bin/env node` bins.
const basePath = [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter)

/** Runs a command to completion; its output is returned, or shown in the error when it fails. */
const run = (command, args, options = {}) => {
  try {
    return execFileSync(command, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeout ?? 240_000,
      maxBuffer: 64 * 1024 * 1024,
      ...options,
      env: { ...env(), ...options.env }
    })
  } catch (error) {
    const out = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim().split("\n").slice(-25).join("\n")
    throw new Error(`${command} ${args.join(" ")} exited ${error.status ?? error.signal}\n${out}`)
  }
}

/** Starts a long-running command and resolves with the first stdout line matching `ready`. */
const start = (command, args, ready, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      ...options,
      env: { ...env(), ...options.env }
    })
    children.add(child)
    let output = ""
    const timer = setTimeout(() => {
      reject(new Error(`${command} ${args.join(" ")} was not ready in time:\n${output.slice(-2000)}`))
    }, options.timeout ?? 120_000)
    child.stderr.on("data", (chunk) => {
      output += chunk
    })
    createInterface({ input: child.stdout }).on("line", (line) => {
      output += `${line}\n`
      const match = ready.exec(line)
      if (match !== null) {
        clearTimeout(timer)
        resolve({ child, match, output: () => output })
      }
    })
    child.once("exit", (code, signal) => {
      children.delete(child)
      clearTimeout(timer)
      reject(new Error(`${command} ${args.join(" ")} exited ${code ?? signal} before it was ready:\n${output.slice(-2000)}`))
    })
  })

/** Stops a started process and everything it started (its process group). */
const stop = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {
      child.kill("SIGTERM")
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {}
    }, 5_000).unref()
  })

// ---------------------------------------------------------------------------------------------
// 1. The registry.

// Read before anything points npm elsewhere: the user's (or CI's) registry becomes the uplink.
const uplink = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8", cwd: tmp }).trim()
assert(/^https?:\/\//.test(uplink), `npm config get registry printed ${JSON.stringify(uplink)}`)
const port = await freePort()
const registry = `http://127.0.0.1:${port}/`
const npmrc = join(tmp, "npmrc")
const npmCache = join(tmp, "npm-cache")
const pnpmCache = join(tmp, "pnpm-cache")

/** The environment of every child: npm and pnpm see the local registry and nothing else. */
function env() {
  return {
    ...process.env,
    PATH: basePath,
    CI: "true",
    npm_config_userconfig: npmrc,
    npm_config_registry: registry,
    npm_config_cache: npmCache,
    // pnpm's metadata cache (keyed by registry URL, and the local registry's port is new every run).
    PNPM_CONFIG_CACHE_DIR: pnpmCache,
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    WRANGLER_SEND_METRICS: "false",
    TURBO_TELEMETRY_DISABLED: "1",
    TURBO_NO_UPDATE_NOTIFIER: "1",
    NO_UPDATE_NOTIFIER: "1",
    DO_NOT_TRACK: "1"
  }
}

const verdaccioConfig = join(tmp, "verdaccio.yaml")
writeFileSync(
  verdaccioConfig,
  [
    `storage: ${join(tmp, "storage")}`,
    "auth:",
    "  htpasswd:",
    `    file: ${join(tmp, "htpasswd")}`,
    "uplinks:",
    "  upstream:",
    `    url: ${uplink}`,
    "    timeout: 60s",
    "packages:",
    "  '@cf-accounts/*':",
    "    access: $all",
    "    publish: $authenticated",
    "  '**':",
    "    access: $all",
    "    publish: $authenticated",
    "    proxy: upstream",
    "web:",
    "  enable: false",
    // Longer than undici's keep-alive, so a pooled connection is not closed under a request.
    "server:",
    "  keepAliveTimeout: 60",
    "log: { type: stdout, format: pretty, level: warn }",
    ""
  ].join("\n")
)
writeFileSync(npmrc, `registry=${registry}\n`)

let verdaccioOutput = ""
await must("verdaccio starts on 127.0.0.1", async () => {
  const bin = join(here, "node_modules", "verdaccio", "bin", "verdaccio")
  const child = spawn(process.execPath, [bin, "--config", verdaccioConfig, "--listen", `127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, PATH: basePath }
  })
  children.add(child)
  child.stdout.on("data", (c) => {
    verdaccioOutput += c
  })
  child.stderr.on("data", (c) => {
    verdaccioOutput += c
  })
  child.once("exit", (code, signal) => {
    children.delete(child)
    log(`verdaccio exited ${code ?? signal}`)
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited ${child.exitCode}:\n${verdaccioOutput}`)
    const ok = await fetch(`${registry}-/ping`).then(
      (r) => r.ok,
      () => false
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`verdaccio did not answer:\n${verdaccioOutput}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  // A user for publishing; the token goes into the temporary npmrc only.
  const response = await fetch(`${registry}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: "release-test-only", type: "user", roles: [] })
  })
  const body = await response.json()
  assert(typeof body.token === "string", `adding a user answered ${response.status}`)
  writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${body.token}\n`)
})
log(`registry ${registry} (uplink ${uplink})`)

// ---------------------------------------------------------------------------------------------
// 2. Publish.

const published = ["@cf-accounts/core", "@cf-accounts/client", "@cf-accounts/policy", "@cf-accounts/emulator", "@cf-accounts/cli"]
const publicPackages = ["packages/core", "packages/client", "packages/policy", "packages/emulator", "apps/cli"]

await check("pending changesets version every package to 0.1.0 (changeset status)", async () => {
  const out = join(tmp, "changeset-status.json")
  run("pnpm", ["exec", "changeset", "status", `--output=${out}`], { cwd: repo })
  const { releases } = JSON.parse(readFileSync(out, "utf8"))
  for (const name of published) {
    const release = releases.find((r) => r.name === name)
    assert(release !== undefined, `${name} has no pending release`)
    assert(release.newVersion === "0.1.0", `${name} would become ${release.newVersion}, not 0.1.0`)
  }
})

await must("the packages are built (turbo)", async () => {
  const filters = published.flatMap((name) => ["--filter", name])
  run("pnpm", ["exec", "turbo", "run", "build", ...filters, "--output-logs=errors-only"], { cwd: repo })
})

await must("pnpm publishes to the local registry, not another", async () => {
  for (const dir of publicPackages) {
    const configured = run("pnpm", ["config", "get", "registry"], { cwd: join(repo, dir) }).trim()
    assert(configured.replace(/\/?$/, "/") === registry, `pnpm would publish ${dir} to ${configured}`)
  }
})

await must("changeset publish (what `pnpm release` runs) publishes every public package", async () => {
  run("pnpm", ["exec", "changeset", "publish", "--no-git-tag"], { cwd: repo })
  for (const name of published) {
    const response = await get(`${registry}${name.replace("/", "%2f")}`)
    assert(response.ok, `${name} is not on the registry (${response.status})`)
    const manifest = await response.json()
    const version = manifest["dist-tags"]?.latest
    const pkg = manifest.versions[version]
    const text = JSON.stringify(pkg)
    assert(!/workspace:|catalog:/.test(text), `${name} was published with workspace:/catalog: specifiers`)
    assert(pkg.license === "MIT", `${name} has license ${pkg.license}`)
  }
})

await check("tarballs: LICENSE, no build info, no dangling source maps, exports with default", async () => {
  for (const name of published) {
    const manifest = await (await get(`${registry}${name.replace("/", "%2f")}`)).json()
    const pkg = manifest.versions[manifest["dist-tags"].latest]
    const tgz = join(tmp, `${name.replace("/", "-")}.tgz`)
    writeFileSync(tgz, Buffer.from(await (await get(pkg.dist.tarball)).arrayBuffer()))
    const files = run("tar", ["tzf", tgz]).trim().split("\n")
    assert(files.includes("package/LICENSE"), `${name}: no LICENSE`)
    assert(!files.some((f) => f.includes("tsbuildinfo")), `${name}: ships build info`)
    for (const map of files.filter((f) => f.endsWith(".map"))) {
      const source = JSON.parse(run("tar", ["xzfO", tgz, map])).sources
      for (const s of source) {
        const target = join(dirname(map), s)
        assert(files.includes(target), `${name}: ${map} points at ${s}, which is not shipped`)
      }
    }
    for (const [key, value] of Object.entries(pkg.exports ?? {})) {
      if (value === null || typeof value === "string") continue
      assert(value.types && value.import && value.default, `${name}: exports["${key}"] lacks types/import/default`)
    }
    assert(pkg.publishConfig?.access === "public", `${name}: publishConfig.access is not public`)
  }
})

// ---------------------------------------------------------------------------------------------
// 3. Library users.

const emulatorUrl = { value: "" }

/** A fresh project with the fixtures (consumer code, tsconfigs) copied in. */
const project = (name) => {
  const dir = join(tmp, name)
  mkdirSync(dir, { recursive: true })
  cpSync(fixtures, dir, { recursive: true })
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, private: true, type: "module" }, null, 2)}\n`)
  return dir
}

const consumerChecks = async (tool, dir) => {
  for (const resolution of ["nodenext", "bundler"]) {
    await check(`${tool}: TypeScript 5.9 type-checks the consumer (${resolution})`, async () => {
      const version = run(process.execPath, [join(dir, "node_modules", "typescript", "bin", "tsc"), "--version"], {
        cwd: dir
      })
      assert(version.includes("5.9"), `tsc is ${version.trim()}`)
      run(process.execPath, [join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${resolution}.json`], {
        cwd: dir
      })
    })
  }
  await check(`${tool}: require() loads core and client`, async () => {
    const out = run(
      process.execPath,
      [
        "-e",
        'const c = require("@cf-accounts/client"); const k = require("@cf-accounts/core"); console.log(typeof c.AccountsClient.layerConfig, typeof k.CloudflareError)'
      ],
      { cwd: dir }
    )
    assert(out.trim() === "function object", `require() gave ${out.trim()}`)
  })
  const programEnv = { CLOUDFLARE_BASE_URL: emulatorUrl.value, CLOUDFLARE_API_TOKEN: "emulator-token" }
  await check(`${tool}: an Effect program runs against the emulator`, async () => {
    const out = run(process.execPath, ["effect-program.ts"], { cwd: dir, env: programEnv })
    assert(/^effect: created .+, \d+ accounts$/m.test(out), `printed ${out.trim()}`)
  })
  await check(`${tool}: a Promise program runs against the emulator (createAccountsClient() reads the environment)`, async () => {
    const out = run(process.execPath, ["promise-program.ts"], { cwd: dir, env: programEnv })
    assert(/^promise: \d+ accounts, NotFoundError$/m.test(out), `printed ${out.trim()}`)
  })
}

let emulator
await check("npm: npm install @cf-accounts/client (peers come along), --save-dev @cf-accounts/emulator", async () => {
  const dir = project("npm-consumer")
  readmeHas("npm install @cf-accounts/client ")
  run("npm", ["install", "@cf-accounts/client"], { cwd: dir })
  readmeHas("npm install --save-dev @cf-accounts/emulator ")
  // TypeScript 5.9 for the type-checks below, in the same install to save a resolution.
  run("npm", ["install", "--save-dev", "@cf-accounts/emulator", "typescript@5.9"], { cwd: dir })
  const effect = JSON.parse(readFileSync(join(dir, "node_modules", "effect", "package.json"), "utf8")).version
  assert(effect.startsWith("3."), `npm installed effect ${effect}`)
  const copies = run("npm", ["ls", "effect", "--all", "--parseable"], { cwd: dir }).trim().split("\n")
  assert(new Set(copies).size === 1, `npm installed effect more than once:\n${copies.join("\n")}`)
  // The emulator from the published package, on a free port of 127.0.0.1.
  readmeHas("npx cf-accounts-emulator --port 8788")
  emulator = await start(
    "npx",
    ["cf-accounts-emulator", "--port", "0", "--seed-accounts", "120"],
    /^cf-accounts emulator listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)$/,
    { cwd: dir }
  )
  emulatorUrl.value = emulator.match[1]
  log(`emulator ${emulatorUrl.value}`)
})
if (emulatorUrl.value !== "") await consumerChecks("npm", join(tmp, "npm-consumer"))

await check(
  "pnpm: pnpm add @cf-accounts/client @cf-accounts/core effect@^3.22 @effect/platform@^0.97 (one copy of effect)",
  async () => {
    const dir = project("pnpm-consumer")
    // What the README tells pnpm users: decide msgpackr-extract's build (an optional speed-up).
    writeFileSync(join(dir, "pnpm-workspace.yaml"), "allowBuilds:\n  msgpackr-extract: false\n")
    writeFileSync(join(dir, ".npmrc"), `registry=${registry}\n`)
    readmeHas("msgpackr-extract: false")
    readmeHas("pnpm add @cf-accounts/client @cf-accounts/core effect@^3.22 @effect/platform@^0.97\n")
    run("pnpm", ["add", "@cf-accounts/client", "@cf-accounts/core", "effect@^3.22", "@effect/platform@^0.97"], { cwd: dir })
    run("pnpm", ["add", "--save-dev", "typescript@5.9"], { cwd: dir })
    const copies = readdirSync(join(dir, "node_modules", ".pnpm")).filter((name) => name.startsWith("effect@"))
    assert(copies.length === 1, `pnpm installed ${copies.join(", ")}`)
  }
)
if (emulatorUrl.value !== "") await consumerChecks("pnpm", join(tmp, "pnpm-consumer"))

// ---------------------------------------------------------------------------------------------
// 4. CLI users.

await check("cli: npm install --global @cf-accounts/cli; cf-accounts --version and list from PATH", async () => {
  const prefix = join(tmp, "global")
  readmeHas("npm install --global @cf-accounts/cli\n")
  readmeHas("cf-accounts --version\n")
  readmeHas("cf-accounts list ")
  run("npm", ["install", "--global", "--prefix", prefix, "@cf-accounts/cli"], { cwd: tmp })
  const path = [join(prefix, "bin"), basePath].join(delimiter)
  const version = run("cf-accounts", ["--version"], { cwd: tmp, env: { PATH: path } }).trim()
  const expected = JSON.parse(readFileSync(join(repo, "apps", "cli", "package.json"), "utf8")).version
  assert(version.includes(expected), `cf-accounts --version printed ${version}`)
  const list = run("cf-accounts", ["list", "--all", "-o", "ndjson"], {
    cwd: tmp,
    env: { PATH: path, CLOUDFLARE_BASE_URL: emulatorUrl.value, CLOUDFLARE_API_TOKEN: "emulator-token" }
  })
  const lines = list.trim().split("\n")
  assert(lines.length >= 120, `cf-accounts list --all printed ${lines.length} lines`)
  assert(typeof JSON.parse(lines[0]).id === "string", `first line ${lines[0]}`)
  const page = run("cf-accounts", ["list"], {
    cwd: tmp,
    env: { PATH: path, CLOUDFLARE_BASE_URL: emulatorUrl.value, CLOUDFLARE_API_TOKEN: "emulator-token" }
  })
  assert(Array.isArray(JSON.parse(page)), `cf-accounts list printed ${page.slice(0, 200)}`)
})

if (emulator !== undefined) await stop(emulator.child)

// ---------------------------------------------------------------------------------------------
// 5. The root README's commands, verbatim, in a fresh clone: nothing built, an empty turbo cache.

const clone = join(tmp, "clone")
// Online, against the local registry: pnpm checks a lockfile's entries against its supply-chain policy
// (release age) with the registry's metadata before it installs, so an offline install works only
// where an earlier run left that metadata in the cache. Tarballs the store has are not downloaded again.
await must("readme: a fresh clone installs (pnpm install --frozen-lockfile, through the local registry)", async () => {
  run("git", ["clone", "--quiet", repo, clone])
  run("pnpm", ["install", "--frozen-lockfile"], { cwd: clone, timeout: 900_000 })
})

await check("readme: pnpm -s emulator --port 8788 --seed-accounts 1000 (builds first)", async () => {
  readmeHas("pnpm -s emulator --port 8788 --seed-accounts 1000")
  const port = await freePort()
  const started = await start(
    "pnpm",
    ["-s", "emulator", "--port", String(port), "--seed-accounts", "1000"],
    /^export CLOUDFLARE_BASE_URL=(\S+) CLOUDFLARE_API_TOKEN=emulator-token$/,
    { cwd: clone }
  )
  assert(started.output().includes(`cf-accounts emulator listening on http://127.0.0.1:${port}/client/v4\n`), started.output())
  await stop(started.child)
})

await check("readme: the Quick look's shell block, verbatim but for the emulator's port", async () => {
  const section = readme.slice(readme.indexOf("## Quick look"))
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1]
  assert(block !== undefined && block.includes("pnpm cf-accounts list"), "no shell block under Quick look")
  const emulator = await start(
    "pnpm",
    ["-s", "emulator", "--port", "0", "--seed-accounts", "5"],
    /^cf-accounts emulator listening on http:\/\/127\.0\.0\.1:(\d+)\/client\/v4$/,
    { cwd: clone }
  )
  try {
    const script = `set -euo pipefail\n${block.replaceAll("127.0.0.1:8788", `127.0.0.1:${emulator.match[1]}`)}`
    const out = run("bash", ["-c", script], { cwd: clone })
    const names = out.trim().split("\n")
    assert(names.length >= 6, `printed ${out}`)
    assert(out.includes("dry run") || out.includes("PUT"), `the dry run printed ${out}`)
  } finally {
    await stop(emulator.child)
  }
})

await check("readme: pnpm cf-accounts --version, and list against the emulator (builds first)", async () => {
  const version = run("pnpm", ["cf-accounts", "--version"], { cwd: clone }).trim()
  const expected = JSON.parse(readFileSync(join(clone, "apps", "cli", "package.json"), "utf8")).version
  assert(version === expected, `printed ${version}`)
  const emulator = await start(
    "pnpm",
    ["-s", "emulator", "--port", "0", "--seed-accounts", "3"],
    /^cf-accounts emulator listening on (\S+)$/,
    { cwd: clone }
  )
  try {
    const list = run("pnpm", ["cf-accounts", "list", "-o", "json"], {
      cwd: clone,
      env: { CLOUDFLARE_BASE_URL: emulator.match[1], CLOUDFLARE_API_TOKEN: "emulator-token" }
    })
    assert(JSON.parse(list).length === 3, `printed ${list}`)
  } finally {
    await stop(emulator.child)
  }
})

await check("readme: pnpm --filter @cf-accounts/worker dev (builds first, answers GET /v1/health)", async () => {
  readmeHas("pnpm --filter @cf-accounts/worker dev")
  const workerPort = await freePort()
  const dev = await start("pnpm", ["--filter", "@cf-accounts/worker", "dev"], /Ready on (http:\/\/127\.0\.0\.1:\d+)/, {
    cwd: clone,
    env: { WORKER_PORT: String(workerPort) },
    timeout: 180_000
  })
  try {
    const response = await fetch(`http://127.0.0.1:${workerPort}/v1/health`)
    assert(response.status === 200, `GET /v1/health answered ${response.status}`)
  } finally {
    await stop(dev.child)
  }
})

await check("readme: pnpm tour (the Set up's main job)", async () => {
  readmeHas("pnpm install && pnpm tour")
  const out = run("pnpm", ["tour"], { cwd: clone })
  assert(out.includes("Tour complete"), `the tour printed ${out.slice(-500)}`)
})

// Last: it rewrites the clone's package.json files.
await check("readme: pnpm version-packages versions every package to 0.1.0, not 1.0.0", async () => {
  readmeHas("run `pnpm version-packages` first")
  run("pnpm", ["version-packages"], { cwd: clone })
  for (const dir of [...publicPackages, "apps/worker"]) {
    const { name, version } = JSON.parse(readFileSync(join(clone, dir, "package.json"), "utf8"))
    assert(version === "0.1.0", `${name} became ${version}`)
  }
})

finish()
