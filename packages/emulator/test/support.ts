/**
 * Test helpers: plain HTTP over real sockets to an emulator on 127.0.0.1.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type { EmulatorService } from "../src/Emulator.js"
import * as Emulator from "../src/Emulator.js"
import type { EmulatorOptions } from "../src/EmulatorOptions.js"

export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON
  readonly json: any
}

export interface CallOptions {
  readonly body?: unknown
  readonly raw?: string
  readonly headers?: Record<string, string>
  /** Leave out the default bearer token. */
  readonly anonymous?: boolean
}

/** Status, headers, text and (when the text is JSON) the parsed body. */
export const readReply = async (response: Response): Promise<Reply> => {
  const text = await response.text()
  let json: unknown
  try {
    json = text === "" ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** One request; a connection reset or timeout fails with the fetch error. */
export const call = (
  emulator: EmulatorService,
  method: string,
  path: string,
  options: CallOptions = {}
): Effect.Effect<Reply, Error> =>
  Effect.tryPromise({
    try: async (signal) => {
      const url = path.startsWith("/__emulator") ? `${emulator.origin}${path}` : `${emulator.url}${path}`
      const headers: Record<string, string> = {
        ...(options.anonymous === true ? {} : { authorization: `Bearer ${emulator.token}` }),
        ...(options.body !== undefined || options.raw !== undefined ? { "content-type": "application/json" } : {}),
        ...options.headers
      }
      const response = await fetch(url, {
        method,
        headers,
        signal,
        ...(options.raw !== undefined
          ? { body: options.raw }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {})
      })
      return readReply(response)
    },
    catch: (error) => (error instanceof Error ? error : new Error(String(error)))
  })

/** Runs `f` against a fresh emulator that stops afterwards. */
export const withEmulator = <A, E>(
  options: EmulatorOptions,
  f: (emulator: EmulatorService) => Effect.Effect<A, E>
): Effect.Effect<A, E | Error> => Effect.scoped(Effect.flatMap(Emulator.make(options), f))

export const VALID_PROFILE = {
  business_name: "Example Ltd",
  business_email: "ops@example.com",
  business_phone: "+1 555 0100",
  business_address: "1 Example Street",
  external_metadata: "{\"tier\":\"gold\"}"
}

/**
 * Runs `effect` (a client's `create` against the emulator) without the real
 * second the create waits between its lookup by name and its POST (so that the
 * server's clock is past the second of that lookup's `Date` when it creates the
 * account). The emulator keeps real time, so the second it would have seen pass
 * is stood in for by moving the `date` header of every answer a second back; the
 * client's one-second sleep is skipped (every other wait, a timeout or a backoff,
 * keeps real time).
 */
export const withoutCreateWait = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  effect.pipe(Effect.provideService(FetchHttpClient.Fetch, secondBehind), Effect.withClock(skippingSecond))

/** `fetch`, with the `date` header of each answer one second earlier. */
const secondBehind: typeof globalThis.fetch = async (input, init) => {
  const response = await globalThis.fetch(input, init)
  const date = Date.parse(response.headers.get("date") ?? "")
  if (Number.isNaN(date)) return response
  const headers = new Headers(response.headers)
  headers.set("date", new Date(date - 1000).toUTCString())
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/** The live clock, but a sleep of exactly one second (the create's wait) ends at once. */
const skippingSecond: Clock.Clock = (() => {
  const live = Clock.make()
  // Safe: an object whose prototype is the live clock has all of its members; only `sleep` is replaced.
  const clock = Object.create(live) as { -readonly [K in keyof Clock.Clock]: Clock.Clock[K] }
  clock.sleep = (duration) => (Duration.toMillis(duration) === 1000 ? Effect.void : live.sleep(duration))
  return clock
})()
