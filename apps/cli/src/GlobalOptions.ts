/**
 * Options every command accepts (`--output`, `--base-url`, `--verbose`), and what
 * they resolve to: the output format, the base URL, and the log level.
 *
 * @since 0.1.0
 */
import * as ClientOptions from "@cf-accounts/client/ClientOptions"
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
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

const isBaseUrlError = (error: unknown): error is ConfigurationError =>
  error instanceof ConfigurationError &&
  (error.variables[0] === "--base-url" || error.variables[0] === ClientOptions.baseUrlVariable)

/**
 * A base URL as it may be shown: trimmed, with any `user:password@` removed.
 *
 * @since 0.1.0
 */
export const shownBaseUrl = (given: string): string => given.trim().replace(/^([^/]*\/\/)?[^/@]*@/, "$1")

/**
 * `effect` with a refused base URL echoed whole in the error, as `--base-url`
 * or CLOUDFLARE_BASE_URL gave it (any `user:password@` removed), in place of
 * the part the client names (`(got htps:)`); with no scheme at all
 * (`api.cloudflare.com/client/v4`), also the https:// URL it may have meant.
 *
 * @since 0.1.0
 */
export const echoBaseUrl =
  (global: GlobalOptions) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | ConfigurationError, R> =>
    Effect.catchIf(effect, (error): error is E & ConfigurationError => isBaseUrlError(error), (error) =>
      Effect.gen(function* () {
        const given =
          error.variables[0] === "--base-url"
            ? Option.getOrUndefined(global.baseUrl)
            : yield* Config.string(ClientOptions.baseUrlVariable).pipe(Effect.orElseSucceed(() => undefined))
        if (given === undefined) return yield* error
        const shown = shownBaseUrl(given)
        // The client's rule, without the part of the URL it names ("(got htps:)", ", got example.com").
        const rule = error.reason.replace(/ \(got [^)]*\)$|, got \S*$/, "")
        const echoed = `${rule} (got ${JSON.stringify(shown)})`
        if (error.reason !== "is not an absolute URL") return yield* new ConfigurationError({ variables: error.variables, reason: echoed })
        const meant = `https://${shown}`
        const hint = Either.isRight(ClientOptions.validateBaseUrl(meant)) ? `; did you mean ${JSON.stringify(meant)}?` : ""
        return yield* new ConfigurationError({
          variables: error.variables,
          reason: `${error.reason} (got ${JSON.stringify(shown)}: a base URL starts with https://)${hint}`
        })
      })
    )

/**
 * The base URL in effect, as the client resolves it (`ClientOptions.baseUrlFromConfig`):
 * `--base-url`, else CLOUDFLARE_BASE_URL, else the default; empty counts as not given.
 *
 * @since 0.1.0
 */
export const resolveBaseUrl = (global: GlobalOptions): Effect.Effect<string, ConfigurationError> =>
  ClientOptions.baseUrlFromConfig(Option.getOrUndefined(global.baseUrl), "--base-url").pipe(echoBaseUrl(global))

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
