/**
 * The clients compared by the benchmarks, each over the same local server and
 * Node's `fetch`: raw `fetch`, the official `cloudflare` SDK, this client's
 * Promise facade and its Effect API (over `FetchTransport`, as its README
 * shows, and once over `@effect/platform`'s `FetchHttpClient` for comparison).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import Cloudflare from "cloudflare"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as AccountsClient from "../src/AccountsClient.js"
import type * as ClientOptions from "../src/ClientOptions.js"
import * as Credentials from "../src/Credentials.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { createAccountsClient } from "../src/promise.js"
import { idOf } from "./accounts.js"

export const TOKEN = "bench-token"
export const PER_PAGE = 50

/** `http://127.0.0.1:PORT/l/{latency}/n/{total}`: see server.ts. */
export const baseUrlOf = (port: number, latencyMs: number, total: number): string =>
  `http://127.0.0.1:${port}/l/${latencyMs}/n/${total}`

/** Runs `n` sequential gets of distinct ids. */
export type GetLoop = (n: number) => Promise<void>
/** Lists every account; resolves to how many. */
export type Lister = () => Promise<number>

export interface Contender {
  readonly name: string
  readonly getLoop: GetLoop
  readonly list: Lister
  readonly close: () => Promise<void>
}

const headers = { authorization: `Bearer ${TOKEN}`, accept: "application/json" }

/** Raw `fetch` + `JSON.parse`: no validation, no retries; the floor. */
export const raw = (baseUrl: string, prefetch = 4): Contender => {
  const page = async (n: number): Promise<number> => {
    const response = await fetch(`${baseUrl}/accounts?page=${n}&per_page=${PER_PAGE}`, { headers })
    const body = (await response.json()) as { result: Array<unknown>; result_info: { total_count: number } }
    return n === 1 ? body.result_info.total_count : body.result.length
  }
  return {
    name: "raw fetch",
    getLoop: async (n) => {
      for (let i = 1; i <= n; i++) {
        const response = await fetch(`${baseUrl}/accounts/${idOf(i)}`, { headers })
        await response.json()
      }
    },
    // Page 1, then the rest `prefetch` at a time (up to the empty page after a full last one).
    list: async () => {
      const total = await page(1)
      const last = Math.ceil(total / PER_PAGE) + (total % PER_PAGE === 0 ? 1 : 0)
      let next = 2
      let count = Math.min(total, PER_PAGE)
      const worker = async () => {
        while (next <= last) {
          const listed = await page(next++)
          count += listed
        }
      }
      await Promise.all(Array.from({ length: prefetch }, worker))
      return count
    },
    close: async () => {}
  }
}

/** The official SDK: `maxRetries: 0`; its auto-paging iterator reads one page at a time. */
export const sdk = (baseUrl: string): Contender => {
  const client = new Cloudflare({ apiToken: TOKEN, baseURL: baseUrl, maxRetries: 0 })
  return {
    name: "official SDK (maxRetries: 0)",
    getLoop: async (n) => {
      for (let i = 1; i <= n; i++) await client.accounts.get({ account_id: idOf(i) })
    },
    list: async () => {
      let count = 0
      for await (const _ of client.accounts.list({ per_page: PER_PAGE })) count++
      return count
    },
    close: async () => {}
  }
}

/** This client's Promise facade. */
export const promise = (name: string, baseUrl: string, options: Partial<ClientOptions.ClientOptions> = {}): Contender => {
  const client = createAccountsClient({ credentials: Credentials.apiToken(TOKEN), baseUrl, ...options })
  return {
    name,
    getLoop: async (n) => {
      for (let i = 1; i <= n; i++) await client.get(idOf(i))
    },
    list: async () => {
      let count = 0
      for await (const _ of client.all({ per_page: PER_PAGE })) count++
      return count
    },
    close: () => client.close()
  }
}

/**
 * This client's Effect API over `transport` (default `FetchTransport`): each
 * loop is one Effect program, as an Effect user would write it.
 */
export const effect = (
  name: string,
  baseUrl: string,
  options: Partial<ClientOptions.ClientOptions> = {},
  transport: Layer.Layer<HttpClient.HttpClient> = FetchTransport.layer
): Contender => {
  const runtime = ManagedRuntime.make(
    AccountsClient.layer({ credentials: Credentials.apiToken(TOKEN), baseUrl, ...options }).pipe(Layer.provide(transport))
  )
  return {
    name,
    getLoop: (n) =>
      runtime.runPromise(
        Effect.flatMap(AccountsClient.AccountsClient, (client) =>
          Effect.forEach(Array.from({ length: n }, (_, i) => idOf(i + 1)), client.get, { discard: true })
        )
      ),
    list: () =>
      runtime.runPromise(
        Effect.flatMap(AccountsClient.AccountsClient, (client) => Stream.runCount(client.all({ per_page: PER_PAGE })))
      ),
    close: () => runtime.dispose()
  }
}

/** Every contender of the per-call table, in its order. */
export const all = (baseUrl: string): ReadonlyArray<Contender> => [
  raw(baseUrl),
  sdk(baseUrl),
  promise("ours, Promise, default options (limiter on)", baseUrl),
  promise("ours, Promise, limiter off", baseUrl, { rateLimit: false }),
  effect("ours, Effect, default options (limiter on)", baseUrl),
  effect("ours, Effect, limiter off", baseUrl, { rateLimit: false }),
  effect("ours, Effect over FetchHttpClient (limiter on)", baseUrl, {}, FetchHttpClient.layer)
]
