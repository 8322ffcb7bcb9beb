/**
 * The `AccountsClient` for one invocation: the client's own config reading
 * (`AccountsClient.layerConfig`) over the Worker's secret and vars (the `ConfigProvider`
 * of `Runtime`), with the worker's limits, over `fetch` (the client's `FetchTransport`). Every call of the
 * invocation shares its rate budget.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import * as Credentials from "@cf-accounts/client/Credentials"
import * as FetchTransport from "@cf-accounts/client/FetchTransport"
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Settings } from "./Settings.js"

const RetryConfig = Config.all({
  retryBaseMillis: Config.integer("CLIENT_RETRY_BASE_MS").pipe(Config.withDefault(500)),
  maxAttempts: Config.integer("CLIENT_MAX_ATTEMPTS").pipe(Config.withDefault(4))
})

const credentialVariables: ReadonlyArray<string> = Object.values(Credentials.variables)

/**
 * The client's error, plus what is the Worker's own: its credentials are secrets, set
 * with wrangler.
 */
const withSecretHint = (error: ConfigurationError): ConfigurationError =>
  error.variables.some((name) => credentialVariables.includes(name))
    ? new ConfigurationError({
        variables: error.variables,
        reason: `${error.reason}; the Worker's secrets are set with \`wrangler secret put ${Credentials.variables.token}\``
      })
    : error

export const layer: Layer.Layer<AccountsClient.AccountsClient, ConfigurationError, Settings> = Layer.unwrapEffect(
  Effect.gen(function* () {
    const settings = yield* Settings
    const retry = yield* Effect.mapError(
      RetryConfig,
      () =>
        new ConfigurationError({
          variables: ["CLIENT_RETRY_BASE_MS", "CLIENT_MAX_ATTEMPTS"],
          reason: "must be whole numbers"
        })
    )
    return AccountsClient.layerConfig({
      rateLimit: { limit: settings.rateLimitRequests, window: Duration.seconds(settings.rateLimitWindowSeconds) },
      concurrency: settings.concurrency,
      retry: {
        base: Duration.millis(retry.retryBaseMillis),
        maxAttempts: retry.maxAttempts,
        // A longer wait is not slept through here: the queue redelivers after it instead.
        maxRetryAfter: Duration.seconds(10)
      }
    }).pipe(Layer.mapError(withSecretHint))
  })
).pipe(Layer.provide(FetchTransport.layer))
