/**
 * Cold start: a fresh workerd (Miniflare, the built `dist/index.js` as the tests run it) to its
 * first answers, and the same answer warm, as the median of a few runs. The cold path is the
 * isolate's start, loading the bundle, and on the first API request building the API's handler
 * (its router and services); a warm answer pays none of them.
 *
 *   pnpm --filter @cf-accounts/worker bench:coldstart [-- --dist path/to/index.js --runs 9]
 */
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { Miniflare } from "miniflare"
import { pathTo } from "../src/api/WorkerApi.ts"
import { ADMIN_TOKEN, COMPATIBILITY_DATE, migrationStatements } from "../test/support/Harness.ts"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..")
const { values } = parseArgs({
  // `pnpm bench:coldstart -- --runs 5` passes the `--` on.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { dist: { type: "string", default: join(ROOT, "dist", "index.js") }, runs: { type: "string", default: "9" } }
})
const script = resolve(values.dist ?? "")
const runs = Number(values.runs)
// Miniflare names the bundle's modules relative to the working directory.
process.chdir(dirname(script))

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN

const timed = async (f: () => Promise<unknown>) => {
  const started = performance.now()
  await f()
  return performance.now() - started
}

const samples = { ready: [] as Array<number>, firstHealth: [] as Array<number>, firstApi: [] as Array<number>, warmApi: [] as Array<number> }
for (let run = 0; run < runs; run++) {
  const started = performance.now()
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    compatibilityDate: COMPATIBILITY_DATE,
    d1Databases: { DB: "cf-accounts-bench" },
    queueProducers: { JOBS_QUEUE: "cf-accounts-jobs", SYNC_QUEUE: "cf-accounts-sync" },
    bindings: { ADMIN_TOKEN, CLOUDFLARE_API_TOKEN: "unused", BUDGET_REQUESTS: "0" }
  })
  try {
    await mf.ready
    samples.ready.push(performance.now() - started)
    const db = await mf.getD1Database("DB")
    await db.batch(migrationStatements().map((sql) => db.prepare(sql)))
    const call = async (path: string, auth: boolean) => {
      const response = await mf.dispatchFetch(`http://worker.test${path}`, {
        headers: auth ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {}
      })
      await response.text()
      if (!response.ok) throw new Error(`${path}: ${response.status}`)
    }
    samples.firstHealth.push(await timed(() => call(pathTo("meta", "health"), false)))
    samples.firstApi.push(await timed(() => call(`${pathTo("accounts", "list")}?limit=1`, true)))
    samples.warmApi.push(await timed(() => call(`${pathTo("accounts", "list")}?limit=1`, true)))
  } finally {
    await mf.dispose()
  }
}

const ms = (x: number) => `${x.toFixed(1)} ms`
console.log(`cold start of ${script} (median of ${runs} runs)`)
console.log(`  workerd ready:                  ${ms(median(samples.ready))}`)
console.log(`  first answer (health, open):    ${ms(median(samples.firstHealth))}`)
console.log(`  first API answer (a listing):   ${ms(median(samples.firstApi))}`)
console.log(`  the same answer, warm:          ${ms(median(samples.warmApi))}`)
console.log(`  ready to first API answer:      ${ms(median(samples.firstHealth.map((h, i) => h + (samples.firstApi[i] ?? 0))))}`)
