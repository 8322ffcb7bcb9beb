/**
 * Child of side-by-side.ts, run with `--expose-gc`: streams TOTAL accounts
 * through `all()` (Effect API, 0 ms latency, limiter off since the default
 * limiter allows 1,200 requests per 5 minutes) and samples the heap after a full
 * GC every 40 pages. Prints `{ growth, after }` in MiB: the largest heap growth
 * over the baseline while streaming, and what is left once the stream is done.
 * Usage: heap.ts PORT TOTAL
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import * as Contenders from "./contenders.js"

const [port, totalArg] = process.argv.slice(2)
const total = Number(totalArg)
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error("run with --expose-gc")
const baseUrl = Contenders.baseUrlOf(Number(port), 0, total)
const contender = Contenders.effect("Effect", Contenders.baseUrlOf(Number(port), 0, 1_000), { rateLimit: false })
// Warm the code paths first, so compiled code is in the baseline.
await contender.list()
await contender.close()

const MiB = 1024 * 1024
const heap = () => {
  gc()
  return process.memoryUsage().heapUsed
}
const base = heap()
let peak = 0
let count = 0
await Effect.runPromise(
  Effect.gen(function* () {
    const client = yield* AccountsClient.make({ credentials: Credentials.apiToken(Contenders.TOKEN), baseUrl, rateLimit: false })
    yield* Stream.runForEach(client.all({ per_page: Contenders.PER_PAGE }), () =>
      Effect.sync(() => {
        count++
        if (count % (40 * Contenders.PER_PAGE) === 0) peak = Math.max(peak, heap() - base)
      })
    )
  }).pipe(Effect.provide(FetchHttpClient.layer))
)
if (count !== total) throw new Error(`listed ${count} accounts, not ${total}`)
const after = heap() - base
process.stdout.write(`${JSON.stringify({ growth: Math.max(peak, after) / MiB, after: after / MiB })}\n`)
