/**
 * What every command shares around its body: the output format, the stderr
 * logger (`--verbose` raises it to Debug so each HTTP attempt shows), the client
 * built from the environment and `--base-url`, and one-line failure reports.
 *
 * @since 0.1.0
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import * as FetchTransport from "@cf-accounts/client/FetchTransport"
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as HashSet from "effect/HashSet"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Context from "effect/Context"
import * as Option from "effect/Option"
import { Auth } from "./Auth.js"
import { baseUrlOverride, type GlobalOptions, resolveFormat } from "./GlobalOptions.js"
import type { Format } from "./Output.js"
import * as Report from "./Report.js"
import { Stdio } from "./Stdio.js"
import { version } from "./Version.js"

const show = (message: unknown): string => {
  if (typeof message === "string") return message
  if (Array.isArray(message)) return message.map(show).join(" ")
  try {
    return JSON.stringify(message) ?? String(message)
  } catch {
    return String(message)
  }
}

/**
 * The level `--log-level` asked for, if it was given.
 *
 * @since 0.1.0
 */
export class RequestedLogLevel extends Context.Reference<RequestedLogLevel>()("@cf-accounts/cli/RequestedLogLevel", {
  defaultValue: (): Option.Option<LogLevel.LogLevel> => Option.none()
}) {}

/**
 * Runs `effect` with one logger, writing `[level] message` lines to stderr with
 * secrets removed, at Debug with `--verbose`, else at `--log-level`, else at Warning.
 *
 * @since 0.1.0
 */
export const withStderrLogger =
  (verbose: boolean) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Stdio> =>
    Effect.flatMap(Effect.zip(Stdio, RequestedLogLevel), ([stdio, requested]) => {
      const logger = Logger.make(({ logLevel, message }) => {
        stdio.errSync(`[${logLevel.label.toLowerCase()}] ${show(message)}\n`)
      })
      return effect.pipe(
        // A fiber the HTTP client interrupts or fails while a request is retried is not
        // the user's concern: Effect logs each at Debug, which --verbose would show.
        Effect.withUnhandledErrorLogLevel(Option.none()),
        Effect.locally(FiberRef.currentLoggers, HashSet.make(logger)),
        Effect.locally(FiberRef.currentMinimumLogLevel, verbose ? LogLevel.Debug : Option.getOrElse(requested, () => LogLevel.Warning))
      )
    })

/**
 * The Accounts client from the client's own config reading (`AccountsClient.layerConfig`):
 * the credentials {@link Auth} read (CLOUDFLARE_API_TOKEN, or CLOUDFLARE_API_KEY +
 * CLOUDFLARE_EMAIL, or CLOUDFLARE_API_USER_SERVICE_KEY), `--base-url` as an override
 * of CLOUDFLARE_BASE_URL.
 *
 * @since 0.1.0
 */
export const clientLayer = (
  global: GlobalOptions
): Layer.Layer<AccountsClient.AccountsClient, ConfigurationError, Auth> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const baseUrl = yield* baseUrlOverride(global)
      const credentials = yield* (yield* Auth).credentials
      return AccountsClient.layerConfig({ credentials, baseUrl, userAgent: `cf-accounts-cli/${version}` })
    })
  ).pipe(Layer.provide(FetchTransport.layer))

/**
 * Provides the client to `effect`. Commands call it only where they send
 * something, so `--dry-run` works without credentials.
 *
 * @since 0.1.0
 */
export const withClient =
  (global: GlobalOptions) =>
  <A, E, R>(
    effect: Effect.Effect<A, E, R>
  ): Effect.Effect<A, E | ConfigurationError, Exclude<R, AccountsClient.AccountsClient> | Auth> =>
    Effect.provide(effect, clientLayer(global))

/**
 * Runs a command's body with its format resolved, logging set up, and failures
 * reported as one line on stderr.
 *
 * @since 0.1.0
 */
export const run = <A, E, R>(
  command: string,
  global: GlobalOptions,
  body: (format: Format) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R | Stdio> =>
  Effect.flatMap(resolveFormat(global), body).pipe(Report.failures(command), withStderrLogger(global.verbose))
