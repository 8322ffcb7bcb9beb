/**
 * The package version, sent in every request as `User-Agent: cf-accounts/<version>`.
 * Kept in sync with `package.json` (a test checks it).
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export const version = "0.0.0"

/** @since 0.1.0 */
export const userAgent = `cf-accounts/${version}`
