/**
 * Options of an {@link AccountsClient}, their defaults, and their checks.
 *
 * @since 0.1.0
 */
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Credentials from "./Credentials.js"
import * as RetryPolicy from "./RetryPolicy.js"
import * as Version from "./Version.js"

/**
 * @since 0.1.0
 */
export interface RateLimitOptions {
  /** Requests allowed per window (Cloudflare: 1,200). */
  readonly limit: number
  /** The sliding window (Cloudflare: 5 minutes). */
  readonly window: Duration.DurationInput
}

/**
 * @since 0.1.0
 */
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

/**
 * Options with every default filled in and every value checked.
 *
 * @since 0.1.0
 */
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

/** @since 0.1.0 */
export const defaultBaseUrl = "https://api.cloudflare.com/client/v4"

/** @since 0.1.0 */
export const baseUrlVariable = "CLOUDFLARE_BASE_URL"

/** @since 0.1.0 */
export const defaults = {
  timeout: Duration.seconds(60),
  deadline: Duration.minutes(3),
  rateLimit: { limit: 1200, window: Duration.minutes(5) },
  concurrency: 8,
  prefetch: 4
} as const

const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/

/**
 * `true` for `localhost`, `127.0.0.0/8` and `::1`.
 *
 * @since 0.1.0
 */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1")
  return host === "localhost" || host === "::1" || LOOPBACK_V4.test(host)
}

/**
 * Checks a base URL: absolute, `https://` (or `http://` to a loopback host), no
 * credentials, query or fragment. Returns it without a trailing slash.
 *
 * @since 0.1.0
 */
export const validateBaseUrl = (
  input: string,
  variable: string = baseUrlVariable
): Either.Either<string, ConfigurationError> => {
  const fail = (reason: string) => Either.left(new ConfigurationError({ variables: [variable], reason }))
  const parsed = Either.try(() => new URL(input))
  if (Either.isLeft(parsed)) return fail("is not an absolute URL")
  const url = parsed.right
  if (url.protocol !== "https:" && url.protocol !== "http:") return fail(`must use https:// (got ${url.protocol})`)
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    return fail(`http:// is only allowed for loopback hosts (127.0.0.0/8, ::1, localhost), got ${url.hostname}`)
  }
  if (url.username !== "" || url.password !== "") return fail("must not contain credentials")
  if (url.search !== "" || url.hash !== "") return fail("must not contain a query or fragment")
  return Either.right(`${url.origin}${url.pathname.replace(/\/+$/, "")}`)
}

/**
 * The one rule for a base URL given as text, wherever it comes from (the
 * `baseUrl` option, `CLOUDFLARE_BASE_URL`, an app's flag): empty or only
 * whitespace counts as not given (`undefined`), as an empty credential variable
 * does; anything else must pass {@link validateBaseUrl}, which names `name`
 * when it refuses it.
 *
 * @example
 * import { ClientOptions } from "@cf-accounts/client"
 * ClientOptions.checkBaseUrl("", "--base-url") // Either.right(undefined): use the next source
 *
 * @since 0.1.0
 */
export const checkBaseUrl = (
  input: string | undefined,
  name: string = baseUrlVariable
): Either.Either<string | undefined, ConfigurationError> =>
  input === undefined || input.trim() === "" ? Either.right(undefined) : validateBaseUrl(input.trim(), name)

/**
 * The base URL in effect, by {@link checkBaseUrl}'s rule: `override` (named
 * `overrideName` when refused), else `CLOUDFLARE_BASE_URL` from `Config`, else
 * {@link defaultBaseUrl}. What {@link fromConfig} uses; apps that print the URL
 * (a dry run) call it to print the same one.
 *
 * @since 0.1.0
 */
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

/**
 * Fills in defaults and checks every value, failing with a `ConfigurationError`
 * that names the option.
 *
 * @since 0.1.0
 */
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

/**
 * Reads the options from `Config`: credentials (see {@link Credentials.fromConfig})
 * and `CLOUDFLARE_BASE_URL` (see {@link baseUrlFromConfig}). `overrides` win over
 * the environment; credentials given in `overrides` mean no credential variable
 * is read. An empty base URL, in `overrides` or the variable, counts as not given.
 *
 * @since 0.1.0
 */
export const fromConfig = (overrides: Partial<ClientOptions> = {}): Effect.Effect<ClientOptions, ConfigurationError> =>
  Effect.gen(function* () {
    const credentials = overrides.credentials ?? (yield* Credentials.fromConfig)
    const baseUrl = yield* baseUrlFromConfig(overrides.baseUrl)
    return { ...overrides, credentials, baseUrl }
  })
