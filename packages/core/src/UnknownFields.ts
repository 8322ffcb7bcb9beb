/**
 * The fields of an object that core does not model, kept as the server sent them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An index signature for `Schema.Struct(fields, UnknownFields)`: decoding keeps
 * every field the struct does not name (and encoding writes it back), so a
 * read-modify-write returns what the server sent, including settings added to
 * the API after this package was written.
 *
 * @example
 * import * as Schema from "effect/Schema"
 * import { UnknownFields } from "@cf-accounts/core/UnknownFields"
 * const Settings = Schema.Struct({ enforce_twofactor: Schema.optional(Schema.Boolean) }, UnknownFields)
 * Schema.decodeUnknownSync(Settings)({ enforce_twofactor: true, default_nameservers: "custom" })
 * // { enforce_twofactor: true, default_nameservers: "custom" }
 *
 * @since 0.1.0
 */
export const UnknownFields = Schema.Record({ key: Schema.String, value: Schema.Unknown })
