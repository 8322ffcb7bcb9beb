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
 * The hint for `error`, or `undefined` when there is nothing more to say.
 * `credentials` is the kind of credentials in use, when known.
 *
 * @since 0.1.0
 */
export const forError = (error: unknown, credentials?: Credentials.Credentials["_tag"]): string | undefined => {
  if (!ErrorPredicates.isClientError(error)) return undefined
  switch (error._tag) {
    case "AuthenticationError":
      return `Check ${credentialVariables(credentials)}`
    case "PermissionDeniedError":
      return ErrorPredicates.isCredentialFailure(error)
        ? `Check ${credentialVariables(credentials)}: the credentials are not valid`
        : "Check that the token is valid and has the permission this operation needs"
    case "NotFoundError":
      return "Check the id, and that these credentials can see it"
    case "RateLimitedError":
      return "Cloudflare allows 1200 requests per 5 minutes"
    case "ServerError":
      return error.status === 501
        ? "This endpoint is not available; use another way to do this"
        : "This is usually temporary; try again later"
    case "RedirectError":
      return `The API does not redirect: check the base URL (--base-url or ${baseUrlVariable})`
    case "TransportError":
      return `Check the network and ${baseUrlVariable}`
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
