/**
 * Who may call the API (every route but the open ones, `health` and `openapi`): a caller with
 * `Authorization: Bearer <ADMIN_TOKEN>`, or one Cloudflare Access let through (a valid
 * `Cf-Access-Jwt-Assertion`, see `AccessJwt.ts`). When both come, the token decides. Writes
 * (any method but GET and HEAD) must also come from this origin: an `Origin` header naming
 * another origin is refused, and an Access-authenticated write must carry one, since Access
 * authenticates a browser by its cookie, which a cross-site form would send too.
 *
 * The token is compared in constant time: both sides are hashed with SHA-256 and the digests
 * compared byte by byte without an early exit, so neither its content nor its length shows
 * in the timing.
 */
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as HttpApiMiddleware from "@effect/platform/HttpApiMiddleware"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as AccessJwt from "./AccessJwt.js"
import { detail, Forbidden, InternalError, Unauthorized, Unavailable } from "./Errors.js"

/** How the caller of this request authenticated. */
export class Session extends Context.Tag("@cf-accounts/worker/Session")<
  Session,
  { readonly method: "token" } | { readonly method: "access"; readonly email: string | null }
>() {}

/** The middleware every authenticated group carries: it provides the {@link Session}. */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("@cf-accounts/worker/Authentication", {
  provides: Session,
  failure: Schema.Union(Unauthorized, Forbidden, Unavailable, InternalError)
}) {}

const encoder = new TextEncoder()

const digest = (text: string) =>
  Effect.promise(() => crypto.subtle.digest("SHA-256", encoder.encode(text))).pipe(Effect.map((d) => new Uint8Array(d)))

export const constantTimeEquals = (a: string, b: string): Effect.Effect<boolean> =>
  Effect.zipWith(digest(a), digest(b), (x, y) => {
    let diff = 0
    for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
    return diff === 0
  })

/** `true` when `authorization` is `Bearer <expected>` (any case, any spaces) and a token is configured. */
export const isAuthorized = (
  authorization: string | undefined,
  expected: Redacted.Redacted<string> | undefined
): Effect.Effect<boolean> => {
  if (expected === undefined || Redacted.value(expected) === "") return Effect.succeed(false)
  const match = /^Bearer[ ]+(.+)$/i.exec(authorization ?? "")
  return constantTimeEquals(match?.[1]?.trim() ?? "", Redacted.value(expected))
}

/** Read through the Worker's vars (`Services.configProvider`); unset or empty: no token works. */
const adminToken = Config.option(Config.redacted("ADMIN_TOKEN")).pipe(Effect.map(Option.getOrUndefined), Effect.orDie)

const unauthorized = (reason: string) =>
  Effect.zipRight(
    HttpApp.appendPreResponseHandler((_request, response) =>
      Effect.succeed(HttpServerResponse.setHeader(response, "www-authenticate", "Bearer"))
    ),
    Effect.fail(new Unauthorized(detail("unauthorized", reason)))
  )

const forbidden = (reason: string) => Effect.fail(new Forbidden(detail("forbidden_origin", reason)))

const isWrite = (method: string) => method !== "GET" && method !== "HEAD"

const configuration = (error: ConfigurationError) => new InternalError(detail("configuration", error.message))

const accessSession = (assertion: string) =>
  Effect.gen(function* () {
    const settings = yield* Effect.mapError(AccessJwt.config, configuration)
    if (Option.isNone(settings)) return yield* unauthorized("Cloudflare Access is not configured on this worker")
    const identity = yield* AccessJwt.verify(assertion, settings.value).pipe(
      Effect.catchTags({
        AccessTokenError: (error) => unauthorized(error.message),
        // A key set that cannot be fetched is not the token's fault: a 503 to retry.
        AccessUnavailableError: (error) =>
          Effect.zipRight(
            HttpApp.appendPreResponseHandler((_request, response) =>
              Effect.succeed(HttpServerResponse.setHeader(response, "retry-after", String(error.retryAfterSeconds)))
            ),
            Effect.fail(new Unavailable(detail("access_unavailable", error.message)))
          )
      })
    )
    return { method: "access" as const, email: identity.email }
  })

/**
 * The session the request's credentials give: none when it carries neither a bearer token nor
 * an Access assertion; wrong ones fail (401, or 503 when Access's keys cannot be fetched).
 */
export const optionalSession = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const authorization = request.headers.authorization
  const assertion = request.headers["cf-access-jwt-assertion"]
  if (authorization !== undefined) {
    if (!(yield* isAuthorized(authorization, yield* adminToken))) return yield* unauthorized("invalid bearer token")
    return Option.some<Context.Tag.Service<Session>>({ method: "token" })
  }
  if (assertion !== undefined) return Option.some<Context.Tag.Service<Session>>(yield* accessSession(assertion))
  return Option.none<Context.Tag.Service<Session>>()
})

/** Authenticates the request, then checks a write's origin. */
export const layer = Layer.succeed(
  Authentication,
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const found = yield* optionalSession
    if (Option.isNone(found)) return yield* unauthorized("missing bearer token or Cloudflare Access assertion")
    const session = found.value
    if (isWrite(request.method)) {
      const origin = request.headers.origin
      const own = new URL(request.originalUrl).origin
      if (origin !== undefined && origin !== own) return yield* forbidden(`writes must come from ${own}, not ${origin}`)
      if (origin === undefined && session.method === "access") {
        return yield* forbidden("a write through Cloudflare Access must carry an Origin header")
      }
    }
    return session
  })
)
