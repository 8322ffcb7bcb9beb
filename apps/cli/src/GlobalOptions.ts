/**
 * Options every command accepts (`--output`, `--base-url`, `--verbose`), and what
 * they resolve to: the output format, the base URL, and the log level.
 *
 * @since 0.1.0
 */
import * as ClientOptions from "@cf-accounts/client/ClientOptions"
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Flags from "./Flags.js"
import type { Format } from "./Output.js"
import { Stdio } from "./Stdio.js"

/**
 * The flags every command of the table takes; a handler reads their values as `global`.
 *
 * @since 0.1.0
 */
export const flags = {
  output: Flags.output,
  baseUrl: Flags.baseUrl,
  verbose: Flags.verbose
}

/**
 * What the options parse to.
 *
 * @since 0.1.0
 */
export interface GlobalOptions {
  readonly output: Option.Option<Format>
  readonly baseUrl: Option.Option<string>
  readonly verbose: boolean
}

/**
 * `--base-url` as an override of the client's options, by the client's rule
 * (`ClientOptions.checkBaseUrl`): empty counts as not given (`undefined`), else it
 * must be https (or http to a loopback host) with no credentials, query or fragment.
 *
 * @since 0.1.0
 */
export const baseUrlOverride = (global: GlobalOptions): Effect.Effect<string | undefined, ConfigurationError> =>
  ClientOptions.checkBaseUrl(Option.getOrUndefined(global.baseUrl), "--base-url")

/**
 * The base URL in effect, as the client resolves it (`ClientOptions.baseUrlFromConfig`):
 * `--base-url`, else CLOUDFLARE_BASE_URL, else the default; empty counts as not given.
 *
 * @since 0.1.0
 */
export const resolveBaseUrl = (global: GlobalOptions): Effect.Effect<string, ConfigurationError> =>
  ClientOptions.baseUrlFromConfig(Option.getOrUndefined(global.baseUrl), "--base-url")

/**
 * The output format in effect: `--output`, else table on a terminal and json otherwise.
 *
 * @since 0.1.0
 */
export const resolveFormat = (global: GlobalOptions): Effect.Effect<Format, never, Stdio> =>
  Option.match(global.output, {
    onSome: Effect.succeed,
    onNone: () => Effect.map(Stdio, (stdio): Format => (stdio.stdoutIsTTY ? "table" : "json"))
  })
