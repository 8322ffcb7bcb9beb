/**
 * What an audit reports: one account breaking one rule, why, the automatic fix
 * when the rule has one, and the exception that silenced it when one did.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The policy's rules, by the key that switches each on in the file.
 *
 * @since 0.1.0
 */
export const RuleId = Schema.Literal("enforce_twofactor", "abuse_contact_email", "name", "type", "organization").annotations({
  identifier: "RuleId",
  message: () => ({
    message: "must be one of enforce_twofactor, abuse_contact_email, name, type, organization",
    override: true
  })
})

/** @since 0.1.0 */
export type RuleId = typeof RuleId.Type

/**
 * Every rule, in the order findings are reported.
 *
 * @since 0.1.0
 */
export const ruleIds: ReadonlyArray<RuleId> = RuleId.literals

/**
 * An account as findings and actions name it.
 *
 * @since 0.1.0
 */
export const AccountRef = Schema.Struct({ id: Schema.String, name: Schema.String }).annotations({ identifier: "AccountRef" })

/** @since 0.1.0 */
export type AccountRef = typeof AccountRef.Type

/**
 * One field a fix or an action changes: `settings.enforce_twofactor`,
 * `settings.abuse_contact_email`, `organization`, `profile.<field>`, `name`
 * or `type` (the last two on creates only). `before` is `null` when not set.
 *
 * @since 0.1.0
 */
export const Change = Schema.Struct({
  field: Schema.String,
  before: Schema.Unknown,
  after: Schema.Unknown,
  /** `"declared"` (the file's accounts say so) or the policy rule whose fix it is. */
  reason: Schema.Union(Schema.Literal("declared"), RuleId)
}).annotations({ identifier: "Change" })

/** @since 0.1.0 */
export type Change = typeof Change.Type

/**
 * An exception as a finding cites it.
 *
 * @since 0.1.0
 */
export const ExceptionRef = Schema.Struct({
  rule: RuleId,
  accounts: Schema.Array(Schema.String),
  reason: Schema.String,
  expires: Schema.String
}).annotations({ identifier: "ExceptionRef" })

/** @since 0.1.0 */
export type ExceptionRef = typeof ExceptionRef.Type

/**
 * One account breaking one rule. `silencedBy`: the exception (unexpired) that
 * excuses it; such findings are reported, not dropped, and never fixed.
 * `expiredException`: an exception that named the account but has expired, so
 * the finding counts again. `fix`: the automatic fix, when the rule has one.
 *
 * @since 0.1.0
 */
export const Finding = Schema.Struct({
  rule: RuleId,
  account: AccountRef,
  detail: Schema.String,
  fix: Schema.optional(Schema.Array(Change)),
  silencedBy: Schema.optional(ExceptionRef),
  expiredException: Schema.optional(ExceptionRef)
}).annotations({ identifier: "Finding" })

/** @since 0.1.0 */
export type Finding = typeof Finding.Type

/**
 * Whether a finding counts: not silenced by an unexpired exception.
 *
 * @since 0.1.0
 */
export const isOpen = (finding: Finding): boolean => finding.silencedBy === undefined
