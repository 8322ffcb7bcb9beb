/**
 * Options every command accepts (`--output`, `--base-url`, `--verbose`), and what
 * they resolve to: the output format, the base URL, and the log level.
 *
 * @since 0.1.0
 */
import { defaultBaseUrl, validateBaseUrl } from "@cf-accounts/client/ClientOptions"
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Flags from "./Flags.js"
import type { Format } from "./Output.js"
import { Stdio } from "./Stdio.js"

/**
 * The options, to spread into a command's config as `global`.
 *
 * @since 0.1.0
 */
export const options = {
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
 * Checks a base URL with the client's rule (https, or http to a loopback host; no
 * credentials, query or fragment), naming `variable` when it is refused.
 *
 * @since 0.1.0
 */
export const checkBaseUrl = (raw: string, variable: string): Effect.Effect<string, ConfigurationError> =>
  validateBaseUrl(raw, variable)

/**
 * The base URL in effect: `--base-url`, else CLOUDFLARE_BASE_URL, else the default.
 *
 * @since 0.1.0
 */
export const resolveBaseUrl = (global: GlobalOptions): Effect.Effect<string, ConfigurationError> =>
  Option.match(global.baseUrl, {
    onSome: (url) => checkBaseUrl(url, "--base-url"),
    onNone: () =>
      Config.option(Config.string("CLOUDFLARE_BASE_URL")).pipe(
        Effect.orElseSucceed(() => Option.none<string>()),
        Effect.flatMap(
          Option.match({
            onNone: () => Effect.succeed(defaultBaseUrl),
            onSome: (url) =>
              url.trim() === "" ? Effect.succeed(defaultBaseUrl) : checkBaseUrl(url.trim(), "CLOUDFLARE_BASE_URL")
          })
        )
      )
  })

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
