/**
 * The policy file: rules over every account (`policy`) and the accounts a team
 * declares (`accounts`), as one Effect Schema. YAML or JSON; the JSON Schema
 * editors complete it with is generated from this ({@link JsonSchema}).
 *
 * Input is strict: an unknown key is refused with its path, dates are
 * `YYYY-MM-DD`, patterns must compile as regular expressions, and settings,
 * profiles and types take core's input rules.
 *
 * @since 0.1.0
 */
import * as Account from "@cf-accounts/core/Account"
import { AccountName } from "@cf-accounts/core/AccountName"
import * as AccountProfile from "@cf-accounts/core/AccountProfile"
import { Email } from "@cf-accounts/core/Email"
import { AccountId, OrganizationId } from "@cf-accounts/core/Ids"
import * as Schema from "effect/Schema"
import { RuleId } from "./Finding.js"
import * as Match from "./internal/match.js"

/**
 * A regular expression, as JavaScript reads it (`new RegExp(pattern)`): checked
 * to compile, and refused when its matching time could grow exponentially with
 * the name's length (a repeated group containing a quantifier or `|`, such as
 * `(a+)+` or `(a|aa)*`; a backreference; more than 256 characters; more than
 * five repeating quantifiers). See the README's "Patterns".
 *
 * @since 0.1.0
 */
export const Pattern = Schema.String.pipe(
  Schema.minLength(1, { message: () => "must not be empty" }),
  Schema.filter((pattern) => Match.compiles(pattern) || "must be a valid regular expression"),
  Schema.filter((pattern) => {
    const refused = Match.unsafe(pattern)
    return refused === undefined || refused
  }),
  Schema.annotations({ identifier: "Pattern", description: "A regular expression (JavaScript syntax)" })
)

/**
 * A calendar date, `YYYY-MM-DD` (an exception is valid through that day, UTC).
 *
 * @since 0.1.0
 */
export const Day = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => "must be a date written YYYY-MM-DD" }),
  Schema.filter((day) => Match.isCalendarDay(day) || "must be a real calendar date"),
  Schema.annotations({ identifier: "Day", description: "A date, YYYY-MM-DD" })
)

/**
 * A domain name such as `example.com`.
 *
 * @since 0.1.0
 */
export const Domain = Schema.String.pipe(
  Schema.pattern(/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, {
    message: () => "must be a domain name such as example.com"
  }),
  Schema.annotations({ identifier: "Domain" })
)

