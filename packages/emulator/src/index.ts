/**
 * `@cf-accounts/emulator`: a local, stateful Cloudflare Accounts API with fault
 * injection, for tests, demos and benchmarks.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Admin from "./Admin.js"
/** @since 0.1.0 */
export * as Emulator from "./Emulator.js"
/** @since 0.1.0 */
export * as EmulatorOptions from "./EmulatorOptions.js"
/** @since 0.1.0 */
export * as ErrorCodes from "./ErrorCodes.js"
/** @since 0.1.0 */
export * as FaultConfig from "./FaultConfig.js"
/** @since 0.1.0 */
export * as Faults from "./Faults.js"
/** @since 0.1.0 */
export * as Seed from "./Seed.js"
/** @since 0.1.0 */
export * as State from "./State.js"
/** @since 0.1.0 */
export * as Testing from "./Testing.js"
/** @since 0.1.0 */
export { startEmulator } from "./start.js"
