/**
 * The account object and the request bodies that create, update and delete one.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AccountName } from "./AccountName.js"
import { Email } from "./Email.js"
import { AccountId, UnitId } from "./Ids.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * @since 0.1.0
 */
export const AccountType = Schema.Literal("standard", "enterprise").annotations({
  identifier: "AccountType",
  // `override`: a literal union is a composite, whose own message is otherwise
  // passed over in favour of its first member's ("Expected "standard"...").
  message: () => ({ message: "must be 'standard' or 'enterprise'", override: true })
})

/** @since 0.1.0 */
export type AccountType = typeof AccountType.Type

/**
 * Account settings. Both fields are optional in the spec; `enforce_twofactor`
 * defaults to `false` on Cloudflare's side. Settings core does not model
 * (`default_nameservers`, `use_account_custom_ns_by_default`, ...) are kept as sent.
 *
 * @since 0.1.0
 */
export const AccountSettings = Schema.Struct(
  {
    abuse_contact_email: Schema.optional(Schema.String),
    enforce_twofactor: Schema.optional(Schema.Boolean)
  },
  UnknownFields
).annotations({ identifier: "AccountSettings" })

/** @since 0.1.0 */
export type AccountSettings = typeof AccountSettings.Type

/**
 * The parent organization of a managed account (read only).
 *
 * @since 0.1.0
 */
export const ManagedBy = Schema.Struct({
  parent_org_id: Schema.optional(Schema.String),
  parent_org_name: Schema.optional(Schema.String)
}).annotations({ identifier: "ManagedBy" })

/** @since 0.1.0 */
export type ManagedBy = typeof ManagedBy.Type

/**
 * A Cloudflare account as the API returns it. Unknown fields are kept as sent
 * (here and in `settings`), never an error; a missing `id`, `name` or `type` is.
 *
 * @since 0.1.0
 */
export const Account = Schema.Struct(
  {
    id: AccountId,
    name: Schema.String,
    type: AccountType,
    created_on: Schema.optional(Schema.String),
    settings: Schema.optional(AccountSettings),
    managed_by: Schema.optional(ManagedBy)
  },
  UnknownFields
).annotations({ identifier: "Account" })

/** @since 0.1.0 */
export type Account = typeof Account.Type

/**
 * Body of `POST /accounts`.
 *
 * @since 0.1.0
 */
export const CreateAccount = Schema.Struct({
  name: AccountName,
  type: Schema.optional(AccountType),
  unit: Schema.optional(Schema.Struct({ id: Schema.optional(UnitId) }))
}).annotations({ identifier: "CreateAccount" })

/** @since 0.1.0 */
export type CreateAccount = typeof CreateAccount.Type

/**
 * Body of `PUT /accounts/{account_id}`. The API replaces the account, so the body
 * is the whole account: `id`, `name` and `type` are required, and fields core
 * does not model are carried through as given. Settings are taken as the server
 * sent them (an echoed value is not re-checked); {@link UpdateAccountInput} checks
 * what a caller supplies.
 *
 * @since 0.1.0
 */
export const UpdateAccount = Schema.Struct(
  {
    id: AccountId,
    name: AccountName,
    type: AccountType,
    settings: Schema.optional(AccountSettings)
  },
  UnknownFields
).annotations({ identifier: "UpdateAccount" })

/** @since 0.1.0 */
export type UpdateAccount = typeof UpdateAccount.Type

/**
 * Settings as a caller supplies them: `abuse_contact_email` must be an
 * {@link Email}; unknown settings are carried through.
 *
 * @since 0.1.0
 */
export const AccountSettingsInput = Schema.Struct(
  {
    abuse_contact_email: Schema.optional(Email),
    enforce_twofactor: Schema.optional(Schema.Boolean)
  },
  UnknownFields
).annotations({ identifier: "AccountSettingsInput" })

/**
 * A whole account as a caller supplies it to `PUT /accounts/{account_id}`:
 * {@link UpdateAccount} with the settings checked as {@link AccountSettingsInput}.
 * Encodes to the same body.
 *
 * @since 0.1.0
 */
export const UpdateAccountInput = Schema.Struct(
  { ...UpdateAccount.fields, settings: Schema.optional(AccountSettingsInput) },
  UnknownFields
).annotations({ identifier: "UpdateAccountInput" })

/**
 * The changes of a read-modify-write: a new name and/or settings to set (each
 * checked); everything else is kept from the account as read.
 *
 * @since 0.1.0
 */
export const AccountChanges = Schema.Struct({
  name: Schema.optional(AccountName),
  settings: Schema.optional(AccountSettingsInput)
}).annotations({ identifier: "AccountChanges" })

/** @since 0.1.0 */
export type AccountChanges = typeof AccountChanges.Type

/**
 * Result of `DELETE /accounts/{account_id}`.
 *
 * @since 0.1.0
 */
export const DeleteAccountResult = Schema.Struct({
  id: AccountId
}).annotations({ identifier: "DeleteAccountResult" })

/** @since 0.1.0 */
export type DeleteAccountResult = typeof DeleteAccountResult.Type
