/**
 * The client's own CPU per call, without a network: `get` and a page of 50
 * over `FetchTransport` with a `fetch` that answers at once from memory. For
 * finding where the time goes (`node --import ./bench/register.mjs bench/overhead.ts`).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { accountBody, idOf, pageBody } from "./accounts.js"

const one = accountBody(1)
const pages = Array.from({ length: 202 }, (_, i) => pageBody(i + 1, 50, 10_000))
const fetchFromMemory = (input: string | URL | Request): Promise<Response> => {
  const page = new URL(String(input)).searchParams.get("page")
  const body = page === null ? one : pages[Number(page) - 1]!
  return Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "application/json" } }))
}
const http = Effect.runSync(Effect.provide(HttpClient.HttpClient, FetchTransport.layer))
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
const inMemory = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.runPromise(Effect.provideService(effect, FetchHttpClient.Fetch, fetchFromMemory as typeof globalThis.fetch))
const N = Number(process.argv[2] ?? 2000)
await time("fetch from memory alone", N, "call", async () => {
  for (let i = 1; i <= N; i++) await (await fetchFromMemory(`http://x/accounts/${idOf(i)}`)).text()
})
for (const rateLimit of [undefined, false, undefined] as const) {
  const client = Effect.runSync(
    AccountsClient.make({ credentials: Credentials.apiToken("t"), rateLimit: rateLimit ?? { limit: 1_000_000, window: "1 second" } }).pipe(
      Effect.provideService(HttpClient.HttpClient, http)
    )
  )
  await time(`get, limiter ${rateLimit === false ? "off" : "on"}`, N, "call", () =>
    inMemory(Effect.forEach(Array.from({ length: N }, (_, i) => idOf(i + 1)), client.get, { discard: true }))
  )
  await time(`all(), limiter ${rateLimit === false ? "off" : "on"}`, 201, "page", () => inMemory(Stream.runCount(client.all())))
}
