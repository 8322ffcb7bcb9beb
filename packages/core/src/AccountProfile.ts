/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Email } from "./Email.js"
import { noControlCharacters } from "./internal/text.js"
import { UnknownFields } from "./UnknownFields.js"

/** A profile field as read: the spec says string; a `null` is "not set" and is kept as null. */
const ReadField = Schema.NullOr(Schema.String)

/**
 * The business profile of an account as the API returns it
 * (`GET /accounts/{account_id}/profile`). The spec requires all five fields as
 * strings; a field the server sends as `null` is read as not set and kept as
 * `null` (a read-modify-write writes it back as `null`, never as `""`). Fields
 * core does not model are kept as sent.
 *
 * @since 0.1.0
 */
export const AccountProfile = Schema.Struct(
  {
    business_name: ReadField,
    business_email: ReadField,
    business_phone: ReadField,
    business_address: ReadField,
    external_metadata: ReadField
  },
  UnknownFields
).annotations({ identifier: "AccountProfile" })

/** @since 0.1.0 */
export type AccountProfile = typeof AccountProfile.Type

const bounded = (max: number, options?: { readonly lines?: boolean }) =>
  Schema.String.pipe(
    Schema.maxLength(max, { message: () => `must be at most ${max} characters` }),
    Schema.filter(noControlCharacters(options))
  )

/**
 * A profile as accepted on input: the same five fields, each bounded so a typo
 * (a file pasted into a flag) is caught before anything is sent, without control
 * characters (an escape sequence would rewrite the terminal or page that shows it;
 * the address and the metadata may hold tabs and line feeds), and
 * `business_email` an {@link Email}. Unknown fields are carried through.
 *
 * @since 0.1.0
 */
export const AccountProfileInput = Schema.Struct(
  {
    business_name: bounded(256),
    business_email: Email,
    business_phone: bounded(64),
    business_address: bounded(1024, { lines: true }),
    external_metadata: bounded(4096, { lines: true })
  },
  UnknownFields
).annotations({ identifier: "AccountProfileInput" })
