import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as AccountsClient from "../src/AccountsClient.js"
import type * as ClientOptions from "../src/ClientOptions.js"
import * as Credentials from "../src/Credentials.js"
import type { makeFake } from "./fakeHttp.js"

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
