/**
 * The one read-modify-write rule, shared by `AccountsClient.patch`, the CLI's
 * `update` and `profile set`: send back everything the server returned, except
 * what the caller changed. Fields core does not model (settings such as
 * `default_nameservers`, new profile fields) are kept, since the API replaces
 * the whole object on `PUT`.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/merge.js"

/**
 * The body of `PUT /accounts/{account_id}`: the account as read, with `changes`
 * applied (settings merged key by key). `created_on` and `managed_by` are
 * read-only (the API sets them) and are not written back; every other field,
 * modelled or not, is, as the server sent it (never re-checked, never turned into
 * `""`).
 *
 * A `null` the server sent: for a setting core models (`abuse_contact_email`,
 * `enforce_twofactor`), or for `settings` itself, it is left out. The spec types
 * those as a string, a boolean, an object, all optional: leaving one out is a
 * valid request that means the same "not set", where a `null` is not valid by the
 * spec we send by. A field core does not model (`api_access_enabled: null`) is
 * written back as sent, `null` included: there is no spec to go by, and dropping
 * it could reset it.
 *
 * @example
 * import { Merge } from "@cf-accounts/client"
 * Merge.account(current, { settings: { enforce_twofactor: true } })
 * // { id, name, type, settings: { ...current.settings, enforce_twofactor: true }, ...other fields of current }
 *
 * @since 0.1.0
 */
export const account = internal.account

/**
 * The body of `PUT /accounts/{account_id}/profile`: the profile as read, with
 * the fields given in `changes` replaced. A field the server sent as `null` stays
 * `null` here (never `""`, a value the server never held); `patchProfile` refuses
 * to send such a body (the spec requires all five as strings) and names the field.
 *
 * @example
 * import { Merge } from "@cf-accounts/client"
 * Merge.profile(current, { business_email: "ops@example.test" })
 *
 * @since 0.1.0
 */
export const profile = internal.profile
