/**
 * Options of an {@link AccountsClient}, their defaults, and their checks.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/clientOptions.js"

/**
 * @since 0.1.0
 */
export type RateLimitOptions = internal.RateLimitOptions

/**
 * @since 0.1.0
 */
export type ClientOptions = internal.ClientOptions

/**
 * Options with every default filled in and every value checked.
 *
 * @since 0.1.0
 */
export type ResolvedOptions = internal.ResolvedOptions

/** @since 0.1.0 */
export const defaultBaseUrl = internal.defaultBaseUrl

/** @since 0.1.0 */
export const baseUrlVariable = internal.baseUrlVariable

/** @since 0.1.0 */
export const defaults = internal.defaults

/**
 * `true` for `localhost`, `127.0.0.0/8` and `::1`.
 *
 * @since 0.1.0
 */
export const isLoopbackHost = internal.isLoopbackHost

/**
 * Checks a base URL: absolute, `https://` (or `http://` to a loopback host), no
 * credentials, query or fragment. Returns it without a trailing slash.
 *
 * @since 0.1.0
 */
export const validateBaseUrl = internal.validateBaseUrl

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
export const checkBaseUrl = internal.checkBaseUrl

/**
 * The base URL in effect, by {@link checkBaseUrl}'s rule: `override` (named
 * `overrideName` when refused), else `CLOUDFLARE_BASE_URL` from `Config`, else
 * {@link defaultBaseUrl}. What {@link fromConfig} uses; apps that print the URL
 * (a dry run) call it to print the same one.
 *
 * @since 0.1.0
 */
export const baseUrlFromConfig = internal.baseUrlFromConfig

/**
 * Fills in defaults and checks every value, failing with a `ConfigurationError`
 * that names the option.
 *
 * @since 0.1.0
 */
export const resolve = internal.resolve

/**
 * Reads the options from `Config`: credentials (see {@link Credentials.fromConfig})
 * and `CLOUDFLARE_BASE_URL` (see {@link baseUrlFromConfig}). `overrides` win over
 * the environment; credentials given in `overrides` mean no credential variable
 * is read. An empty base URL, in `overrides` or the variable, counts as not given.
 *
 * @since 0.1.0
 */
export const fromConfig = internal.fromConfig
