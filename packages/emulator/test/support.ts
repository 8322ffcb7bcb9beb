/**
 * Test helpers: plain HTTP over real sockets to an emulator on 127.0.0.1.
 */
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

export { withoutCreateWait } from "../src/Testing.js"
