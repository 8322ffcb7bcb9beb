/**
 * The `AccountsClient` for one invocation: built from the Worker's secret and vars over
 * the platform `fetch`. Every call of the invocation shares its rate budget.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import * as Credentials from "@cf-accounts/client/Credentials"
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { Settings } from "./Settings.js"

const ClientConfig = Config.all({
  token: Config.option(Config.redacted("CLOUDFLARE_API_TOKEN")),
  baseUrl: Config.option(Config.string("CLOUDFLARE_BASE_URL")),
  retryBaseMillis: Config.integer("CLIENT_RETRY_BASE_MS").pipe(Config.withDefault(500)),
  maxAttempts: Config.integer("CLIENT_MAX_ATTEMPTS").pipe(Config.withDefault(4))
})

export const layer: Layer.Layer<AccountsClient.AccountsClient, ConfigurationError, Settings> = Layer.unwrapEffect(
  Effect.gen(function* () {
    const settings = yield* Settings
    const config = yield* Effect.mapError(
      ClientConfig,
      () =>
        new ConfigurationError({
          variables: ["CLIENT_RETRY_BASE_MS", "CLIENT_MAX_ATTEMPTS"],
          reason: "must be whole numbers"
        })
    )
    const token = Option.filter(config.token, (t) => Redacted.value(t).trim() !== "")
    if (Option.isNone(token)) {
      return yield* new ConfigurationError({
        variables: ["CLOUDFLARE_API_TOKEN"],
        reason: "is not set; run `wrangler secret put CLOUDFLARE_API_TOKEN`"
      })
    }
    return AccountsClient.layer({
      baseUrl: Option.getOrUndefined(config.baseUrl),
      credentials: Credentials.apiToken(token.value),
      rateLimit: { limit: settings.rateLimitRequests, window: Duration.seconds(settings.rateLimitWindowSeconds) },
      concurrency: settings.concurrency,
      retry: {
        base: Duration.millis(config.retryBaseMillis),
        maxAttempts: config.maxAttempts,
        // A longer wait is not slept through here: the queue redelivers after it instead.
        maxRetryAfter: Duration.seconds(10)
      }
    })
  })
).pipe(Layer.provide(FetchHttpClient.layer))
