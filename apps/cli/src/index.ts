/**
 * `@cf-accounts/cli`: the `cf-accounts` command line. The executable is
 * `dist/cf-accounts.js`; these modules are exported for embedding and tests.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Auth from "./Auth.js"
/** @since 0.1.0 */
export * as Cli from "./Cli.js"
/** @since 0.1.0 */
export * as ExitCode from "./ExitCode.js"
/** @since 0.1.0 */
export * as Output from "./Output.js"
/** @since 0.1.0 */
export * as Stdio from "./Stdio.js"
