/**
 * The package version, sent in every request as `User-Agent: cf-accounts/<version>`.
 * Kept in sync with `package.json` (a test checks it).
 *
 * @since 0.1.0
 */
import * as internal from "./internal/version.js"

/** @since 0.1.0 */
export const version = internal.version

/** @since 0.1.0 */
export const userAgent = internal.userAgent
