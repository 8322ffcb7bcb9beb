/**
 * Cloudflare Access: verifies the `Cf-Access-Jwt-Assertion` JWT that Access adds to every
 * request it lets through. RS256 only (no `crit` extensions), signed by an RSA signing key of
 * the team's JWKS (`<ACCESS_TEAM_DOMAIN>/cdn-cgi/access/certs`, cached for ten minutes; fetched
 * again at most once a minute when a token names a key the cache does not hold, and not within
 * ten seconds of a failed fetch), audience `ACCESS_AUD` (the application's AUD tag; `aud` a
 * string or an array), issuer exactly `ACCESS_TEAM_DOMAIN`. Clock skew: `exp` is strict (a
 * token is refused from its expiry second on); `nbf` may be up to a minute ahead of the
 * worker's clock, so a token Access has just issued passes a worker whose clock is behind.
 * Tokens over 16 KiB are refused before anything is decoded, and a token whose parts are not
 * canonical base64url (padding, `+` or `/`, stray bits) before a key is fetched. Both vars unset
 * or empty: Access is off.
 */
import { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Encoding from "effect/Encoding"
import * as Either from "effect/Either"
import * as Option from "effect/Option"

/**
 * The team's key set could not be fetched (or a fetch failed under ten seconds ago): the token
 * may be fine, so this is a 503 to retry, not a 401.
 */
export class AccessUnavailableError extends Data.TaggedError("AccessUnavailableError")<{
  readonly reason: string
  readonly retryAfterSeconds: number
}> {
  override get message(): string {
    return `Cloudflare Access keys unavailable: ${this.reason}`
  }
}

/** Why an Access token was not accepted; the message names no part of the token. */
export class AccessTokenError extends Data.TaggedError("AccessTokenError")<{ readonly reason: string }> {
  override get message(): string {
    return `Cloudflare Access token rejected: ${this.reason}`
  }
}

export interface AccessConfig {
  /** `https://<team>.cloudflareaccess.com`, also the tokens' issuer. */
  readonly teamDomain: string
  /** The Access application's AUD tag. */
  readonly audience: string
}

const VARIABLES = ["ACCESS_TEAM_DOMAIN", "ACCESS_AUD"]

/** The Access settings, or none when both vars are unset; one without the other is a configuration error. */
export const config: Effect.Effect<Option.Option<AccessConfig>, ConfigurationError> = Effect.gen(function* () {
  // An empty var counts as unset, as wrangler.jsonc ships them.
  const optional = (name: string) =>
    Config.option(Config.string(name)).pipe(Config.map(Option.filter((value) => value.trim() !== "")))
  const { audience, teamDomain } = yield* Effect.mapError(
    Config.all({ teamDomain: optional("ACCESS_TEAM_DOMAIN"), audience: optional("ACCESS_AUD") }),
    () => new ConfigurationError({ variables: VARIABLES, reason: "must be text" })
  )
  if (Option.isSome(teamDomain) && Option.isSome(audience)) {
    const origin = teamDomain.value.replace(/\/+$/, "")
    // The signing keys come from there: plain http only on this machine (tests, local runs).
    if (!/^(?:https:\/\/[^/]+|http:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?)$/.test(origin)) {
      return yield* new ConfigurationError({
        variables: ["ACCESS_TEAM_DOMAIN"],
        reason: "must be the team's https origin, e.g. https://<team>.cloudflareaccess.com"
      })
    }
    return Option.some({ teamDomain: origin, audience: audience.value })
  }
  if (Option.isNone(teamDomain) && Option.isNone(audience)) return Option.none()
  return yield* new ConfigurationError({ variables: VARIABLES, reason: "must be set together (or neither)" })
})

/** Who Access says the caller is. */
export interface AccessIdentity {
  readonly email: string | null
  readonly subject: string | null
}

interface Jwk {
  readonly kid?: string
  readonly kty: string
  readonly use?: string
  readonly alg?: string
  readonly n?: string
  readonly e?: string
}

const CACHE_MS = 10 * 60 * 1000
/** A token naming a key the cache lacks fetches the set again, at most this often (no fetch per forged token). */
const REFETCH_MS = 60 * 1000
/** After a failed fetch, the next one waits this long (no fetch per request while the team's endpoint fails). */
const RETRY_AFTER_FAILURE_MS = 10 * 1000
/** How far `nbf` may be ahead of the worker's clock. */
const NOT_BEFORE_LEEWAY_SECONDS = 60
/** Access tokens are about 1 KiB; anything far larger is refused unread. */
const MAX_TOKEN_LENGTH = 16 * 1024

let cache:
  | { readonly url: string; readonly keys: ReadonlyArray<Jwk>; readonly fetchedAt: number }
  | undefined
let lastFailure: { readonly url: string; readonly at: number; readonly reason: string } | undefined

const fetchKeys = (url: string) =>
  Effect.tryPromise({
    try: async () => {
      const response = await fetch(url, { headers: { accept: "application/json" } })
      if (!response.ok) throw new Error(`status ${response.status}`)
      return (await response.json()) as { keys?: unknown }
    },
    catch: (cause) =>
      new AccessUnavailableError({
        reason: `the team's keys could not be fetched (${String(cause)})`,
        retryAfterSeconds: RETRY_AFTER_FAILURE_MS / 1000
      })
  }).pipe(
    Effect.flatMap((body) =>
      Array.isArray(body.keys)
        ? Effect.succeed(body.keys as ReadonlyArray<Jwk>)
        : Effect.fail(
            new AccessUnavailableError({
              reason: "the team's key set has no keys array",
              retryAfterSeconds: RETRY_AFTER_FAILURE_MS / 1000
            })
          )
    )
  )

/**
 * The RSA signing key `kid` of the team's JWKS: from the cache while it is under ten minutes
 * old; fetched again when stale, or when the key is missing and the cache is over a minute old
 * (keys rotate); never within ten seconds of a failed fetch.
 */
const signingKey = (url: string, kid: string) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const find = (keys: ReadonlyArray<Jwk>) =>
      keys.find(
        (key) =>
          key.kid === kid &&
          key.kty === "RSA" &&
          (key.use === undefined || key.use === "sig") &&
          (key.alg === undefined || key.alg === "RS256")
      )
    const cached = cache !== undefined && cache.url === url && now - cache.fetchedAt < CACHE_MS ? cache : undefined
    const hit = cached === undefined ? undefined : find(cached.keys)
    if (hit !== undefined) return hit
    if (cached !== undefined && now - cached.fetchedAt < REFETCH_MS) {
      return yield* new AccessTokenError({ reason: "signed by a key the team does not publish" })
    }
    if (lastFailure !== undefined && lastFailure.url === url && now - lastFailure.at < RETRY_AFTER_FAILURE_MS) {
      const retry = Math.ceil((lastFailure.at + RETRY_AFTER_FAILURE_MS - now) / 1000)
      return yield* new AccessUnavailableError({ reason: lastFailure.reason, retryAfterSeconds: retry })
    }
    const keys = yield* Effect.tapError(fetchKeys(url), (error) =>
      Effect.sync(() => {
        lastFailure = { url, at: now, reason: error.reason }
      })
    )
    lastFailure = undefined
    cache = { url, keys, fetchedAt: now }
    const key = find(keys)
    if (key === undefined) return yield* new AccessTokenError({ reason: "signed by a key the team does not publish" })
    return key
  })

