/**
 * What to do next, per error: the hint the CLI appends to an error's own
 * message (which says only what happened). Hints may name CLI commands, flags
 * and environment variables; core's errors never do.
 *
 * @since 0.1.0
 */
import { baseUrlVariable } from "@cf-accounts/client/ClientOptions"
import * as Credentials from "@cf-accounts/client/Credentials"
import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
import type { NotFoundError } from "@cf-accounts/core/CloudflareError"
import { ErrorCode, noRouteCodes } from "@cf-accounts/core/ErrorCode"
import * as Operations from "@cf-accounts/core/Operations"
import { StalePlanError } from "@cf-accounts/policy/StalePlanError"

const { email, key, token, userServiceKey } = Credentials.variables

/**
 * Which credential variables to check, for the kind in use (all kinds when unknown).
 */
const credentialVariables = (kind: Credentials.Credentials["_tag"] | undefined): string => {
  switch (kind) {
    case "ApiToken":
      return token
    case "ApiKey":
      return `${key} and ${email}`
    case "UserServiceKey":
      return userServiceKey
    default:
      return `${token} (or ${key} and ${email})`
  }
}

/**
 * Whether `error` says the route does not exist here (Cloudflare's "no route"
 * codes, {@link noRouteCodes}, or a 404 the client counts as an unavailable
 * endpoint): the base URL is probably wrong. Exit code 1, not 4.
 *
 * @since 0.1.0
 */
export const isNoRoute = (error: unknown): boolean =>
  ErrorPredicates.isClientError(error) &&
  ErrorPredicates.isApiError(error) &&
  error.status !== 501 &&
  (error.errors.some((e) => noRouteCodes.has(e.code)) ||
    (error._tag === "NotFoundError" && ErrorPredicates.isEndpointUnavailable(error)))

/**
 * The hint when there is no such route. Cloudflare also answers 7003 for an id
 * in the path it cannot route, so the id is named too rather than ruled out.
 */
const noRoute = `No such route: check --base-url or ${baseUrlVariable} (Cloudflare also says this of an id it cannot route: check the id too)`

/** The hint for a 404: the base URL when there is no such route, else which id was not found. */
const notFound = (error: NotFoundError): string => {
  if (isNoRoute(error)) return noRoute
  const saysOrganization = error.errors.some(
    (e) => e.code === ErrorCode.OrganizationNotFound || /organi[sz]ation/i.test(e.message)
  )
  const saysAccount = error.errors.some((e) => e.code === ErrorCode.AccountNotFound || /account/i.test(e.message))
  const visible = "and that these credentials can see it"
  const organization = "the organization id (--to)"
  const accounts = error.route === Operations.batchMove.route ? "the account ids" : "the account id"
  if (saysOrganization) return `Check ${organization}, ${visible}`
  if (saysAccount || !(error.route === Operations.move.route || error.route === Operations.batchMove.route)) {
    return `Check ${accounts}, ${visible}`
  }
  return `Check ${accounts} and ${organization}, and that these credentials can see them`
}

/**
 * Where to create an API token.
 *
 * @since 0.1.0
 */
export const tokensPage = "https://dash.cloudflare.com/profile/api-tokens"

/**
 * Whether `error` says no credential variable is set at all.
 *
 * @since 0.1.0
 */
export const isNoCredentials = (error: unknown): boolean =>
  ErrorPredicates.isClientError(error) && error._tag === "ConfigurationError" && error.reason.startsWith("no credentials")

/**
 * The CLI's own words for an error whose message says too much for a terminal,
 * or `undefined` to keep its message: no credentials names each variable once
 * (the client's message lists them twice, as the variables and as the advice).
 *
 * @since 0.1.0
 */
export const restate = (error: unknown): string | undefined =>
  isNoCredentials(error) ? `no credentials: set ${token} (or ${key} and ${email}, or ${userServiceKey})` : undefined

/**
 * The hint for `error`, or `undefined` when there is nothing more to say.
 * `credentials` is the kind of credentials in use, when known.
 *
 * @since 0.1.0
 */
export const forError = (error: unknown, credentials?: Credentials.Credentials["_tag"]): string | undefined => {
  if (error instanceof StalePlanError) return "Make a new plan ('cf-accounts plan --out PLAN'), review it, and apply that"
  if (!ErrorPredicates.isClientError(error)) return undefined
  if (isNoCredentials(error)) return `Create an API token at ${tokensPage}`
  if (error._tag !== "NotFoundError" && isNoRoute(error)) return noRoute
  switch (error._tag) {
    case "AuthenticationError":
      return `Check ${credentialVariables(credentials)}`
    case "PermissionDeniedError":
      return ErrorPredicates.isCredentialFailure(error)
        ? `Check ${credentialVariables(credentials)}: the credentials are not valid`
        : "Check that the token is valid and has the permission this operation needs"
    case "NotFoundError":
      return notFound(error)
    case "RateLimitedError":
      return "Cloudflare allows 1200 requests per 5 minutes"
    case "ServerError":
      return error.status === 501
        ? "This endpoint is not available; use another way to do this"
        : "This is usually temporary; try again later"
    case "RedirectError":
      return `The API does not redirect: check the base URL (--base-url or ${baseUrlVariable})`
    case "TransportError":
      return `Check the network and the base URL (--base-url or ${baseUrlVariable})`
    case "IncompleteListingError":
      return "Try again later"
    case "OutcomeUnknownError":
      return "Check with 'list --name' before retrying"
    default:
      return undefined
  }
}

/**
 * `message` followed by the hint for `error`, when it has one.
 *
 * @since 0.1.0
 */
export const append = (message: string, error: unknown, credentials?: Credentials.Credentials["_tag"]): string => {
  const hint = forError(error, credentials)
  return hint === undefined ? message : `${message}. ${hint}`
}
