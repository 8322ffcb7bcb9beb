/**
 * Who may call `/v1/*` (all but health): a caller with `Authorization: Bearer <ADMIN_TOKEN>`,
 * or one Cloudflare Access let through (a valid `Cf-Access-Jwt-Assertion`, see `Access.ts`).
 * Writes (any method but GET and HEAD) must also come from this origin: an `Origin` header
 * naming another origin is refused, and an Access-authenticated write must carry one, since
 * Access authenticates a browser by its cookie, which a cross-site form would send too.
 */
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Access from "./Access.js"
import * as Auth from "./Auth.js"

/** How the caller of this request authenticated. */
export class Session extends Context.Tag("@cf-accounts/worker/Session")<
  Session,
  { readonly method: "token" } | { readonly method: "access"; readonly email: string | null }
>() {}

/** No credentials, or credentials that do not hold (401). */
export class UnauthenticatedError extends Data.TaggedError("UnauthenticatedError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

/** A write from another origin, or an Access write without `Origin` (403). */
export class ForbiddenOriginError extends Data.TaggedError("ForbiddenOriginError")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

const isWrite = (method: string) => method !== "GET" && method !== "HEAD"

/** Authenticates `request`, then checks a write's origin. */
export const authenticate = (
  request: HttpServerRequest.HttpServerRequest,
  adminToken: Redacted.Redacted<string> | undefined
): Effect.Effect<Context.Tag.Service<Session>, UnauthenticatedError | ForbiddenOriginError | ConfigurationError> =>
  Effect.gen(function* () {
    const authorization = request.headers.authorization
    const assertion = request.headers["cf-access-jwt-assertion"]
    let session: Context.Tag.Service<Session>
    if (authorization !== undefined) {
      if (!(yield* Auth.isAuthorized(authorization, adminToken))) {
        return yield* new UnauthenticatedError({ reason: "invalid bearer token" })
      }
      session = { method: "token" }
    } else if (assertion !== undefined) {
      const settings = yield* Access.config
      if (Option.isNone(settings)) {
        return yield* new UnauthenticatedError({ reason: "Cloudflare Access is not configured on this worker" })
      }
      const identity = yield* Effect.mapError(
        Access.verify(assertion, settings.value),
        (error) => new UnauthenticatedError({ reason: error.message })
      )
      session = { method: "access", email: identity.email }
    } else {
      return yield* new UnauthenticatedError({ reason: "missing bearer token or Cloudflare Access assertion" })
    }
    if (isWrite(request.method)) {
      const origin = request.headers.origin
      const own = new URL(request.originalUrl).origin
      if (origin !== undefined && origin !== own) {
        return yield* new ForbiddenOriginError({ reason: `writes must come from ${own}, not ${origin}` })
      }
      if (origin === undefined && session.method === "access") {
        return yield* new ForbiddenOriginError({ reason: "a write through Cloudflare Access must carry an Origin header" })
      }
    }
    return session
  })
