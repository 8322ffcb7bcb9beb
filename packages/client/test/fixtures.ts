import { readFileSync } from "node:fs"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as AccountsClient from "../src/AccountsClient.js"
import type * as ClientOptions from "../src/ClientOptions.js"
import * as Credentials from "../src/Credentials.js"
import { json, type makeFake } from "./fakeHttp.js"

// Made-up identifiers, not taken from any document.
export const ACCOUNT_ID = "0123456789abcdef0123456789abcdef"
export const OTHER_ID = "fedcba9876543210fedcba9876543210"
export const ORG_ID = "org-made-up-1"

export const account = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  type: "standard",
  settings: { abuse_contact_email: "abuse@example.test", enforce_twofactor: false },
  ...extra
})

/**
 * An account exactly as the real API sends it: the first of a `GET /accounts` answer in
 * core's corpus of recorded answers (`packages/core/test/fixtures`, sources in its
 * SOURCES.md): `null` settings, settings the spec does not list, `legacy_flags`,
 * microsecond `created_on`. `changes` replaces top-level fields (an id, a name, a type).
 */
export const realAccount = (changes: Record<string, unknown> = {}): RealAccount => ({ ...recorded, ...changes })

/** What tests read of a recorded account; every other field is kept as recorded. */
export interface RealAccount {
  readonly [field: string]: unknown
  readonly id: string
  readonly name: string
  readonly type: string
  readonly settings: Readonly<Record<string, unknown>>
  readonly created_on: string
}

const recorded = (
  JSON.parse(
    readFileSync(new URL("../../core/test/fixtures/list/live-verified-2026-05.json", import.meta.url), "utf8")
  ) as { readonly result: ReadonlyArray<RealAccount> }
).result[0]!

export const TOKEN = "test-token-SECRET"

export const profile = {
  business_name: "Made Up Ltd",
  business_email: "owner@example.test",
  business_phone: "+1 555 0100",
  business_address: "1 Example Road",
  external_metadata: "{}"
}

export const clientFor = (
  fake: ReturnType<typeof makeFake>,
  options: Partial<ClientOptions.ClientOptions> = {}
): Effect.Effect<AccountsClient.Service, never> =>
  AccountsClient.make({ credentials: Credentials.apiToken(TOKEN), ...options }).pipe(
    Effect.provideService(HttpClient.HttpClient, fake.client),
    Effect.orDie
  )

/** Ids for page fixtures: 32 hex characters from a number. */
export const idOf = (n: number): string => n.toString(16).padStart(32, "0")

/**
 * Runs `effect` with the TestClock moved `by` once it has started: for a create,
 * which waits a second on the Clock between its lookup of the name and its POST
 * (`CreateReconciliation.settle`), and any retry waits within `by`.
 */
export const clocked = <A, E, R>(effect: Effect.Effect<A, E, R>, by: Duration.DurationInput = "1 minute") =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(by)
    return yield* Fiber.join(fiber)
  })

/** The server's time a lookup answered at in the create tests (a `Date` header: whole seconds). */
export const LOOKUP_DATE = "Sun, 01 Mar 2026 12:00:00 GMT"

/** Page `n` of a lookup by name holding `accounts` of `total`, dated by the server unless `date` is null. */
export const lookupPage = (accounts: ReadonlyArray<unknown>, n: number, total: number, date: string | null = LOOKUP_DATE) =>
  json(
    200,
    {
      success: true,
      errors: [],
      messages: [],
      result: accounts,
      result_info: { page: n, per_page: 50, count: accounts.length, total_count: total }
    },
    date === null ? {} : { date }
  )

/** A whole lookup by name in one page, dated by the server unless `date` is null. */
export const lookup = (accounts: ReadonlyArray<unknown>, date: string | null = LOOKUP_DATE) =>
  lookupPage(accounts, 1, accounts.length, date)

/** A tracer that delegates to the current one and keeps every span it starts. */
export const recordingTracer = Effect.map(Effect.tracer, (base) => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span: (...args) => {
      const span = base.span(...args)
      spans.push(span)
      return span
    },
    context: base.context
  })
  return { tracer, spans }
})
