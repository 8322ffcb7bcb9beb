/**
 * The version of the command line, shown by `--version` and sent in the user agent.
 *
 * @since 0.1.0
 */

// Defined by the bundler (scripts/bundle.mjs) from package.json.
declare const __CF_ACCOUNTS_CLI_VERSION__: string | undefined

/**
 * @since 0.1.0
 */
export const version: string =
  typeof __CF_ACCOUNTS_CLI_VERSION__ === "string" ? __CF_ACCOUNTS_CLI_VERSION__ : "0.0.0-dev"
