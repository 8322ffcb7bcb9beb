/**
 * `@cf-accounts/cli`: the `cf-accounts` command line. The published package
 * is the bundled executable `dist/cf-accounts.js` alone; this index gathers the
 * modules the bundle and the in-repository tests use, and is not published.
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
