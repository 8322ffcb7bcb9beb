/**
 * The engine of `Merge` (the public module holds its documentation).
 *
 * @internal
 */
import * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"

/** `changes` without the keys whose value is `undefined` (a change left out, not a change to "nothing"). */
const defined = <A extends object>(changes: A): Partial<A> =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<A>

/** The settings core models (the ones the spec types), so a `null` of theirs is left out. */
const MODELLED_SETTINGS: ReadonlySet<string> = new Set(Account.modelledSettings)

/** `settings` without the modelled ones the server sent as `null` (see {@link account}). */
const withoutModelledNulls = (settings: Account.AccountSettings): Account.AccountSettings =>
  Object.fromEntries(
    Object.entries(settings).filter(([key, value]) => !(value === null && MODELLED_SETTINGS.has(key)))
  ) as Account.AccountSettings

/** @internal */
export const account = (current: Account.Account, changes: Account.AccountChanges): Account.UpdateAccount => {
  const { created_on: _createdOn, managed_by: _managedBy, settings: read, ...kept } = current
  const merged = changes.settings === undefined ? read : { ...read, ...defined(changes.settings) }
  const settings = merged == null ? undefined : withoutModelledNulls(merged)
  return {
    ...kept,
    ...(changes.name === undefined ? {} : { name: changes.name }),
    ...(settings === undefined ? {} : { settings })
  }
}

/** @internal */
export const profile = (
  current: AccountProfile.AccountProfile,
  changes: { readonly [K in keyof AccountProfile.AccountProfile]?: string | undefined }
): AccountProfile.AccountProfile =>
  // Safe: `defined` dropped every key whose value is undefined, so each one left is a string.
  ({ ...current, ...(defined(changes) as Partial<AccountProfile.AccountProfile>) })
