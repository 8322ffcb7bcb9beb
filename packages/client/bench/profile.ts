/**
 * A loop to profile with `node --cpu-prof`: sequential gets (Effect API, limiter
 * off) then listings at 0 ms latency, against server.ts started here.
 * Usage: node --cpu-prof --import ./bench/register.mjs bench/profile.ts [get|list]
 */
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Contenders from "./contenders.js"

const mode = process.argv[2] ?? "get"
const server = spawn(process.execPath, ["--import", fileURLToPath(new URL("./register.mjs", import.meta.url)), fileURLToPath(new URL("./server.ts", import.meta.url))], {
  stdio: ["pipe", "pipe", "inherit"]
})
const port = await new Promise<number>((resolve) => server.stdout.once("data", (d: Buffer) => resolve(Number(String(d).trim()))))
const contender = Contenders.effect("Effect", Contenders.baseUrlOf(port, 0, 10_000), { rateLimit: false })
if (mode === "get") await contender.getLoop(Number(process.argv[3] ?? 3000))
else for (let i = 0; i < 8; i++) await contender.list()
await contender.close()
server.stdin.end()