// What the generated JSON Schema says of values whose checks are filters or transformations it
// cannot express by itself (so an editor refuses what the loader refuses).
const ACCOUNT_ID = { type: "string", pattern: "^[0-9a-fA-F]{32}$", description: "A Cloudflare account id: 32 hexadecimal characters" }
const ACCOUNT_NAME = { type: "string", minLength: 1, maxLength: 100, pattern: "\\S", description: "Not blank, at most 100 characters" }
const EMAIL: Record<string, unknown> = { type: "string", format: "email", maxLength: 254, pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" }

/**
 * `abuse_contact_email`: every account has an abuse contact, within `domain`
 * when one is given. `fix_to` is the address the automatic fix sets; without
 * it the rule has no automatic fix.
 *
 * @since 0.1.0
 */
export const AbuseContactRule = Schema.Struct({
  domain: Schema.optional(Domain),
  fix_to: Schema.optional(Email.annotations({ jsonSchema: EMAIL }))
}).pipe(
  Schema.filter((rule) =>
    rule.domain === undefined || rule.fix_to === undefined || Match.withinDomain(rule.fix_to, rule.domain)
      ? true
      : { path: ["fix_to"], message: `must be an address within ${rule.domain}` }
  ),
  Schema.annotations({ identifier: "AbuseContactRule" })
)

/** @since 0.1.0 */
export type AbuseContactRule = typeof AbuseContactRule.Type

/**
 * The longest `reason` of an exception, in characters: a finding cites it, so it stays short.
 *
 * @since 0.1.0
 */
export const MAX_REASON_LENGTH = 500

/**
 * One exception: the accounts it excuses from `rule`, why, and until when.
 * Each entry of `accounts` is an account id (32 hexadecimal characters) or a
 * regular expression matched against the whole account name (`acme-legacy`,
 * `labs-.*`). `reason`: at most {@link MAX_REASON_LENGTH} characters.
 *
 * @since 0.1.0
 */
export const Exception = Schema.Struct({
  rule: RuleId,
  accounts: Schema.Array(Pattern).pipe(Schema.minItems(1, { message: () => "must name at least one account" })),
  reason: Schema.String.pipe(
    Schema.minLength(1, { message: () => "must say why" }),
    Schema.maxLength(MAX_REASON_LENGTH, { message: () => `must say why in at most ${MAX_REASON_LENGTH} characters` })
  ).annotations({ title: "reason", description: `why the accounts are excused: 1 to ${MAX_REASON_LENGTH} characters` }),
  expires: Day
}).annotations({ identifier: "Exception" })

/** @since 0.1.0 */
export type Exception = typeof Exception.Type

/** A rule switched off with `false`, or on with its options. */
const switchable = <A, I>(rule: Schema.Schema<A, I>) => Schema.optional(Schema.Union(Schema.Literal(false), rule))

/**
 * The rules over every account. Each is off when absent or `false`.
 *
 * @since 0.1.0
 */
export const Policy = Schema.Struct({
  enforce_twofactor: Schema.optional(Schema.Boolean).annotations({
    description: "true: every account enforces two-factor authentication (automatic fix: set it)"
  }),
  abuse_contact_email: Schema.optional(Schema.Union(Schema.Boolean, AbuseContactRule)).annotations({
    description: "true or { domain?, fix_to? }: every account has an abuse contact (automatic fix: fix_to)"
  }),
  name: switchable(Schema.Struct({ pattern: Pattern })).annotations({
    description: "account names match this regular expression (no automatic fix: names are never changed)"
  }),
  type: switchable(Schema.Struct({ allowed: Schema.NonEmptyArray(Account.AccountType) })).annotations({
    description: "account types allowed (no automatic fix)"
  }),
  organization: switchable(Schema.Struct({ id: OrganizationId })).annotations({
    description: "accounts sit directly under this organization (automatic fix: move)"
  }),
  exceptions: Schema.optional(Schema.Array(Exception))
}).annotations({ identifier: "Policy" })

/** @since 0.1.0 */
export type Policy = typeof Policy.Type

/**
 * Settings a declared account holds: core's `AccountSettingsInput` fields,
 * without its pass-through of unknown settings (a file is strict).
 *
 * @since 0.1.0
 */
export const DeclaredSettings = Schema.Struct({
  ...Account.AccountSettingsInput.fields,
  // Core's rule (`Email`), told to the JSON Schema too.
  abuse_contact_email: Schema.optional(Email.annotations({ jsonSchema: EMAIL }))
}).annotations({
  identifier: "DeclaredSettings"
})

/**
 * Profile fields a declared account holds: any of core's `AccountProfileInput` fields.
 *
 * @since 0.1.0
 */
export const DeclaredProfile = Schema.partial(Schema.Struct(AccountProfile.AccountProfileInput.fields)).annotations({
  identifier: "DeclaredProfile"
})

/**
 * A declared account. `id` matches it to an existing account; without one,
 * `name` is its identity. Only what is given is managed.
 *
 * @since 0.1.0
 */
export const DeclaredAccount = Schema.Struct({
  id: Schema.optional(AccountId.annotations({ jsonSchema: ACCOUNT_ID })),
  name: AccountName.annotations({ jsonSchema: ACCOUNT_NAME }),
  type: Schema.optional(Account.AccountType),
  settings: Schema.optional(DeclaredSettings),
  profile: Schema.optional(DeclaredProfile),
  organization: Schema.optional(OrganizationId)
}).annotations({ identifier: "DeclaredAccount" })

/** @since 0.1.0 */
export type DeclaredAccount = typeof DeclaredAccount.Type

const uniqueIdentities = (accounts: ReadonlyArray<DeclaredAccount>) => {
  const issues: Array<{ path: ReadonlyArray<PropertyKey>; message: string }> = []
  const ids = new Map<string, number>()
  const names = new Map<string, number>()
  accounts.forEach((account, index) => {
    if (account.id !== undefined) {
      const first = ids.get(account.id)
      if (first !== undefined) issues.push({ path: [index, "id"], message: `declares the same id as accounts.${first}` })
      else ids.set(account.id, index)
    } else {
      const first = names.get(account.name)
      if (first !== undefined) issues.push({ path: [index, "name"], message: `declares the same name as accounts.${first}` })
      else names.set(account.name, index)
    }
  })
  return issues.length === 0 ? true : issues
}

/**
 * The whole file. `$schema` may name the JSON Schema (for editors).
 *
 * @since 0.1.0
 */
export const PolicyFile = Schema.Struct({
  $schema: Schema.optional(Schema.String),
  policy: Schema.optional(Policy),
  accounts: Schema.optional(
    Schema.Array(DeclaredAccount).pipe(Schema.filter(uniqueIdentities, { identifier: "DeclaredAccounts" }))
  )
}).annotations({
  identifier: "PolicyFile",
  title: "cf-accounts policy file",
  description: "Rules over every Cloudflare account (policy) and the accounts a team declares (accounts)."
})

/** @since 0.1.0 */
export type PolicyFile = typeof PolicyFile.Type

/** @since 0.1.0 */
export type PolicyFileEncoded = typeof PolicyFile.Encoded
