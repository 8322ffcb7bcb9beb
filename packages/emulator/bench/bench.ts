/**
 * Emulator benchmark: start-up time and memory with 100,000 seeded accounts, and
 * requests per second for `GET /accounts` pages. Runs the built bin (`dist/bin.js`)
 * in a child process and drives it over HTTP from this one.
 *
 *   pnpm --filter @cf-accounts/emulator bench [-- --accounts 100000 --seconds 5 --concurrency 16]
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    accounts: { type: "string", default: "100000" },
    seconds: { type: "string", default: "5" },
    concurrency: { type: "string", default: "16" }
  }
})
const ACCOUNTS = Number(values.accounts)
const SECONDS = Number(values.seconds)
const CONCURRENCY = Number(values.concurrency)
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

const rssMb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return Math.round(kb / 1024)
}

const start = (accounts: number) =>
  new Promise<{ url: string; ms: number; pid: number; stop: () => void; readyLine: string }>((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [BIN, "--seed-accounts", String(accounts), "--seed", "1"], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    child.stdout.on("data", (chunk) => {
      out += String(chunk)
      const lines = out.split("\n")
      if (lines.length > 4) {
        const url = /listening on (\S+)/.exec(lines[0] ?? "")?.[1]
        if (url === undefined) return reject(new Error(out))
        resolve({
          url,
          ms: Math.round(performance.now() - t0),
          pid: child.pid ?? 0,
          readyLine: lines[3] ?? "",
          stop: () => child.kill("SIGTERM")
        })
      }
    })
    child.on("exit", (code) => reject(new Error(`bin exited ${code}`)))
  })

const load = async (url: string, perPage: number, pages: number) => {
  const deadline = performance.now() + SECONDS * 1000
  const latencies: Array<number> = []
  let n = 0
  const worker = async (w: number) => {
    let i = w
    while (performance.now() < deadline) {
      const page = (i++ * 7919) % pages + 1
      const t = performance.now()
      const response = await fetch(`${url}/accounts?page=${page}&per_page=${perPage}`, {
        headers: { authorization: "Bearer emulator-token" }
      })
      const body = (await response.json()) as { result_info: { count: number } }
      if (response.status !== 200 || body.result_info.count === 0) throw new Error(`bad page ${page}`)
      latencies.push(performance.now() - t)
      n++
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)))
  const seconds = (performance.now() - t0) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => (latencies[Math.floor((latencies.length - 1) * p)] ?? 0).toFixed(1)
  return { rps: Math.round(n / seconds), p50: pct(0.5), p99: pct(0.99) }
}

const empty = await start(0)
const emptyRss = rssMb(empty.pid)
empty.stop()

const server = await start(ACCOUNTS)
console.log(`start-up, 0 accounts: ${empty.ms} ms to the URL line, RSS ${emptyRss} MB`)
console.log(`start-up, ${ACCOUNTS} accounts: ${server.ms} ms to the URL line, RSS ${rssMb(server.pid)} MB`)
console.log(`  bin says: ${server.readyLine}`)
for (const perPage of [20, 50]) {
  const pages = Math.max(1, Math.floor(ACCOUNTS / perPage))
  await load(server.url, perPage, pages) // warm-up run, discarded
  const r = await load(server.url, perPage, pages)
  console.log(
    `GET /accounts per_page=${perPage} over ${ACCOUNTS} accounts, ${CONCURRENCY} concurrent, ${SECONDS}s: ` +
      `${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`
  )
}
console.log(`RSS after load: ${rssMb(server.pid)} MB`)
server.stop()
