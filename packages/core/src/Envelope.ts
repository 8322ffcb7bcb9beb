/**
 * Cloudflare's response envelope, modelled once:
 * `{ success, errors[], messages[], result, result_info? }`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ResponseInfo } from "./ResponseInfo.js"
import { ResultInfo } from "./ResultInfo.js"

/**
 * `errors` and `messages` as sent, absent or `null`: the spec requires both, but an
 * answer without them is still a success. Not defaulted to `[]`: a default makes
 * the envelope a transformation, whose decoded side Schema checks a second time,
 * every account of a page included.
 */
const infoList = Schema.optional(Schema.NullOr(Schema.Array(ResponseInfo)))

/** A failure's `messages`: `[]` when absent (failures are rare; no page of accounts to check twice). */
const failureMessages = Schema.optionalWith(Schema.Array(ResponseInfo), { default: () => [], nullable: true })

/**
 * A successful envelope around `result`. `errors`, `messages` and `result_info`
 * are kept when present.
 *
 * @example
 * import { Account, Envelope } from "@cf-accounts/core"
 * import * as Schema from "effect/Schema"
 * const decode = Schema.decodeUnknownSync(Envelope.Envelope(Account.Account))
 *
 * @since 0.1.0
 */
export const Envelope = <A, I, R>(result: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    success: Schema.Literal(true),
    errors: infoList,
    messages: infoList,
    result,
    result_info: Schema.optional(Schema.NullOr(ResultInfo))
  })

/**
 * A successful list envelope: `result` is an array; `result_info` is optional, as
 * in the spec (a listing without it is paged without a count check).
 *
 * @since 0.1.0
 */
export const PagedEnvelope = <A, I, R>(item: Schema.Schema<A, I, R>) =>
  Schema.Struct({
    success: Schema.Literal(true),
    errors: infoList,
    messages: infoList,
    result: Schema.Array(item),
    result_info: Schema.optional(Schema.NullOr(ResultInfo))
  })

/**
 * A failed envelope. Both variants in the spec decode: the accounts operations
 * answer `result: null`; the organizations-API ones (move, batch move,
 * organizations, profile) answer an object or leave `result` out.
 *
 * @since 0.1.0
 */
export const FailureEnvelope = Schema.Struct({
  success: Schema.Literal(false),
  errors: Schema.Array(ResponseInfo),
  messages: failureMessages,
  result: Schema.optional(
    Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  )
}).annotations({ identifier: "FailureEnvelope" })

/** @since 0.1.0 */
export type FailureEnvelope = typeof FailureEnvelope.Type

/**
 * Just enough of any envelope to read its errors: used on error statuses where the
 * body may be anything (an HTML page from the edge, a truncated body).
 *
 * @since 0.1.0
 */
export const ErrorsOnly = Schema.Struct({
  success: Schema.optional(Schema.Boolean),
  errors: Schema.Array(ResponseInfo)
}).annotations({ identifier: "ErrorsOnly" })
