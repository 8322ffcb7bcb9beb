/**
 * Worker benchmark: wall time of inventory syncs of 5,000 and 20,000 emulator accounts in
 * Miniflare (the built `dist/index.js`, as the tests run it), and the bundle's size, with
 * what each layer of the stack adds to it.
 *
 *   pnpm --filter @cf-accounts/worker bench [-- --sizes 5000,20000]
 *   pnpm --filter @cf-accounts/worker bench -- --bundle-only
 *
 * Per size: an inline sync (one invocation), a re-sync after 1% of the accounts were
 * deleted upstream (each deletion confirmed with a GET), and a fanned-out sync over the
 * sync queue (`SYNC_FANOUT_THRESHOLD` 2000, 10 pages per message) on a fresh database.
 * Sizes above 20,000 run the fleet-scale scenarios instead (`bench/scale.ts`: every invocation
 * metered, beside the platform limits it must stay under; `--window 30` compresses the paced
 * sync's 300 s budget windows). Figures depend on the machine and its load; compare runs on the
 * same machine.
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { gzipSync } from "node:zlib"
import { startEmulator } from "@cf-accounts/emulator/start"
import {
  admin,
  cloudflare,
  type Emulator,
  emulatorAccounts,
  eventually,
  routeStats,
  startWorker,
  type TestWorker
} from "../test/support/Harness.ts"
import * as Scale from "./scale.ts"

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    sizes: { type: "string", default: "5000,20000" },
    "bundle-only": { type: "boolean", default: false },
    // Seconds per budget window in the paced scale scenario (300 on the platform).
    window: { type: "string", default: "30" }
  }
})
const SIZES = values["bundle-only"] === true ? [] : (values.sizes ?? "").split(",").map(Number)
/**
 * The bundle's goal, gzip bytes, printed beside the figure (not enforced): well inside a Worker's
 * own limit (megabytes), with room left for the policy engine.
 */
const BUNDLE_GOAL_GZIP = 200 * 1024
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..")

interface Row {
  readonly accounts: number
  readonly scenario: string
  readonly ms: number
  readonly listRequests: number
  readonly getRequests: number
  readonly deleted: number
}

const rows: Array<Row> = []

const requests = async (emulator: Emulator) => ({
  list: (await routeStats(emulator, "GET /accounts")).requests,
  get: (await routeStats(emulator, "GET /accounts/{account_id}")).requests
})

