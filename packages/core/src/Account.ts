/**
 * The account object and the request bodies that create, update and delete one.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AccountName } from "./AccountName.js"
import { Email } from "./Email.js"
import { AccountId, UnitId } from "./Ids.js"
import { readOptional } from "./internal/tolerant.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * An account type as a caller gives it (`create --type`): one of the two the spec
 * lists. Checked strictly: it is what we send.
 *
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
 * A type the spec does not list (yet), kept as the server sent it.
 *
 * @since 0.1.0
 */
export const UnknownAccountType = Schema.String.pipe(
  Schema.brand("UnknownAccountType"),
  Schema.annotations({ identifier: "UnknownAccountType" })
)

/** @since 0.1.0 */
export type UnknownAccountType = typeof UnknownAccountType.Type

/**
 * An account type as the API returns it: a known {@link AccountType}, or any
 * other string as sent ({@link UnknownAccountType}), so one account of a type
 * added after this package was written never fails a fleet's listing.
 *
 * @example
 * import { Account } from "@cf-accounts/core"
 * import * as Schema from "effect/Schema"
 * Schema.decodeUnknownSync(Account.AnyAccountType)("partner") // "partner", typed as UnknownAccountType
 *
 * @since 0.1.0
 */
export const AnyAccountType = Schema.Union(AccountType, UnknownAccountType).annotations({
  identifier: "AnyAccountType"
})

/** @since 0.1.0 */
export type AnyAccountType = typeof AnyAccountType.Type

/**
 * Whether `type` is one the spec lists.
 *
 * @since 0.1.0
 */
export const isKnownType = (type: AnyAccountType): type is AccountType => type === "standard" || type === "enterprise"

/**
 * Account settings as the API returns them. Both modelled fields are optional in
 * the spec and may be `null` in real answers ("not set"); `enforce_twofactor`
 * defaults to `false` on Cloudflare's side. Settings core does not model
 * (`api_access_enabled`, `access_approval_expiry`, `default_nameservers`, ...) are
 * kept as sent, nulls included.
 *
 * @since 0.1.0
 */
export const AccountSettings = Schema.Struct(
  {
    abuse_contact_email: readOptional(Schema.String),
    enforce_twofactor: readOptional(Schema.Boolean)
  },
  UnknownFields
).annotations({ identifier: "AccountSettings" })

/** @since 0.1.0 */
export type AccountSettings = typeof AccountSettings.Type

/**
 * The name of a setting core models: one the spec types.
 *
 * @since 0.1.0
 */
export type ModelledSetting = keyof typeof AccountSettings.fields

/**
 * The settings core models (`abuse_contact_email`, `enforce_twofactor`), from
 * {@link AccountSettings}' fields: the ones the spec types, whose `null` means
 * "not set" and whose input rules {@link AccountSettingsInput} holds. Every other
 * setting is one core does not model, carried through as sent.
 *
 * @example
 * import { Account } from "@cf-accounts/core"
 * Account.modelledSettings // ["abuse_contact_email", "enforce_twofactor"]
 *
 * @since 0.1.0
 */
export const modelledSettings: ReadonlyArray<ModelledSetting> =
  // Safe: the keys of the fields object are exactly the field names the type lists.
  Object.keys(AccountSettings.fields) as Array<ModelledSetting>

/**
 * The parent organization of a managed account (read only).
 *
 * @since 0.1.0
 */
export const ManagedBy = Schema.Struct(
  {
    parent_org_id: readOptional(Schema.String),
    parent_org_name: readOptional(Schema.String)
  },
  UnknownFields
).annotations({ identifier: "ManagedBy" })

/** @since 0.1.0 */
export type ManagedBy = typeof ManagedBy.Type

/**
 * A Cloudflare account as the API returns it: a tolerant reader. Unknown fields
 * (`legacy_flags`, ...) are kept as sent, here and in `settings`; an optional
 * field sent as `null` is kept as `null`; a `type` the spec does not list is kept
 * as an {@link UnknownAccountType}; `created_on` is kept as the string sent
 * (Cloudflare's carry microseconds). Only a missing `id`, `name` or `type`, or
 * an `id` that is not an account id, is an error.
 *
 * @since 0.1.0
 */
export const Account = Schema.Struct(
  {
    id: AccountId,
    name: Schema.String,
    type: AnyAccountType,
    created_on: readOptional(Schema.String),
    settings: readOptional(AccountSettings),
    managed_by: readOptional(ManagedBy)
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
 * Body of `PUT /accounts/{account_id}` as written back by a read-modify-write.
 * The API replaces the account, so the body is the whole account: `id`, `name`
 * and `type` are required, and fields core does not model are carried through as
 * given. Every value is taken as the server holds it and is not re-checked by an
 * input rule (a name longer than a caller may type, a `type` the spec does not
 * list, an abuse contact that is not an address); {@link UpdateAccountInput}
 * checks what a caller supplies.
 *
 * @since 0.1.0
 */
export const UpdateAccount = Schema.Struct(
  {
    id: AccountId,
    name: Schema.String,
    type: AnyAccountType,
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
 * checked strictly, as everything a caller gives ({@link AccountName}, a known
 * {@link AccountType}, settings as {@link AccountSettingsInput}). Encodes to the
 * same body as {@link UpdateAccount}. To change an account read from the server,
 * use the client's `patch`, which checks only what changes.
 *
 * @since 0.1.0
 */
export const UpdateAccountInput = Schema.Struct(
  {
    id: AccountId,
    name: AccountName,
    type: AccountType,
    settings: Schema.optional(AccountSettingsInput)
  },
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
