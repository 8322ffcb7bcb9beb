/**
 * The engine of `Credentials` (the public module holds its documentation).
 *
 * @internal
 */
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/** @internal */
export interface ApiToken {
  readonly _tag: "ApiToken"
  readonly token: Redacted.Redacted<string>
}

/** @internal */
export interface ApiKey {
  readonly _tag: "ApiKey"
  readonly key: Redacted.Redacted<string>
  readonly email: Redacted.Redacted<string>
}

/** @internal */
export interface UserServiceKey {
  readonly _tag: "UserServiceKey"
  readonly key: Redacted.Redacted<string>
}

/** @internal */
export type Credentials = ApiToken | ApiKey | UserServiceKey

const redact = (value: string | Redacted.Redacted<string>): Redacted.Redacted<string> =>
  Redacted.isRedacted(value) ? value : Redacted.make(value)

/** @internal */
export const apiToken = (token: string | Redacted.Redacted<string>): Credentials => ({
  _tag: "ApiToken",
  token: redact(token)
})

/** @internal */
export const apiKey = (
  key: string | Redacted.Redacted<string>,
  email: string | Redacted.Redacted<string>
): Credentials => ({ _tag: "ApiKey", key: redact(key), email: redact(email) })

/** @internal */
export const userServiceKey = (key: string | Redacted.Redacted<string>): Credentials => ({
  _tag: "UserServiceKey",
  key: redact(key)
})

/** @internal */
export const toHeaders = (credentials: Credentials): Record<string, string> => {
  switch (credentials._tag) {
    case "ApiToken":
      return { authorization: `Bearer ${Redacted.value(credentials.token)}` }
    case "ApiKey":
      return {
        "x-auth-key": Redacted.value(credentials.key),
        "x-auth-email": Redacted.value(credentials.email)
      }
    case "UserServiceKey":
      return { "x-auth-user-service-key": Redacted.value(credentials.key) }
  }
}

/** @internal */
export const secretHeaderNames: ReadonlyArray<string> = [
  "authorization",
  "x-auth-key",
  "x-auth-email",
  "x-auth-user-service-key"
]

/** @internal */
export const secretValues = (credentials: Credentials): ReadonlyArray<string> => {
  switch (credentials._tag) {
    case "ApiToken":
      return [Redacted.value(credentials.token)]
    case "ApiKey":
      return [Redacted.value(credentials.key), Redacted.value(credentials.email)]
    case "UserServiceKey":
      return [Redacted.value(credentials.key)]
  }
}

/** @internal */
export interface SecretNames {
  readonly token: string
  readonly key: string
  readonly email: string
  readonly userServiceKey: string
}

/** @internal */
export const optionNames: SecretNames = {
  token: "credentials.token",
  key: "credentials.key",
  email: "credentials.email",
  userServiceKey: "credentials.key"
}

const HEADER_SAFE = /^[\x21-\x7e]+$/

const clean = (
  value: Redacted.Redacted<string>,
  name: string
): Either.Either<Redacted.Redacted<string>, ConfigurationError> => {
  const raw = Redacted.value(value)
  const trimmed = raw.trim()
  if (trimmed === "") return Either.left(new ConfigurationError({ variables: [name], reason: "is empty" }))
  if (!HEADER_SAFE.test(trimmed)) {
    return Either.left(
      new ConfigurationError({
        variables: [name],
        reason: "contains spaces, control or non-ASCII characters, so it cannot be sent in a request header"
      })
    )
  }
  return Either.right(trimmed === raw ? value : Redacted.make(trimmed))
}

/** @internal */
export const validate = (
  credentials: Credentials,
  names: SecretNames = optionNames
): Either.Either<Credentials, ConfigurationError> => {
  switch (credentials._tag) {
    case "ApiToken":
      return Either.map(clean(credentials.token, names.token), (token) => ({ _tag: "ApiToken", token }))
    case "ApiKey":
      return Either.flatMap(clean(credentials.key, names.key), (key) =>
        Either.map(clean(credentials.email, names.email), (email) => ({ _tag: "ApiKey", key, email }))
      )
    case "UserServiceKey":
      return Either.map(clean(credentials.key, names.userServiceKey), (key) => ({ _tag: "UserServiceKey", key }))
  }
}

/** @internal */
export const variables = {
  token: "CLOUDFLARE_API_TOKEN",
  key: "CLOUDFLARE_API_KEY",
  email: "CLOUDFLARE_EMAIL",
  userServiceKey: "CLOUDFLARE_API_USER_SERVICE_KEY"
} as const

const secret = (name: string) =>
  Config.option(Config.redacted(name)).pipe(
    Config.map(Option.filter((value) => Redacted.value(value).trim() !== ""))
  )

/** @internal */
export const fromConfig: Effect.Effect<Credentials, ConfigurationError> = Effect.gen(function* () {
  const read = Config.all({
    token: secret(variables.token),
    key: secret(variables.key),
    email: secret(variables.email),
    userServiceKey: secret(variables.userServiceKey)
  })
  const found = yield* Effect.mapError(
    read,
    (error) =>
      new ConfigurationError({
        variables: Object.values(variables),
        reason: `could not read the credentials: ${String(error)}`
      })
  )
  const set = [
    ...(Option.isSome(found.token) ? [variables.token] : []),
    ...(Option.isSome(found.key) ? [variables.key] : []),
    ...(Option.isSome(found.email) ? [variables.email] : []),
    ...(Option.isSome(found.userServiceKey) ? [variables.userServiceKey] : [])
  ]
  const kinds =
    Number(Option.isSome(found.token)) +
    Number(Option.isSome(found.key) || Option.isSome(found.email)) +
    Number(Option.isSome(found.userServiceKey))
  if (kinds > 1) {
    return yield* new ConfigurationError({
      variables: set,
      reason: `conflicting credentials: set only one of ${variables.token}, ${variables.key} with ${variables.email}, or ${variables.userServiceKey}`
    })
  }
  if (Option.isSome(found.token)) return yield* validate(apiToken(found.token.value), variables)
  if (Option.isSome(found.userServiceKey)) return yield* validate(userServiceKey(found.userServiceKey.value), variables)
  if (Option.isSome(found.key) && Option.isSome(found.email)) {
    return yield* validate(apiKey(found.key.value, found.email.value), variables)
  }
  if (Option.isSome(found.key)) {
    return yield* new ConfigurationError({
      variables: [variables.email],
      reason: `${variables.key} is set but ${variables.email} is missing`
    })
  }
  if (Option.isSome(found.email)) {
    return yield* new ConfigurationError({
      variables: [variables.key],
      reason: `${variables.email} is set but ${variables.key} is missing`
    })
  }
  return yield* new ConfigurationError({
    variables: Object.values(variables),
    reason: `no credentials: set ${variables.token} (or ${variables.key} and ${variables.email}, or ${variables.userServiceKey})`
  })
})
