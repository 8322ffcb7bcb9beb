/**
 * Deterministic generation of the emulator's starting data: a small organization
 * hierarchy and N accounts spread over it (some in no organization). The same seed
 * always gives the same ids, names, types and memberships.
 *
 * @since 0.1.0
 */
import type { AccountSettings, AnyAccountType } from "@cf-accounts/core/Account"
import type { AccountId } from "@cf-accounts/core/Ids"
import type { Prng } from "./internal/prng.js"

/**
 * An organization as the emulator stores it.
 *
 * @since 0.1.0
 */
export interface OrganizationRecord {
  readonly id: string
  readonly name: string
  /** `undefined` for the root. */
  readonly parentId: string | undefined
  readonly createTime: string
}

/**
 * An account as the emulator stores it. `orgId` is the parent organization
 * (`undefined`: the account belongs to no organization).
 *
 * @since 0.1.0
 */
export interface AccountRecord {
  readonly id: AccountId
  name: string
  type: AnyAccountType
  readonly created_on: string
  settings: AccountSettings
  /** Top-level fields core does not model (`legacy_flags`), shown as stored; a PUT does not change them. */
  readonly unmodelled: Readonly<Record<string, unknown>>
  orgId: string | undefined
}

/** Seeded data starts on this instant; account `i` was created `i` minutes (and under a second) later. */
const EPOCH = Date.UTC(2024, 0, 1)

const ADJECTIVES = [
  "Amber", "Blue", "Bright", "Calm", "Crimson", "Golden", "Green", "Iron", "Lunar", "Misty",
  "Northern", "Quiet", "Rapid", "Silver", "Solar", "Swift", "Violet", "Wild"
] as const
const NOUNS = [
  "Analytics", "Bakery", "Cloud", "Labs", "Logistics", "Media", "Networks", "Partners",
  "Retail", "Robotics", "Studio", "Systems", "Telecom", "Travel", "Ventures", "Works"
] as const

/**
 * The settings Cloudflare's answers show on an ordinary account (core's `test/fixtures`, sources in
 * its `SOURCES.md`): `enforce_twofactor`, three settings "not set" (`null`, two of which the spec
 * does not list) and `oauth_app_access_enabled`, which it does not list either.
 */
const DEFAULT_SETTINGS: AccountSettings = Object.freeze({
  enforce_twofactor: false,
  api_access_enabled: null,
  access_approval_expiry: null,
  abuse_contact_email: null,
  oauth_app_access_enabled: true
})

/**
 * Settings of every fourth seeded account (the 2nd, 6th, 10th, ...): besides the real set,
 * the two nameserver settings the spec lists and core does not model, so a
 * read-modify-write that drops what it does not know is visible.
 */
const NAMESERVER_SETTINGS: AccountSettings = Object.freeze({
  ...DEFAULT_SETTINGS,
  default_nameservers: "custom.account",
  use_account_custom_ns_by_default: true
})

/**
 * Every fifth seeded account (the 4th, 9th, ...) has an abuse contact. Most accounts have none
 * (`null`), as in Cloudflare's answers.
 */
const ABUSE_CONTACT = "abuse@example.com"

/** The four kinds of seeded settings (shared, frozen: updates replace them), by account index. */
const SEEDED_SETTINGS: ReadonlyArray<AccountSettings> = [
  DEFAULT_SETTINGS,
  NAMESERVER_SETTINGS,
  Object.freeze({ ...DEFAULT_SETTINGS, abuse_contact_email: ABUSE_CONTACT }),
  Object.freeze({ ...NAMESERVER_SETTINGS, abuse_contact_email: ABUSE_CONTACT })
]

const seededSettings = (i: number): AccountSettings =>
  SEEDED_SETTINGS[(i % 4 === 1 ? 1 : 0) + (i % 5 === 3 ? 2 : 0)] ?? DEFAULT_SETTINGS

/**
 * The default settings of a new account (shared, frozen: updates replace it).
 *
 * @since 0.1.0
 */
export const defaultSettings: AccountRecord["settings"] = DEFAULT_SETTINGS

