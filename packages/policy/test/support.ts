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

export { withoutCreateWait } from "@cf-accounts/emulator/Testing"
