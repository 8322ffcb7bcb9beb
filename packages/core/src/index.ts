/**
 * `@cf-accounts/core`: schemas, branded ids and typed errors for Cloudflare's
 * Accounts API. Pure data: no I/O, no dependency but `effect`.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Account from "./Account.js"
/** @since 0.1.0 */
export * as AccountName from "./AccountName.js"
/** @since 0.1.0 */
export * as AccountProfile from "./AccountProfile.js"
/** @since 0.1.0 */
export * as CloudflareError from "./CloudflareError.js"
/** @since 0.1.0 */
export * as Email from "./Email.js"
/** @since 0.1.0 */
export * as Envelope from "./Envelope.js"
/** @since 0.1.0 */
export * as ErrorCode from "./ErrorCode.js"
/** @since 0.1.0 */
export * as Ids from "./Ids.js"
/** @since 0.1.0 */
export * as Input from "./Input.js"
/** @since 0.1.0 */
export * as ListAccountsParams from "./ListAccountsParams.js"
/** @since 0.1.0 */
export * as Move from "./Move.js"
/** @since 0.1.0 */
export * as Operations from "./Operations.js"
/** @since 0.1.0 */
export * as Organization from "./Organization.js"
/** @since 0.1.0 */
export * as ResponseInfo from "./ResponseInfo.js"
/** @since 0.1.0 */
export * as ResultInfo from "./ResultInfo.js"
/** @since 0.1.0 */
export * as UnknownFields from "./UnknownFields.js"
