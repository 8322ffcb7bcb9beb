/**
 * The one read-modify-write rule, shared by `AccountsClient.patch`, the CLI's
 * `update` and `profile set`: send back everything the server returned, except
 * what the caller changed. Fields core does not model (settings such as
 * `default_nameservers`, new profile fields) are kept, since the API replaces
 * the whole object on `PUT`.
 *
 * @since 0.1.0
 */
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"

/** `changes` without the keys whose value is `undefined` (a change left out, not a change to "nothing"). */
const defined = <A extends object>(changes: A): Partial<A> =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<A>

/**
 * The body of `PUT /accounts/{account_id}`: the account as read, with `changes`
 * applied (settings merged key by key). `created_on` and `managed_by` are
 * read-only (the API sets them) and are not written back; every other field,
 * modelled or not, is.
 *
 * @example
 * import { Merge } from "@cf-accounts/client"
 * Merge.account(current, { settings: { enforce_twofactor: true } })
 * // { id, name, type, settings: { ...current.settings, enforce_twofactor: true }, ...other fields of current }
 *
 * @since 0.1.0
 */
export const account = (current: Account.Account, changes: Account.AccountChanges): Account.UpdateAccount => {
  const { created_on: _createdOn, managed_by: _managedBy, ...kept } = current
  const settings =
    changes.settings === undefined ? current.settings : { ...current.settings, ...defined(changes.settings) }
  return {
    ...kept,
    ...(changes.name === undefined ? {} : { name: changes.name }),
    ...(settings === undefined ? {} : { settings })
  }
}

/**
 * The body of `PUT /accounts/{account_id}/profile`: the profile as read, with
 * the fields given in `changes` replaced.
 *
 * @example
 * import { Merge } from "@cf-accounts/client"
 * Merge.profile(current, { business_email: "ops@example.test" })
 *
 * @since 0.1.0
 */
export const profile = (
  current: AccountProfile.AccountProfile,
  changes: { readonly [K in keyof AccountProfile.AccountProfile]?: AccountProfile.AccountProfile[K] | undefined }
): AccountProfile.AccountProfile =>
  // Safe: `defined` dropped every key whose value is undefined, so each one left is a string.
  ({ ...current, ...(defined(changes) as Partial<AccountProfile.AccountProfile>) })
