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
  orgId: string | undefined
}

/** Seeded data starts on this instant; account `i` was created `i` minutes later. */
const EPOCH = Date.UTC(2024, 0, 1)

const ADJECTIVES = [
  "Amber", "Blue", "Bright", "Calm", "Crimson", "Golden", "Green", "Iron", "Lunar", "Misty",
  "Northern", "Quiet", "Rapid", "Silver", "Solar", "Swift", "Violet", "Wild"
] as const
const NOUNS = [
  "Analytics", "Bakery", "Cloud", "Labs", "Logistics", "Media", "Networks", "Partners",
  "Retail", "Robotics", "Studio", "Systems", "Telecom", "Travel", "Ventures", "Works"
] as const

const DEFAULT_SETTINGS = Object.freeze({ enforce_twofactor: false })

/**
 * Settings of every fourth seeded account (the 2nd, 6th, 10th, ...): besides the two
 * the spec names, two that Cloudflare's accounts carry and core does not model, so a
 * read-modify-write that drops what it does not know is visible.
 */
const NAMESERVER_SETTINGS = Object.freeze({
  enforce_twofactor: false,
  default_nameservers: "custom.account",
  use_account_custom_ns_by_default: true
})

/**
 * The default settings of a new account (shared, frozen: updates replace it).
 *
 * @since 0.1.0
 */
export const defaultSettings: AccountRecord["settings"] = DEFAULT_SETTINGS

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
 * Calls `add` with `count` generated accounts. About one in five belongs to no
 * organization; the rest are spread evenly over `orgs`; about one in ten is an
 * enterprise account. Every fourth (the 2nd, 6th, ...) has two settings core does not
 * model (`default_nameservers`, `use_account_custom_ns_by_default`).
 *
 * @since 0.1.0
 */
export const accounts = (
  prng: Prng,
  count: number,
  orgs: ReadonlyArray<OrganizationRecord>,
  add: (account: AccountRecord) => void
): void => {
  for (let i = 0; i < count; i++) {
    const adjective = ADJECTIVES[prng.nextInt(ADJECTIVES.length)] ?? "Blue"
    const noun = NOUNS[prng.nextInt(NOUNS.length)] ?? "Works"
    const type = prng.next() < 0.1 ? "enterprise" : "standard"
    const orgPick = prng.next()
    const org = orgPick < 0.2 || orgs.length === 0 ? undefined : orgs[prng.nextInt(orgs.length)]
    add({
      // Safe: 32 lower-case hex characters is exactly what AccountId accepts.
      id: prng.hex(32) as AccountId,
      name: `${adjective} ${noun} ${i + 1}`,
      type,
      created_on: new Date(EPOCH + i * 60_000).toISOString(),
      settings: i % 4 === 1 ? NAMESERVER_SETTINGS : DEFAULT_SETTINGS,
      orgId: org?.id
    })
  }
}
