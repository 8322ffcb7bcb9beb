/**
 * `@cf-accounts/policy`: a fleet's rules as a file, and the engine that audits,
 * plans and applies them.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as ActionError from "./ActionError.js"
/** @since 0.1.0 */
export * as Apply from "./Apply.js"
/** @since 0.1.0 */
export * as Audit from "./Audit.js"
/** @since 0.1.0 */
export * as Finding from "./Finding.js"
/** @since 0.1.0 */
export * as Fleet from "./Fleet.js"
/** @since 0.1.0 */
export * as JsonSchema from "./JsonSchema.js"
/** @since 0.1.0 */
export * as Load from "./Load.js"
/** @since 0.1.0 */
export * as Plan from "./Plan.js"
/** @since 0.1.0 */
export * as PolicyFile from "./PolicyFile.js"
/** @since 0.1.0 */
export * as PolicyFileError from "./PolicyFileError.js"
/** @since 0.1.0 */
export * as StalePlanError from "./StalePlanError.js"
/** @since 0.1.0 */
export * as UnverifiedListingError from "./UnverifiedListingError.js"