/**
 * The top-level fields Cloudflare's answers carry beside the modelled ones (`legacy_flags`, with
 * the zero enterprise zone quota every public answer shows). Shared, frozen.
 *
 * @since 0.1.0
 */
export const defaultUnmodelled: AccountRecord["unmodelled"] = Object.freeze({
  legacy_flags: Object.freeze({ enterprise_zone_quota: Object.freeze({ maximum: 0, current: 0, available: 0 }) })
})

/**
 * An account type the spec does not list, given to every `unknownTypeEvery`-th seeded account
 * when that option is set.
 *
 * @since 0.1.0
 */
// Safe: any string is an AnyAccountType (the unknown branch keeps it as sent).
export const unknownType = "partner" as AnyAccountType

/**
 * A timestamp as Cloudflare writes `created_on`: ISO 8601 with six fractional digits
 * (`2024-01-01T00:00:00.123456Z`). `micros` (0..999) are the digits below the millisecond.
 *
 * @since 0.1.0
 */
export const timestamp = (epochMillis: number, micros: number): string => {
  const fraction = (((epochMillis % 1000) + 1000) % 1000) * 1000 + (Math.trunc(micros) % 1000)
  return `${new Date(epochMillis).toISOString().slice(0, 19)}.${String(fraction).padStart(6, "0")}Z`
}

/**
 * The organization hierarchy: a root, two children and a grandchild under the
 * first child. Returned root first, so a parent always precedes its children.
 *
 * @since 0.1.0
 */
export const organizations = (prng: Prng): ReadonlyArray<OrganizationRecord> => {
  const at = (days: number) => new Date(EPOCH - days * 86_400_000).toISOString()
  const root = { id: prng.hex(32), name: "Emulator Root Org", parentId: undefined, createTime: at(400) }
  const east = { id: prng.hex(32), name: "Emulator Org East", parentId: root.id, createTime: at(300) }
  const west = { id: prng.hex(32), name: "Emulator Org West", parentId: root.id, createTime: at(300) }
  const lab = { id: prng.hex(32), name: "Emulator Org East Lab", parentId: east.id, createTime: at(200) }
  return [root, east, west, lab]
}

/**
 * Calls `add` with `count` generated accounts, shaped like Cloudflare's answers: the real
 * settings set, `legacy_flags`, a microsecond `created_on`. About one in five belongs to no
 * organization; the rest are spread evenly over `orgs`; about one in ten is an
 * enterprise account. Every fourth (the 2nd, 6th, ...) also has the two nameserver settings
 * (`default_nameservers`, `use_account_custom_ns_by_default`); every fifth (the 4th, 9th, ...)
 * has an abuse contact. With `unknownTypeEvery` N > 0, every N-th account (the N-th, 2N-th, ...)
 * has the type {@link unknownType}, which the spec does not list.
 *
 * @since 0.1.0
 */
export const accounts = (
  prng: Prng,
  count: number,
  orgs: ReadonlyArray<OrganizationRecord>,
  add: (account: AccountRecord) => void,
  unknownTypeEvery = 0
): void => {
  for (let i = 0; i < count; i++) {
    const adjective = ADJECTIVES[prng.nextInt(ADJECTIVES.length)] ?? "Blue"
    const noun = NOUNS[prng.nextInt(NOUNS.length)] ?? "Works"
    const known = prng.next() < 0.1 ? "enterprise" : "standard"
    const type = unknownTypeEvery > 0 && (i + 1) % unknownTypeEvery === 0 ? unknownType : known
    const orgPick = prng.next()
    const org = orgPick < 0.2 || orgs.length === 0 ? undefined : orgs[prng.nextInt(orgs.length)]
    add({
      // Safe: 32 lower-case hex characters is exactly what AccountId accepts.
      id: prng.hex(32) as AccountId,
      name: `${adjective} ${noun} ${i + 1}`,
      type,
      created_on: timestamp(EPOCH + i * 60_000 + ((i * 7919 + 123) % 1000), (i * 104_729 + 456) % 1000),
      settings: seededSettings(i),
      unmodelled: defaultUnmodelled,
      orgId: org?.id
    })
  }
}
