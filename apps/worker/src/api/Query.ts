/**
 * The API's path and query parameters and headers, checked with schemas so a bad value is a
 * 400 naming the parameter.
 */
import { AccountId } from "@cf-accounts/core/Ids"
import * as Schema from "effect/Schema"
import * as Policy from "../findings/Policy.js"
import * as IdempotencyKey from "../jobs/IdempotencyKey.js"
import { JobId, SyncId } from "../platform/IdGenerator.js"
import * as Cursor from "./Cursor.js"

/**
 * A parameter's own message, shown whatever part of its check failed (a union of literals, a
 * number's range): `override`, or the first alternative's "Expected ..." would be shown instead.
 */
const says = (message: string) => ({ message: () => ({ message, override: true }) })

/** A whole number written in decimal digits only (no sign, exponent, hex or spaces). */
const Digits = Schema.String.pipe(Schema.pattern(/^[0-9]{1,15}$/))

const BooleanParam = Schema.transform(
  Schema.Literal("true", "false").annotations(says("must be 'true' or 'false'")),
  Schema.Boolean,
  { strict: true, decode: (text) => text === "true", encode: (flag) => (flag ? "true" : "false") }
)

const Limit = Schema.compose(Digits, Schema.NumberFromString)
  .pipe(Schema.compose(Schema.Int.pipe(Schema.between(1, 500))))
  .annotations(says("must be a whole number from 1 to 500"))

const Rule = Schema.Literal(...Policy.ruleIds).annotations(says(`must be one of ${Policy.ruleIds.join(", ")}`))

export const AccountsQuery = Schema.Struct({
  name: Schema.optional(
    Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)).annotations(says("must be 1 to 200 characters"))
  ),
  compliant: Schema.optional(BooleanParam),
  include_deleted: Schema.optional(BooleanParam),
  include_inaccessible: Schema.optional(BooleanParam),
  /** `true`: only accounts the token cannot see any more. */
  inaccessible: Schema.optional(BooleanParam),
  rule: Schema.optional(Rule),
  sort: Schema.optional(Schema.Literal("id", "name").annotations(says("must be 'id' or 'name'"))),
  order: Schema.optional(Schema.Literal("asc", "desc").annotations(says("must be 'asc' or 'desc'"))),
  limit: Schema.optional(Limit),
  /** The last row's id, then its sort and order and (sorted by name) its name's sort key, unless sorted by id ascending. */
  cursor: Schema.optional(Cursor.schema(/^[0-9a-f]{32}(?: (?:id|name) (?:asc|desc)(?: [\s\S]*)?)?$/))
})

export const FindingsQuery = Schema.Struct({
  status: Schema.optional(
    Schema.Literal("open", "excused", "resolved", "all").annotations(says("must be 'open', 'excused', 'resolved' or 'all'"))
  ),
  rule: Schema.optional(Rule),
  account_id: Schema.optional(AccountId),
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor.schema(/^[0-9a-f]{32} [a-z_-]+$/))
})

export const SyncsQuery = Schema.Struct({ limit: Schema.optional(Limit) })

export const AccountPath = Schema.Struct({ account_id: AccountId })
export const SyncPath = Schema.Struct({ sync_id: SyncId })
export const JobPath = Schema.Struct({ job_id: JobId })

/** A rule of the engine; whether the current policy gives it an automatic fix is the handler's check. */
export const FixPreviewPath = Schema.Struct({ rule: Rule })

const PolicyVersion = Schema.compose(Digits, Schema.NumberFromString)
  .pipe(Schema.compose(Schema.Int.pipe(Schema.positive())))
  .annotations(says("must be a policy version (a whole number from 1)"))

export const PolicyVersionPath = Schema.Struct({ version: PolicyVersion })

export const PolicyVersionsQuery = Schema.Struct({
  limit: Schema.optional(Limit),
  cursor: Schema.optional(Cursor.schema(/^[1-9][0-9]*$/))
})

/** `Idempotency-Key`: the same key and body within 24 hours answers the same job. */
export const JobHeaders = Schema.Struct({ [IdempotencyKey.FIELD]: Schema.optional(IdempotencyKey.IdempotencyKey) })
