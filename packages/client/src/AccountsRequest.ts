/**
 * Pure, validated descriptions of the Accounts API requests: the one place
 * where routes, query parameters and bodies are built. Each function checks its
 * raw input with core's schemas (failing with `InvalidInputError` naming the
 * field) and percent-encodes path segments regardless. The client sends these;
 * the CLI's `--dry-run` prints them.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/accountsRequest.js"

/**
 * @since 0.1.0
 */
export type Method = internal.Method

/**
 * One request, ready to send.
 *
 * @since 0.1.0
 */
export type RequestSpec = internal.RequestSpec

/**
 * The route templates, as the spec names them (from core's `Operations`).
 *
 * @since 0.1.0
 */
export const routes = internal.routes

/**
 * Checks an account id (`account_id`): 32 hexadecimal characters.
 *
 * @since 0.1.0
 */
export const accountId = internal.accountId

/**
 * `POST /accounts`.
 *
 * @since 0.1.0
 */
export const create = internal.create

/**
 * `GET /accounts` (one page).
 *
 * @since 0.1.0
 */
export const list = internal.list

/**
 * Page `page` of a listing request `spec` made (and checked) by {@link list}:
 * the same request with only its `page` changed, checked no more. For
 * fetching page after page without checking the same parameters each time.
 *
 * @since 0.1.0
 */
export const atPage = internal.atPage

/**
 * `GET /accounts/{account_id}`.
 *
 * @since 0.1.0
 */
export const get = internal.get

/**
 * `PUT /accounts/{account_id}`: the body is the whole account (id, name, type,
 * settings, and any field core does not model), as the spec requires. Checked
 * as a caller supplies it (`UpdateAccountInput`: the abuse contact must be an email).
 *
 * @since 0.1.0
 */
export const update = internal.update

/**
 * Checks the changes of a read-modify-write (`AccountChanges`): a name, settings,
 * an abuse contact that is an email. A key that is not one of these (`nmae`,
 * `type`, a misspelt setting such as `enforce_twofactr`) and changes that change
 * nothing (`{}`) are errors too, so a typo never becomes a write of the unchanged
 * account or a new unknown setting. Fails with `InvalidInputError` naming the field.
 *
 * @since 0.1.0
 */
export const changes = internal.changes

/**
 * `PUT /accounts/{account_id}` as a read-modify-write: `current` (as read) with
 * `changes` applied by {@link Merge.account}. Only the changes are checked as
 * input; values echoed from the server (a name longer than a caller may type, or
 * with a control character, an unknown setting) are sent back as they are.
 *
 * @since 0.1.0
 */
export const patch = internal.patch

/**
 * Checks the changes of a profile read-modify-write: any of the five profile
 * fields, each as `AccountProfileInput` checks it. Another key, or no change at
 * all, is an `InvalidInputError` naming it.
 *
 * @since 0.1.0
 */
export const profileChanges = internal.profileChanges

/**
 * `PUT /accounts/{account_id}/profile` as a read-modify-write: `current` (as
 * read) with `changes` applied by {@link Merge.profile}. Only the changes are
 * checked as input; values echoed from the server are sent back as they are.
 *
 * A profile field the server sent as `null` (not set) must be among the changes:
 * the PUT replaces the whole profile and the spec requires all five fields as
 * strings, so a `null` cannot be sent, left out or turned into `""` (a value the
 * server never held). How Cloudflare would take either is unknown, so nothing is
 * sent and the error names the field (the first such one; its rule lists them
 * all), with no value: the caller gave none.
 *
 * @since 0.1.0
 */
export const patchProfile = internal.patchProfile

/**
 * `DELETE /accounts/{account_id}`.
 *
 * @since 0.1.0
 */
const remove = internal.delete
export { remove as delete }

/**
 * `POST /accounts/{account_id}/move`.
 *
 * @since 0.1.0
 */
export const move = internal.move

/**
 * `POST /accounts/move`.
 *
 * @since 0.1.0
 */
export const batchMove = internal.batchMove

/**
 * `GET /accounts/{account_id}/organizations`.
 *
 * @since 0.1.0
 */
export const listOrganizations = internal.listOrganizations

/**
 * `GET /accounts/{account_id}/profile`.
 *
 * @since 0.1.0
 */
export const getProfile = internal.getProfile

/**
 * `PUT /accounts/{account_id}/profile`: all five fields, as the spec requires
 * (`business_email` an email), and any field core does not model.
 *
 * @since 0.1.0
 */
export const updateProfile = internal.updateProfile
