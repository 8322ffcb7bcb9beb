// `pnpm --filter @cf-accounts/cli bench`: start-up time of the bundled CLI.
// Runs `cf-accounts --help` (and `--version`) N times and prints min / median / p95.
// Target: median well under 300 ms.
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"

const cli = fileURLToPath(new URL("../dist/cf-accounts.js", import.meta.url))
const runs = Number(process.env.RUNS ?? 20)
const TARGET_MS = 300

const measure = (args) => {
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const result = spawnSync(process.execPath, [cli, ...args], { stdio: "ignore" })
    if (result.status !== 0) throw new Error(`cf-accounts ${args.join(" ")} exited with ${result.status}`)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))]
  return { min: times[0], median: at(0.5), p95: at(0.95) }
}

let slow = false
for (const args of [["--help"], ["--version"]]) {
  const { min, median, p95 } = measure(args)
  const line = `cf-accounts ${args.join(" ")}: min ${min.toFixed(0)} ms, median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (${runs} runs)`
  console.log(line)
  if (median > TARGET_MS) slow = true
}
if (slow) {
  console.error(`median start-up above ${TARGET_MS} ms`)
  process.exit(1)
}
