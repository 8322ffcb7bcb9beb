/**
 * The engine of `ClientOptions` (the public module holds its documentation).
 *
 * @internal
 */
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Credentials from "./credentials.js"
import * as RetryPolicy from "./retryPolicy.js"
import * as Version from "./version.js"

/** @internal */
export interface RateLimitOptions {
  /** Requests allowed per window (Cloudflare: 1,200). */
  readonly limit: number
  /** The sliding window (Cloudflare: 5 minutes). */
  readonly window: Duration.DurationInput
}

/** @internal */
export interface ClientOptions {
  /** Default `https://api.cloudflare.com/client/v4` (also when empty). `http://` only for loopback hosts. */
  readonly baseUrl?: string | undefined
  readonly credentials: Credentials.Credentials
  /** Overrides of the retry policy, see {@link RetryPolicy.defaults}. */
  readonly retry?: Partial<RetryPolicy.RetryOptions> | undefined
  /** Per-attempt timeout, inside the retried region. Default 60 s. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Overall deadline of one call, retries included. Default 3 minutes. */
  readonly deadline?: Duration.DurationInput | undefined
  /** Client-side rate limit shared by every call of one client; `false` turns it off. Default 1,200 / 5 min. */
  readonly rateLimit?: RateLimitOptions | false | undefined
  /** Concurrency of bulk helpers. Default 8. */
  readonly concurrency?: number | undefined
  /** Pages fetched ahead by `pages`/`all`. Default 4. */
  readonly prefetch?: number | undefined
  /** Default `cf-accounts/<version>`. */
  readonly userAgent?: string | undefined
  /** A last change to the HTTP client (a proxy, extra headers, tracing). */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/** @internal */
export interface ResolvedOptions {
  readonly baseUrl: string
  readonly credentials: Credentials.Credentials
  readonly retry: RetryPolicy.ResolvedRetryOptions
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration
  readonly rateLimit: { readonly limit: number; readonly window: Duration.Duration } | false
  readonly concurrency: number
  readonly prefetch: number
  readonly userAgent: string
  readonly transformClient: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/** @internal */
export const defaultBaseUrl = "https://api.cloudflare.com/client/v4"

/** @internal */
export const baseUrlVariable = "CLOUDFLARE_BASE_URL"

/** @internal */
export const defaults = {
  timeout: Duration.seconds(60),
  deadline: Duration.minutes(3),
  rateLimit: { limit: 1200, window: Duration.minutes(5) },
  concurrency: 8,
  prefetch: 4
} as const

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/** @internal */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1")
  return host === "localhost" || host === "::1" || LOOPBACK_V4.test(host)
}

/** @internal */
export const validateBaseUrl = (
  input: string,
  variable: string = baseUrlVariable
): Either.Either<string, ConfigurationError> => {
  // The value is echoed whole, with any `user:password@` removed: never a credential.
  const shown = JSON.stringify(input.trim().replace(/^([^/]*\/\/)?[^/@]*@/, "$1"))
  const fail = (rule: string) => Either.left(new ConfigurationError({ variables: [variable], reason: `${rule} (got ${shown})` }))
  const parsed = Either.try(() => new URL(input))
  if (Either.isLeft(parsed)) {
    const meant = `https://${JSON.parse(shown) as string}`
    const valid = Either.isRight(validateBaseUrl(meant, variable))
    return Either.left(
      new ConfigurationError({
        variables: [variable],
        reason: `is not an absolute URL (got ${shown}: a base URL starts with https://)${valid ? `; did you mean ${JSON.stringify(meant)}?` : ""}`
      })
    )
  }
  const url = parsed.right
  if (url.protocol !== "https:" && url.protocol !== "http:") return fail("must use https://")
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return fail("http:// is only allowed for loopback hosts (127.0.0.0/8, ::1, localhost)")
  }
  if (url.username !== "" || url.password !== "") return fail("must not contain credentials")
  if (url.search !== "" || url.hash !== "") return fail("must not contain a query or fragment")
  return Either.right(`${url.origin}${url.pathname.replace(/\/+$/, "")}`)
}

/** @internal */
export const checkBaseUrl = (
  input: string | undefined,
  name: string = baseUrlVariable
): Either.Either<string | undefined, ConfigurationError> =>
  input === undefined || input.trim() === "" ? Either.right(undefined) : validateBaseUrl(input.trim(), name)

/** @internal */
export const baseUrlFromConfig = (
  override?: string | undefined,
  overrideName = "baseUrl"
): Effect.Effect<string, ConfigurationError> =>
  Effect.gen(function* () {
    const given = yield* checkBaseUrl(override, overrideName)
    if (given !== undefined) return given
    const variable = yield* Effect.mapError(
      Config.option(Config.string(baseUrlVariable)),
      (error) => new ConfigurationError({ variables: [baseUrlVariable], reason: String(error) })
    )
    return (yield* checkBaseUrl(Option.getOrUndefined(variable), baseUrlVariable)) ?? defaultBaseUrl
  })

const positiveInt = (name: string, value: number): Either.Either<number, ConfigurationError> =>
  Number.isInteger(value) && value >= 1
    ? Either.right(value)
    : Either.left(new ConfigurationError({ variables: [name], reason: `must be a whole number of at least 1 (got ${value})` }))

const positiveDuration = (
  name: string,
  value: Duration.DurationInput
): Either.Either<Duration.Duration, ConfigurationError> => {
  const duration = Duration.decodeUnknown(value)
  return duration._tag === "Some" && Duration.greaterThan(duration.value, Duration.zero)
    ? Either.right(duration.value)
    : Either.left(new ConfigurationError({ variables: [name], reason: "must be a positive duration" }))
}

/** @internal */
export const resolve = (options: ClientOptions): Effect.Effect<ResolvedOptions, ConfigurationError> =>
  Effect.gen(function* () {
    const baseUrl = (yield* checkBaseUrl(options.baseUrl, "baseUrl")) ?? defaultBaseUrl
    const credentials = yield* Credentials.validate(options.credentials)
    const retry = yield* RetryPolicy.resolve(options.retry ?? {})
    const timeout = yield* positiveDuration("timeout", options.timeout ?? defaults.timeout)
    const deadline = yield* positiveDuration("deadline", options.deadline ?? defaults.deadline)
    const concurrency = yield* positiveInt("concurrency", options.concurrency ?? defaults.concurrency)
    const prefetch = yield* positiveInt("prefetch", options.prefetch ?? defaults.prefetch)
    const rateLimitInput = options.rateLimit ?? defaults.rateLimit
    const rateLimit =
      rateLimitInput === false
        ? false
        : {
            limit: yield* positiveInt("rateLimit.limit", rateLimitInput.limit),
            window: yield* positiveDuration("rateLimit.window", rateLimitInput.window)
          }
    return {
      baseUrl,
      credentials,
      retry,
      timeout,
      deadline,
      rateLimit,
      concurrency,
      prefetch,
      userAgent: options.userAgent ?? Version.userAgent,
      transformClient: options.transformClient
    }
  })

/** @internal */
export const fromConfig = (overrides: Partial<ClientOptions> = {}): Effect.Effect<ClientOptions, ConfigurationError> =>
  Effect.gen(function* () {
    const credentials = overrides.credentials ?? (yield* Credentials.fromConfig)
    const baseUrl = yield* baseUrlFromConfig(overrides.baseUrl)
    return { ...overrides, credentials, baseUrl }
  })
