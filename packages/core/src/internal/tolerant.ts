/**
 * The tolerant reader's one rule for optional fields of a response.
 *
 * @internal
 */
import * as Schema from "effect/Schema"

/**
 * A field of a response that may be left out or sent as `null`: both read as
 * "not set", and a `null` is kept as `null` (the real API sends, for instance,
 * `"abuse_contact_email": null` on accounts that never set one, where the spec
 * says string).
 *
 * @internal
 */
export const readOptional = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optional(Schema.NullOr(schema))
