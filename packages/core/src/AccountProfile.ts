/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Email } from "./Email.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * The business profile of an account (`GET`/`PUT /accounts/{account_id}/profile`).
 * All five fields are required by the spec, in both directions; fields core does
 * not model are kept as sent.
 *
 * @since 0.1.0
 */
export const AccountProfile = Schema.Struct(
  {
    business_name: Schema.String,
    business_email: Schema.String,
    business_phone: Schema.String,
    business_address: Schema.String,
    external_metadata: Schema.String
  },
  UnknownFields
).annotations({ identifier: "AccountProfile" })

/** @since 0.1.0 */
export type AccountProfile = typeof AccountProfile.Type

const bounded = (max: number) =>
  Schema.String.pipe(Schema.maxLength(max, { message: () => `must be at most ${max} characters` }))

/**
 * A profile as accepted on input: the same five fields, each bounded so a typo
 * (a file pasted into a flag) is caught before anything is sent, and
 * `business_email` an {@link Email}. Unknown fields are carried through.
 *
 * @since 0.1.0
 */
export const AccountProfileInput = Schema.Struct(
  {
    business_name: bounded(256),
    business_email: Email,
    business_phone: bounded(64),
    business_address: bounded(1024),
    external_metadata: bounded(4096)
  },
  UnknownFields
).annotations({ identifier: "AccountProfileInput" })
