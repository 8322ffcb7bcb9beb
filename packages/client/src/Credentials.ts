/**
 * How the client authenticates: an API token (preferred), a global API key with
 * its e-mail, or a user service key. Secrets are `Redacted` from the moment they
 * are read; they only become strings when a request header is set.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/credentials.js"

/**
 * `Authorization: Bearer <token>`.
 *
 * @since 0.1.0
 */
export type ApiToken = internal.ApiToken

/**
 * `X-Auth-Key` + `X-Auth-Email` (the global API key).
 *
 * @since 0.1.0
 */
export type ApiKey = internal.ApiKey

/**
 * `X-Auth-User-Service-Key`.
 *
 * @since 0.1.0
 */
export type UserServiceKey = internal.UserServiceKey

/**
 * @since 0.1.0
 */
export type Credentials = internal.Credentials

/**
 * @example
 * import { Credentials } from "@cf-accounts/client"
 * const credentials = Credentials.apiToken("my-token")
 *
 * @since 0.1.0
 */
export const apiToken = internal.apiToken

/**
 * @since 0.1.0
 */
export const apiKey = internal.apiKey

/**
 * @since 0.1.0
 */
export const userServiceKey = internal.userServiceKey

/**
 * The request headers that carry these credentials. Values are plain strings:
 * use only when building a request.
 *
 * @since 0.1.0
 */
export const toHeaders = internal.toHeaders

/**
 * Names of the headers that carry secrets (lower case), to redact from traces.
 *
 * @since 0.1.0
 */
export const secretHeaderNames = internal.secretHeaderNames

/**
 * The secret values themselves, so that excerpts of response bodies can be
 * scrubbed of any echo of them.
 *
 * @since 0.1.0
 */
export const secretValues = internal.secretValues

/**
 * What each secret is called in an error: option paths by default,
 * environment variables when read from `Config`.
 *
 * @since 0.1.0
 */
export type SecretNames = internal.SecretNames

/**
 * The option paths of the secrets, for errors about `ClientOptions`.
 *
 * @since 0.1.0
 */
export const optionNames = internal.optionNames

/**
 * Checks that every secret can be sent in a request header: surrounding
 * whitespace (a trailing newline from a file) is removed; an empty value, or
 * one with spaces, control or non-ASCII characters inside, fails with a
 * `ConfigurationError` naming it (never showing it), before any request.
 *
 * @since 0.1.0
 */
export const validate = internal.validate

/**
 * The environment variables, named as Cloudflare's own tools name them.
 *
 * @since 0.1.0
 */
export const variables = internal.variables

/**
 * Reads the credentials from `Config`: exactly one of `CLOUDFLARE_API_TOKEN`,
 * `CLOUDFLARE_API_KEY` + `CLOUDFLARE_EMAIL`, or `CLOUDFLARE_API_USER_SERVICE_KEY`.
 * None, an incomplete pair or more than one kind fails with a
 * `ConfigurationError` naming the variables. Empty values count as unset.
 *
 * @since 0.1.0
 */
export const fromConfig = internal.fromConfig