/**
 * A part of the token as bytes, when it is base64url as a JWS writes it (RFC 7515 2): no
 * padding, no line breaks, `-` and `_` (never `+` or `/`), and zero bits after the last byte;
 * that is, the one spelling `encodeBase64Url` gives its bytes. Any other spelling of a signed
 * token is a token Access did not issue.
 */
const decodeSegment = (segment: string, what: string) =>
  Either.match(
    Either.filterOrLeft(
      Encoding.decodeBase64Url(segment),
      (bytes) => Encoding.encodeBase64Url(bytes) === segment,
      () => "not canonical"
    ),
    {
      onLeft: () => Effect.fail(new AccessTokenError({ reason: `${what} is not base64url` })),
      onRight: Effect.succeed
    }
  )

const parseJson = (bytes: Uint8Array, what: string) =>
  Effect.try({
    try: () => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>,
    catch: () => new AccessTokenError({ reason: `${what} is not JSON` })
  }).pipe(
    Effect.filterOrFail(
      (value) => value !== null && typeof value === "object" && !Array.isArray(value),
      () => new AccessTokenError({ reason: `${what} is not a JSON object` })
    )
  )

/** Verifies `token` against `settings`; fails with the reason it is not accepted. */
export const verify = (
  token: string,
  settings: AccessConfig
): Effect.Effect<AccessIdentity, AccessTokenError | AccessUnavailableError> =>
  Effect.gen(function* () {
    if (token.length > MAX_TOKEN_LENGTH) {
      return yield* new AccessTokenError({ reason: `longer than ${MAX_TOKEN_LENGTH / 1024} KiB` })
    }
    const parts = token.split(".")
    if (parts.length !== 3) return yield* new AccessTokenError({ reason: "not a JWT (three dot-separated parts)" })
    const [headerText = "", payloadText = "", signatureText = ""] = parts
    const headerBytes = yield* decodeSegment(headerText, "the header")
    const payloadBytes = yield* decodeSegment(payloadText, "the payload")
    const signature = yield* decodeSegment(signatureText, "the signature")
    const header = yield* parseJson(headerBytes, "the header")
    if (header.alg !== "RS256") return yield* new AccessTokenError({ reason: "alg must be RS256" })
    // RFC 7515 4.1.11: a recipient must refuse a token whose `crit` names extensions it does not understand (all).
    if (header.crit !== undefined) return yield* new AccessTokenError({ reason: "the header has crit extensions" })
    if (typeof header.kid !== "string" || header.kid === "") {
      return yield* new AccessTokenError({ reason: "the header has no kid" })
    }
    const jwk = yield* signingKey(`${settings.teamDomain}/cdn-cgi/access/certs`, header.kid)
    const valid = yield* Effect.tryPromise({
      try: async () => {
        const key = await crypto.subtle.importKey(
          "jwk",
          { kty: "RSA", n: jwk.n ?? "", e: jwk.e ?? "", alg: "RS256", ext: true },
          { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
          false,
          ["verify"]
        )
        return crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, new TextEncoder().encode(`${headerText}.${payloadText}`))
      },
      catch: () => new AccessTokenError({ reason: "the team's key is not a usable RSA key" })
    })
    if (!valid) return yield* new AccessTokenError({ reason: "bad signature" })
    const claims = yield* parseJson(payloadBytes, "the payload")
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
    if (!audiences.includes(settings.audience)) return yield* new AccessTokenError({ reason: "wrong audience" })
    if (claims.iss !== settings.teamDomain) return yield* new AccessTokenError({ reason: "wrong issuer" })
    const nowSeconds = (yield* Clock.currentTimeMillis) / 1000
    if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) {
      return yield* new AccessTokenError({ reason: "expired or without exp" })
    }
    if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || claims.nbf > nowSeconds + NOT_BEFORE_LEEWAY_SECONDS)) {
      return yield* new AccessTokenError({ reason: "not valid yet (nbf)" })
    }
    return {
      email: typeof claims.email === "string" ? claims.email : null,
      subject: typeof claims.sub === "string" ? claims.sub : null
    }
  })
