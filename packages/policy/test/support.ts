/**
 * Test helpers: accounts as the API returns them, the example file, and
 * a client bound to an emulator on 127.0.0.1.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import * as Credentials from "@cf-accounts/client/Credentials"
import type * as Account from "@cf-accounts/core/Account"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import type { EmulatorOptions } from "@cf-accounts/emulator/EmulatorOptions"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Load from "../src/Load.js"
import type { PolicyFile } from "../src/PolicyFile.js"

/** The example file of the package README. */
export const EXAMPLE = `policy:
  enforce_twofactor: true
  abuse_contact_email: { domain: example.com }
  name: { pattern: "^(acme|labs)-" }
  exceptions:
    - rule: enforce_twofactor
      accounts: ["acme-legacy"]
      reason: "vendor integration, ticket SEC-142"
      expires: 2027-03-31
accounts:
  - name: acme-staging
    type: standard
    settings: { enforce_twofactor: true, abuse_contact_email: security@example.com }
    profile: { business_name: Acme Corp, business_email: billing@example.com }
`

/** A file from text that must be valid. */
export const file = (text: string): PolicyFile => Either.getOrThrow(Load.parseEither(text))

let counter = 0

/** An account as the API returns it; `id` from a counter unless given. */
export const account = (fields: {
  readonly name: string
  readonly id?: string
  readonly type?: string
  readonly enforce_twofactor?: boolean | null
  readonly abuse_contact_email?: string | null
  readonly org?: string
}): Account.Account => {
  const id = fields.id ?? (++counter).toString(16).padStart(32, "0")
  // Safe: ids here are 32 lower-case hex characters (an AccountId), and the type a string as the API sends it.
  return {
    id,
    name: fields.name,
    type: fields.type ?? "standard",
    settings: {
      enforce_twofactor: fields.enforce_twofactor === undefined ? false : fields.enforce_twofactor,
      abuse_contact_email: fields.abuse_contact_email ?? null,
      api_access_enabled: null
    },
    legacy_flags: { enterprise_zone_quota: { maximum: 0, current: 0, available: 0 } },
    created_on: "2024-01-01T00:00:00.123456Z",
    ...(fields.org === undefined ? {} : { managed_by: { parent_org_id: fields.org, parent_org_name: "Org" } })
  } as unknown as Account.Account
}

/** 2026-12-01T00:00:00Z */
export const NOW = Date.UTC(2026, 11, 1)

/** The emulator and a client bound to it, for one test file. */
export const EmulatorClient = (options: EmulatorOptions) =>
  Layer.unwrapScoped(
    Effect.map(Emulator, (emulator) =>
      AccountsClient.layer({
        baseUrl: emulator.url,
        credentials: Credentials.apiToken(emulator.token),
        retry: { base: "5 millis", cap: "20 millis", maxAttempts: 3 },
        timeout: "2 seconds",
        rateLimit: false
      }).pipe(Layer.provide(FetchHttpClient.layer))
    )
  ).pipe(Layer.provideMerge(Emulator.layer(options)))

/**
 * Runs `effect` on the live clock without the real second the client's create
 * waits between its lookup by name and its POST. As the emulator's own tests do
 * (`withoutCreateWait` in packages/emulator/test/support.ts, which is not
 * exported): every answer's `date` header is moved a second back, standing in for
 * the second that would have passed, and a sleep of exactly one second ends at
 * once (every other wait keeps real time).
 */
export const withoutCreateWait = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  effect.pipe(Effect.provideService(FetchHttpClient.Fetch, secondBehind), Effect.withClock(skippingSecond))

const secondBehind: typeof globalThis.fetch = async (input, init) => {
  const response = await globalThis.fetch(input, init)
  const date = Date.parse(response.headers.get("date") ?? "")
  if (Number.isNaN(date)) return response
  const headers = new Headers(response.headers)
  headers.set("date", new Date(date - 1000).toUTCString())
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

const skippingSecond: Clock.Clock = (() => {
  const live = Clock.make()
  // Safe: an object whose prototype is the live clock has all of its members; only `sleep` is replaced.
  const clock = Object.create(live) as { -readonly [K in keyof Clock.Clock]: Clock.Clock[K] }
  clock.sleep = (duration) => (Duration.toMillis(duration) === 1000 ? Effect.void : live.sleep(duration))
  return clock
})()
