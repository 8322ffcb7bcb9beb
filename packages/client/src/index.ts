/**
 * `@cf-accounts/client`: Cloudflare's Accounts API as an Effect service.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as AccountsClient from "./AccountsClient.js"
/** @since 0.1.0 */
export * as AccountsRequest from "./AccountsRequest.js"
/** @since 0.1.0 */
export * as ClientOptions from "./ClientOptions.js"
/** @since 0.1.0 */
export * as Credentials from "./Credentials.js"
/** @since 0.1.0 */
export * as ErrorPredicates from "./ErrorPredicates.js"
/** @since 0.1.0 */
export * as FetchTransport from "./FetchTransport.js"
/** @since 0.1.0 */
export * as Listing from "./Listing.js"
/** @since 0.1.0 */
export * as Merge from "./Merge.js"
/** @since 0.1.0 */
export * as RateLimiter from "./RateLimiter.js"
/** @since 0.1.0 */
export * as Redaction from "./Redaction.js"
/** @since 0.1.0 */
export * as RetryPolicy from "./RetryPolicy.js"
/** @since 0.1.0 */
export * as Version from "./Version.js"
