/**
 * Who may call `/v1/*` (all but health): a caller with `Authorization: Bearer <ADMIN_TOKEN>`,
 * or one Cloudflare Access let through (a valid `Cf-Access-Jwt-Assertion`, see `Access.ts`).
 * Writes (any method but GET and HEAD) must also come from this origin: an `Origin` header
 * naming another origin is refused, and an Access-authenticated write must carry one, since
 * Access authenticates a browser by its cookie, which a cross-site form would send too.
 */
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
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
  request: Request,
  adminToken: Redacted.Redacted<string> | undefined
): Effect.Effect<
  Context.Tag.Service<Session>,
  UnauthenticatedError | ForbiddenOriginError | ConfigurationError | Access.AccessUnavailableError
> =>
  Effect.gen(function* () {
    const authorization = request.headers.get("authorization") ?? undefined
    const assertion = request.headers.get("cf-access-jwt-assertion") ?? undefined
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
      // A key set that cannot be fetched is not the token's fault: it stays a 503 to retry.
      const identity = yield* Effect.catchTag(Access.verify(assertion, settings.value), "AccessTokenError", (error) =>
        Effect.fail(new UnauthenticatedError({ reason: error.message }))
      )
      session = { method: "access", email: identity.email }
    } else {
      return yield* new UnauthenticatedError({ reason: "missing bearer token or Cloudflare Access assertion" })
    }
    if (isWrite(request.method)) {
      const origin = request.headers.get("origin") ?? undefined
      const own = new URL(request.url).origin
      if (origin !== undefined && origin !== own) {
        return yield* new ForbiddenOriginError({ reason: `writes must come from ${own}, not ${origin}` })
      }
      if (origin === undefined && session.method === "access") {
        return yield* new ForbiddenOriginError({ reason: "a write through Cloudflare Access must carry an Origin header" })
      }
    }
    return session
  })
