/**
 * The API as a Web `fetch` handler: the definition's handlers (`handlers/`) behind
 * authentication, over the services built from the Worker's bindings, with JSON logs and the
 * vars as config. Built once per `env` and kept for the isolate's life.
 *
 * At the edge, what the router and the schemas answer in their own words is put in the API's:
 * a parameter that breaks its schema is an `invalid_input` 400 naming it, a path no route has a
 * 404, a route asked with a method it does not answer a 405 with `Allow`. Paths match
 * case-sensitively, ignoring repeated and trailing slashes.
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiError from "@effect/platform/HttpApiError"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import type { Env } from "../platform/Env.js"
import * as Services from "../platform/Services.js"
import * as Authentication from "./Authentication.js"
import * as Errors from "./Errors.js"
import * as Accounts from "./handlers/Accounts.js"
import * as Dashboard from "./handlers/Dashboard.js"
import * as Findings from "./handlers/Findings.js"
import * as Jobs from "./handlers/Jobs.js"
import * as Meta from "./handlers/Meta.js"
import * as Policy from "./handlers/Policy.js"
import * as Syncs from "./handlers/Syncs.js"
import * as Responses from "./Responses.js"
import * as Routes from "./Routes.js"
import { WorkerApi } from "./WorkerApi.js"

const ApiLive = HttpApiBuilder.api(WorkerApi).pipe(
  Layer.provide([Meta.layer, Accounts.layer, Findings.layer, Syncs.layer, Jobs.layer, Policy.layer, Dashboard.layer]),
  Layer.provide(Authentication.layer)
)

/**
 * A schema failure as the caller's 400 when it names a request parameter of the route (its
 * path, query or a header, with the value refused), or `undefined` when it names none: then it
 * is the worker's own answer that broke its schema.
 */
const invalidInput = (
  error: HttpApiError.HttpApiDecodeError,
  request: HttpServerRequest.HttpServerRequest,
  url: URL
): Errors.InvalidInput | undefined => {
  const [issue] = error.issues
  const name = issue?.path[0]
  const parameter = name === undefined ? undefined : Routes.parameter(request.method, url.pathname, String(name))
  if (issue === undefined || parameter === undefined) return undefined
  const field = issue.path.join(".")
  const value =
    parameter.source === "path"
      ? parameter.pathValue
      : parameter.source === "query"
        ? (url.searchParams.get(field) ?? undefined)
        : request.headers[field]
  const invalid = new InvalidInputError({ field, rule: issue.message, value })
  return new Errors.InvalidInput(Errors.detail("invalid_input", invalid.message, { field }))
}

const routeNotFound = (request: HttpServerRequest.HttpServerRequest, url: URL) => {
  const allowed = Routes.allowedMethods(url.pathname)
  if (allowed.length === 0) return Errors.toResponse(new Errors.NotFound(Errors.detail("not_found", "no such route")))
  if (allowed.includes(request.method)) {
    // The path is a route's, but the router could not read a parameter of it (a malformed escape).
    const field = Routes.firstPathParameter(url.pathname) ?? "path"
    return Errors.toResponse(
      new Errors.InvalidInput(Errors.detail("invalid_input", `Invalid ${field}: must be a valid URL path segment`, { field }))
    )
  }
  const allow = allowed.join(", ")
  return HttpServerResponse.setHeader(
    Errors.toResponse(new Errors.MethodNotAllowed(Errors.detail("method_not_allowed", `use ${allow}`))),
    "allow",
    allow
  )
}

/** Failures the API's own error schemas encode (each with its status and body). */
const answered = [...Errors.classes, Responses.SyncFailed]

const internalError = (what: string, detail: string) =>
  Effect.as(
    Effect.logError(what, detail),
    Errors.toResponse(new Errors.InternalError(Errors.detail("internal", "internal error; see the worker's logs")))
  )

/**
 * The router's and the schemas' failures in the API's words (see the module's comment); the
 * handlers' own errors pass on to be encoded; anything else (a defect, an unexpected failure)
 * is logged and answered as a JSON 500.
 */
const Edge = HttpApiBuilder.middleware((app) =>
  Effect.catchAllCause(app, (cause) =>
    Effect.gen(function* () {
      if (Cause.isInterruptedOnly(cause)) return yield* Effect.failCause(cause)
      const failure: unknown = Option.getOrUndefined(Cause.failureOption(cause as Cause.Cause<unknown>))
      const request = yield* HttpServerRequest.HttpServerRequest
      const url = new URL(request.originalUrl)
      if (failure instanceof HttpApiError.HttpApiDecodeError) {
        const invalid = invalidInput(failure, request, url)
        return invalid === undefined
          ? yield* internalError("an answer did not match its schema", failure.message)
          : Errors.toResponse(invalid)
      }
      if (HttpServerError.isServerError(failure) && failure._tag === "RouteNotFound") return routeNotFound(request, url)
      if (answered.some((errorClass) => failure instanceof errorClass)) return yield* Effect.failCause(cause)
      return yield* internalError("unhandled failure", Cause.pretty(cause))
    })
  )
)

/** Paths match case-sensitively, ignoring repeated and trailing slashes. */
const RouterConfig = HttpRouter.setRouterConfig({ caseSensitive: true, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true })

/** A JSON error answer made outside the API (its services could not be built). */
export const errorResponse = (status: number, code: string, message: string): Response =>
  new Response(JSON.stringify(Errors.detail(code, message)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }
  })

const make = (env: Env) => {
  const config = Layer.setConfigProvider(Services.configProvider(env))
  const { handler } = HttpApiBuilder.toWebHandler(
    Layer.mergeAll(ApiLive, Edge, RouterConfig, HttpServer.layerContext, Logger.json, config).pipe(
      Layer.provide(Services.layer(env)),
      Layer.provide(config)
    )
  )
  return (request: Request): Promise<Response> =>
    handler(request).catch((cause: unknown) => {
      // Only building the services fails here: a var that is not valid. The logs say which.
      console.error("the worker's configuration is not valid", cause)
      return errorResponse(500, "configuration", "the worker's configuration is not valid; see the logs")
    })
}

const handlers = new WeakMap<Env, (request: Request) => Promise<Response>>()

/** Answers one API request. */
export const fetch = (request: Request, env: Env): Promise<Response> => {
  let handler = handlers.get(env)
  if (handler === undefined) {
    handler = make(env)
    handlers.set(env, handler)
  }
  return handler(request)
}
