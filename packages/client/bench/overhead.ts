/**
 * The client's own CPU per call, without a network: `get` and a page of 50
 * against an `HttpClient` that answers at once from memory. For finding where
 * the time goes (`node --import ./bench/register.mjs bench/overhead.ts`).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import { accountBody, idOf, pageBody } from "./accounts.js"

const one = accountBody(1)
const pages = Array.from({ length: 202 }, (_, i) => pageBody(i + 1, 50, 10_000))
const http = HttpClient.make((request, url) =>
  Effect.sync(() => {
    const page = url.searchParams.get("page")
    const body = page === null ? one : pages[Number(page) - 1]!
    return HttpClientResponse.fromWeb(request, new Response(body, { status: 200, headers: { "content-type": "application/json" } }))
  })
)
const time = async (label: string, n: number, unit: string, run: () => Promise<unknown>) => {
  await run()
  // The least of 5 runs: the machine may be busy with other work.
  let least = Number.POSITIVE_INFINITY
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage()
    await run()
    const c = process.cpuUsage(c0)
    least = Math.min(least, (c.user + c.system) / n)
  }
  console.log(`${label}: ${least.toFixed(1)} µs CPU per ${unit}`)
}
for (const rateLimit of [undefined, false, undefined] as const) {
  const client = Effect.runSync(
    AccountsClient.make({ credentials: Credentials.apiToken("t"), rateLimit: rateLimit ?? { limit: 1_000_000, window: "1 second" } }).pipe(
      Effect.provideService(HttpClient.HttpClient, http)
    )
  )
  const N = 2000
  await time(`get, limiter ${rateLimit === false ? "off" : "on"}`, N, "call", () =>
    Effect.runPromise(Effect.forEach(Array.from({ length: N }, (_, i) => idOf(i + 1)), client.get, { discard: true }))
  )
  await time(`all(), limiter ${rateLimit === false ? "off" : "on"}`, 201, "page", () => Effect.runPromise(Stream.runCount(client.all())))
}