/** Runs a sync to its end (polling a fanned-out one) and records its time and API requests. */
const timeSync = async (worker: TestWorker, accounts: number, scenario: string) => {
  await admin(worker.emulator, "POST", "/reset-stats")
  const started = performance.now()
  const [answer, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
  const sync =
    response.status === 202
      ? await eventually(
          scenario,
          async () => {
            const view = (await worker.api((client) => client.syncs.get({ path: { sync_id: answer.sync.id } }))).sync
            return view.status === "completed" || view.status === "failed" ? view : undefined
          },
          600_000
        )
      : answer.sync
  const ms = performance.now() - started
  if (sync.status !== "completed") throw new Error(`${scenario}: sync ${sync.status}: ${JSON.stringify(sync.error)}`)
  const made = await requests(worker.emulator)
  rows.push({ accounts, scenario, ms, listRequests: made.list, getRequests: made.get, deleted: sync.accounts_deleted })
}

/** The paid plan's limits each per-invocation figure is held to (sources: docs/benchmarks.md#worker). */
const LIMITS = {
  apiRequests: 10_000,
  d1Statements: 1_000,
  maxBatch: 1_000,
  maxParams: 100,
  maxSqlBytes: 100_000,
  maxSendBatch: 100,
  cpuMs: 30_000,
  wallMs: 900_000
} as const

const scaleRows: Array<{ readonly accounts: number; readonly row: Scale.ScaleRow }> = []
for (const size of SIZES.filter((n) => n > 20_000)) {
  for (const row of await Scale.run(size, Number(values.window))) scaleRows.push({ accounts: size, row })
}

for (const size of SIZES.filter((n) => n <= 20_000)) {
  const emulator = await startEmulator({ seedAccounts: size, seed: 7 })
  try {
    const inline = await startWorker({ emulator, vars: { SYNC_FANOUT_THRESHOLD: String(size + 1) } })
    try {
      await timeSync(inline, size, "inline, first sync")
      const doomed = (await emulatorAccounts(emulator)).filter((_, i) => i % 100 === 50)
      for (const account of doomed) await cloudflare(emulator, "DELETE", `/accounts/${account.id}`)
      await timeSync(inline, size, "inline, re-sync, 1% deleted")
    } finally {
      await inline.dispose()
    }
    const fanned = await startWorker({ emulator, vars: { SYNC_FANOUT_THRESHOLD: "2000", SYNC_PAGES_PER_MESSAGE: "10" } })
    try {
      await timeSync(fanned, size, "fan-out, first sync")
    } finally {
      await fanned.dispose()
    }
  } finally {
    await emulator.close()
  }
}

if (rows.length > 0) {
  console.log("\nSync in Miniflare against the emulator (50 accounts per page)\n")
  console.log(
    `${"accounts".padStart(8)}  ${"scenario".padEnd(28)} ${"ms".padStart(8)} ${"accounts/s".padStart(10)} ${"list".padStart(5)} ${"get".padStart(5)} ${"deleted".padStart(7)}`
  )
  for (const row of rows) {
    console.log(
      `${String(row.accounts).padStart(8)}  ${row.scenario.padEnd(28)} ${row.ms.toFixed(0).padStart(8)} ${(
        (row.accounts / row.ms) * 1000
      )
        .toFixed(0)
        .padStart(
          10
        )} ${String(row.listRequests).padStart(5)} ${String(row.getRequests).padStart(5)} ${String(row.deleted).padStart(7)}`
    )
  }
}

if (scaleRows.length > 0) {
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US")
  const cell = (value: number, limit: number) => `${fmt(value)} (${((value / limit) * 100).toFixed(1)}%)`
  console.log("\nFleet scale: per-invocation maxima (share of the paid plan's limit in brackets)\n")
  console.log(
    "| accounts | scenario | wall ms | invocations | API requests (10,000) | D1 statements (1,000) | statements per batch | bound params (100) | SQL bytes (100,000) | messages per sendBatch (100) | CPU ms, workerd (30,000) | wall ms (900,000) | note |"
  )
  console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
  const over: Array<string> = []
  for (const { accounts, row } of scaleRows) {
    const { max } = row
    for (const key of Object.keys(LIMITS) as Array<keyof typeof LIMITS>) {
      if (max[key] > LIMITS[key]) over.push(`${row.scenario}: ${key} ${max[key]} > ${LIMITS[key]}`)
    }
    console.log(
      `| ${fmt(accounts)} | ${row.scenario} | ${fmt(row.wallMs)} | ${fmt(row.invocations)} | ${cell(max.apiRequests, LIMITS.apiRequests)} | ${cell(
        max.d1Statements,
        LIMITS.d1Statements
      )} | ${fmt(max.maxBatch)} | ${cell(max.maxParams, LIMITS.maxParams)} | ${cell(max.maxSqlBytes, LIMITS.maxSqlBytes)} | ${cell(
        max.maxSendBatch,
        LIMITS.maxSendBatch
      )} | ${cell(max.cpuMs, LIMITS.cpuMs)} | ${cell(max.wallMs, LIMITS.wallMs)} | ${row.note} |`
    )
  }
  console.log(over.length === 0 ? "\nEvery per-invocation figure is inside its limit." : `\nOVER A LIMIT:\n${over.join("\n")}`)
  if (over.length > 0) process.exitCode = 1
}

// Bundle size. `dist/index.js` is what `wrangler deploy` uploads; the probes below bundle
// growing slices of the stack with the same esbuild (wrangler's) and options, to show what
// each layer adds.
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const dist = readFileSync(join(ROOT, "dist", "index.js"))
const distGzip = gzipSync(dist).length
console.log(`\nBundle dist/index.js: ${kib(dist.length)} minified, ${kib(distGzip)} gzip`)
console.log(
  distGzip <= BUNDLE_GOAL_GZIP
    ? `goal: at most ${kib(BUNDLE_GOAL_GZIP)} gzip: met\n`
    : `goal: at most ${kib(BUNDLE_GOAL_GZIP)} gzip: missed by ${kib(distGzip - BUNDLE_GOAL_GZIP)}\n`
)

/** The part of esbuild's API used here. */
interface Esbuild {
  readonly build: (options: Record<string, unknown>) => Promise<{ readonly outputFiles: ReadonlyArray<{ readonly contents: Uint8Array }> }>
}
// esbuild is wrangler's dependency, not ours: load the copy wrangler bundles with.
const esbuild: Esbuild = createRequire(createRequire(import.meta.url).resolve("wrangler"))("esbuild")

const handler = (body: string) => `export default { fetch: (request: Request) => Effect.runPromise(${body}) }`
const probes: ReadonlyArray<readonly [string, string]> = [
  ["effect runtime (Effect.runPromise)", `import * as Effect from "effect/Effect"\n${handler(`Effect.succeed(new Response("ok"))`)}`],
  [
    "+ effect/Schema",
    `import * as Effect from "effect/Effect"\nimport * as Schema from "effect/Schema"
const S = Schema.Struct({ a: Schema.String, b: Schema.optional(Schema.Number) })
${handler(`Effect.map(Effect.promise(() => request.json()), (j) => new Response(Schema.decodeUnknownSync(S)(j).a))`)}`
  ],
  [
    "+ effect/Stream",
    `import * as Effect from "effect/Effect"\nimport * as Schema from "effect/Schema"\nimport * as Stream from "effect/Stream"
const S = Schema.Struct({ a: Schema.String, b: Schema.optional(Schema.Number) })
${handler(`Effect.map(Stream.runCollect(Stream.range(1, 3).pipe(Stream.mapEffect(() => Effect.map(Effect.promise(() => request.json()), Schema.decodeUnknownSync(S)), { concurrency: 2 }))), (c) => new Response(String(c.length)))`)}`
  ],
  [
    "+ @effect/platform HttpClient",
    `import * as Effect from "effect/Effect"\nimport * as Schema from "effect/Schema"\nimport * as Stream from "effect/Stream"
import * as HttpClient from "@effect/platform/HttpClient"\nimport * as FetchHttpClient from "@effect/platform/FetchHttpClient"
const S = Schema.Struct({ a: Schema.String, b: Schema.optional(Schema.Number) })
${handler(`Stream.runCollect(Stream.range(1, 3).pipe(Stream.mapEffect(() => Effect.flatMap(HttpClient.get(request.url), (r) => Effect.map(r.json, Schema.decodeUnknownSync(S))), { concurrency: 2 }))).pipe(Effect.map((c) => new Response(String(c.length))), Effect.orDie, Effect.provide(FetchHttpClient.layer))`)}`
  ],
  [
    "  HttpClient alone (brings Schema, Stream)",
    `import * as Effect from "effect/Effect"
import * as HttpClient from "@effect/platform/HttpClient"\nimport * as FetchHttpClient from "@effect/platform/FetchHttpClient"
${handler(`Effect.flatMap(HttpClient.get(request.url), (r) => r.text).pipe(Effect.map((t) => new Response(t)), Effect.orDie, Effect.provide(FetchHttpClient.layer))`)}`
  ],
  [
    "+ @cf-accounts/client (deep imports)",
    `import * as Effect from "effect/Effect"\nimport * as Layer from "effect/Layer"
import * as AccountsClient from "@cf-accounts/client/AccountsClient"\nimport * as Credentials from "@cf-accounts/client/Credentials"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
const client = AccountsClient.layer({ credentials: Credentials.apiToken("t") }).pipe(Layer.provide(FetchHttpClient.layer))
${handler(`Effect.flatMap(AccountsClient.AccountsClient, (c) => c.get("x")).pipe(Effect.map((a) => new Response(a.name)), Effect.orDie, Effect.provide(client))`)}`
  ],
  [
    "  same, barrel imports",
    `import { Effect, Layer } from "effect"\nimport { AccountsClient, Credentials } from "@cf-accounts/client"\nimport { FetchHttpClient } from "@effect/platform"
const client = AccountsClient.layer({ credentials: Credentials.apiToken("t") }).pipe(Layer.provide(FetchHttpClient.layer))
${handler(`Effect.flatMap(AccountsClient.AccountsClient, (c) => c.get("x")).pipe(Effect.map((a) => new Response(a.name)), Effect.orDie, Effect.provide(client))`)}`
  ],
  ["+ the worker (src/index.ts)", `export { default } from "./src/index.ts"`]
]

console.log(`${"bundle of".padEnd(42)} ${"minified".padStart(10)} ${"gzip".padStart(10)}`)
for (const [name, contents] of probes) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, loader: "ts", sourcefile: "probe.ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    logLevel: "error"
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  console.log(`${name.padEnd(42)} ${kib(code.length).padStart(10)} ${kib(gzipSync(code).length).padStart(10)}`)
}
