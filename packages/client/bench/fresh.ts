/**
 * Child of side-by-side.ts: in a fresh process, the first listing of 10,000
 * accounts (10 ms latency) against warm ones. Prints `{ first, warm }` in ms.
 * Usage: fresh.ts PORT promise|effect
 */
import * as Contenders from "./contenders.js"

const [port, api] = process.argv.slice(2)
const baseUrl = Contenders.baseUrlOf(Number(port), 10, 10_000)
const contender =
  api === "effect" ? Contenders.effect("Effect", baseUrl) : Contenders.promise("Promise", baseUrl)
const time = async () => {
  const start = performance.now()
  const count = await contender.list()
  if (count !== 10_000) throw new Error(`listed ${count} accounts, not 10000`)
  return performance.now() - start
}
const first = await time()
const warm: Array<number> = []
for (let i = 0; i < 3; i++) warm.push(await time())
await contender.close()
warm.sort((a, b) => a - b)
process.stdout.write(`${JSON.stringify({ first, warm: warm[1] })}\n`)
