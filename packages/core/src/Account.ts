/**
 * The account object and the request bodies that create, update and delete one.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AccountName } from "./AccountName.js"
import { AccountId, UnitId } from "./Ids.js"

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
 * defaults to `false` on Cloudflare's side.
 *
 * @since 0.1.0
 */
export const AccountSettings = Schema.Struct({
  abuse_contact_email: Schema.optional(Schema.String),
  enforce_twofactor: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "AccountSettings" })

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
 * A Cloudflare account as the API returns it. Unknown fields are dropped on decode,
 * never an error; a missing `id`, `name` or `type` is.
 *
 * @since 0.1.0
 */
export const Account = Schema.Struct({
  id: AccountId,
  name: Schema.String,
  type: AccountType,
  created_on: Schema.optional(Schema.String),
  settings: Schema.optional(AccountSettings),
  managed_by: Schema.optional(ManagedBy)
}).annotations({ identifier: "Account" })

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
 * is the whole account: `id`, `name` and `type` are required.
 *
 * @since 0.1.0
 */
export const UpdateAccount = Schema.Struct({
  id: AccountId,
  name: AccountName,
  type: AccountType,
  settings: Schema.optional(AccountSettings)
}).annotations({ identifier: "UpdateAccount" })

/** @since 0.1.0 */
export type UpdateAccount = typeof UpdateAccount.Type

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
