/**
 * Wraps an operation handler with what every emulated route does: count the
 * request, inject faults, check credentials, turn the reply into a response
 * (`cf-ray` header included).
 *
 * @internal
 */
import * as Input from "@cf-accounts/core/Input"
import type * as Operations from "@cf-accounts/core/Operations"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type { ResolvedOptions } from "../EmulatorOptions.js"
import { isListingFault, type ListingFault } from "../FaultConfig.js"
import { ErrorCodes } from "../ErrorCodes.js"
import type { FaultInjector } from "../Faults.js"
import type { EmulatorState } from "../State.js"
import { type ApiFailure, errorReply, fail, type Reply, type Style } from "./reply.js"

/** @internal */
export const API_PREFIX = "/client/v4"

/**
 * The largest request body read (1 MiB); every valid body is far smaller. A body
 * declared larger is answered like malformed JSON (`ErrorCodes.malformedJson`) unread; one
 * that turns out larger while read (no `content-length`) ends the connection.
 *
 * @internal
 */
export const MAX_BODY_BYTES = 1024 * 1024

/** What routes share. @internal */
export interface RouteContext {
  readonly state: EmulatorState
  readonly faults: FaultInjector
  readonly options: ResolvedOptions
  /** A fresh `cf-ray` value. */
  readonly ray: () => string
}

/** The parts of a request a handler reads. @internal */
export interface RequestInfo {
  /** The operation's failure style, from core's table. */
  readonly style: Style
  readonly path: string
  readonly params: Readonly<Record<string, string | undefined>>
  readonly query: Readonly<Record<string, string>>
  /** The body parsed as JSON; a malformed body fails with `ErrorCodes.malformedJson`. */
  readonly json: Effect.Effect<unknown, ApiFailure>
  /** The `repeat_page` fault fired for this request. */
  readonly repeatPage: boolean
  /** The listing fault that fired for this request (`GET /accounts` only), if any. */
  readonly listing: ListingFault | undefined
}

/** @internal */
export type Handler = (request: RequestInfo) => Effect.Effect<Reply, ApiFailure>

const EDGE_TEXT: Record<number, string> = {
  520: "Web server is returning an unknown error",
  521: "Web server is down",
  522: "Connection timed out",
  523: "Origin is unreachable",
  524: "A timeout occurred",
  525: "SSL handshake failed",
  526: "Invalid SSL certificate",
  527: "Railgun Listener to origin error"
}

const STATUS_CODES = {
  500: ErrorCodes.status500,
  501: ErrorCodes.notImplemented,
  502: ErrorCodes.status502,
  503: ErrorCodes.status503,
  504: ErrorCodes.status504,
  408: ErrorCodes.status408
} as const

/** @internal */
export const respond = (reply: Reply, ray: string): HttpServerResponse.HttpServerResponse => {
  const headers = { "cf-ray": ray, ...reply.headers }
  return reply.body === undefined
    ? HttpServerResponse.empty({ status: reply.status, headers })
    : HttpServerResponse.text(JSON.stringify(reply.body), {
        status: reply.status,
        contentType: "application/json",
        headers
      })
}

/** Destroys the connection; the request fiber is interrupted and nothing is written. */
const reset = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<never> =>
  Effect.suspend(() => {
    NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()
    return Effect.interrupt
  })

const edgePage = (status: number, ray: string): string => {
  const text = EDGE_TEXT[status] ?? "Unknown error"
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><title>api.cloudflare.com | ${status}: ${text}</title></head>`,
    `<body><h1>Error ${status}</h1><p>${text}</p>`,
    `<p>Cloudflare Ray ID: <strong>${ray}</strong></p></body></html>`
  ].join("\n")
}

const header = (headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const value = headers[name]
  return value === undefined || value === "" ? undefined : value
}

/** Checks credentials like Cloudflare: a reply when they are missing or wrong. @internal */
export const authenticate = (
  options: ResolvedOptions,
  headers: Readonly<Record<string, string | undefined>>,
  style: Style
): Reply | undefined => {
  const authorization = header(headers, "authorization")
  const key = header(headers, "x-auth-key")
  const email = header(headers, "x-auth-email")
  const serviceKey = header(headers, "x-auth-user-service-key")
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    return match?.[1] === options.token ? undefined : errorReply(style, ErrorCodes.authenticationError)
  }
  if (key !== undefined || email !== undefined) {
    return key === options.apiKey && email?.toLowerCase() === options.email.toLowerCase()
      ? undefined
      : errorReply(style, ErrorCodes.unknownApiKey)
  }
  if (serviceKey !== undefined) {
    return serviceKey === options.userServiceKey ? undefined : errorReply(style, ErrorCodes.authenticationError)
  }
  return errorReply(style, ErrorCodes.missingCredentials)
}

const queryOf = (url: string): { path: string; query: Record<string, string> } => {
  const parsed = new URL(url, "http://127.0.0.1")
  const query: Record<string, string> = {}
  for (const [name, value] of parsed.searchParams) {
    if (!(name in query)) query[name] = value
  }
  return { path: parsed.pathname, query }
}

const parseJson = (style: Style, text: string): Effect.Effect<unknown, ApiFailure> =>
  Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: () => fail(style, ErrorCodes.malformedJson)
  })

/**
 * Decodes `input` with one of core's schemas; a failure is a 400 naming the field.
 * `pointer` says whether the field is a body field (JSON pointer in `source`).
 *
 * @internal
 */
export const decode =
  <A, I>(style: Style, schema: Schema.Schema<A, I, never>, pointer: boolean) =>
  (input: unknown): Effect.Effect<A, ApiFailure> =>
    Input.decode(schema)(input).pipe(
      Effect.mapError((error) =>
        fail(style, ErrorCodes.invalidInput, {
          message: `Invalid request: ${error.field} ${error.rule}`,
          ...(pointer ? { pointer: `/${error.field.split(".").join("/")}` } : {})
        })
      )
    )

/** Every account in a result (one, or a list) with a `type` no client knows. */
const withUnknownType = (result: unknown): unknown => {
  const retype = (item: unknown) =>
    typeof item === "object" && item !== null && "type" in item ? { ...item, type: "emulated_future_type" } : item
  return Array.isArray(result) ? result.map(retype) : retype(result)
}

/** The `bad_body` fault: a 2xx reply (already applied) as an HTML page, or with an unknown account type. */
const badBody = (kind: "html" | "unknown_type", reply: Reply, ray: string): HttpServerResponse.HttpServerResponse => {
  if (kind === "html") {
    return HttpServerResponse.text("<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>", {
      status: 200,
      contentType: "text/html",
      headers: { "cf-ray": ray }
    })
  }
  const body = reply.body as { readonly result?: unknown }
  return HttpServerResponse.unsafeJson(
    typeof body === "object" && body !== null && "result" in body ? { ...body, result: withUnknownType(body.result) } : body,
    { status: reply.status, headers: { "cf-ray": ray } }
  )
}

/**
 * One emulated operation of core's `Operations` table: its method, its route
 * (`/accounts/{account_id}` as in the spec) and its failure style.
 *
 * @internal
 */
export const route = (
  context: RouteContext,
  operation: Operations.Any,
  handler: Handler
): ((router: HttpRouter.HttpRouter<never, never>) => HttpRouter.HttpRouter<never, never>) => {
  const { key, method, route: template, failure: style } = operation
  const path = `${API_PREFIX}${template.replace(/\{(\w+)\}/g, ":$1")}` as HttpRouter.PathInput
  const run = Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const { path, query } = queryOf(request.url)
    const page = query.page === undefined ? 1 : Number(query.page)
    const plan = context.faults.plan(operation, { pageAfterFirst: page > 1, page })
    const ray = context.ray()
    if (plan.delayMs > 0) yield* Effect.sleep(plan.delayMs)
    const outcome = plan.outcome
    switch (outcome?.kind) {
      case "reset_before":
        return yield* reset(request)
      case "status":
        return respond(errorReply(style, STATUS_CODES[outcome.status]), ray)
      case "rate_limit": {
        const ms = outcome.retryAfterMs
        const seconds = outcome.retryAfterSeconds ?? (ms === undefined ? 1 : Math.ceil(ms / 1000))
        return respond(
          {
            ...errorReply(style, ErrorCodes.rateLimited),
            headers: {
              "retry-after": String(seconds),
              ...(ms === undefined ? {} : { "retry-after-ms": String(ms) })
            }
          },
          ray
        )
      }
      case "redirect":
        return HttpServerResponse.empty({
          status: outcome.status ?? 302,
          headers: { "cf-ray": ray, location: outcome.location }
        })
      case "edge_error": {
        const status = outcome.status ?? 520
        return HttpServerResponse.text(edgePage(status, ray), {
          status,
          contentType: "text/html; charset=UTF-8",
          headers: { "cf-ray": ray }
        })
      }
    }
    const denied = authenticate(context.options, request.headers, style)
    if (denied !== undefined) return respond(denied, ray)
    const params = yield* HttpRouter.params
    const declared = Number(header(request.headers, "content-length") ?? "0")
    const body: Effect.Effect<string, ApiFailure> =
      declared > MAX_BODY_BYTES
        ? Effect.fail(fail(style, ErrorCodes.malformedJson))
        : Effect.mapError(request.text, () => fail(style, ErrorCodes.malformedJson))
    const json = Effect.flatMap(body, (text) => parseJson(style, text))
    const listing = isListingFault(outcome) ? outcome : undefined
    const reply = yield* handler({ style, path, params, query, json, repeatPage: outcome?.kind === "repeat_page", listing }).pipe(
      Effect.catchTag("ApiFailure", (failure) => Effect.succeed(failure.reply))
    )
    if (outcome?.kind === "reset_after") return yield* reset(request)
    if (outcome?.kind === "bad_body" && reply.status >= 200 && reply.status <= 299 && reply.body !== undefined) {
      return badBody(outcome.body ?? "html", reply, ray)
    }
    if (outcome?.kind === "truncate" && reply.body !== undefined) {
      const text = JSON.stringify(reply.body)
      return HttpServerResponse.text(text.slice(0, Math.floor(text.length / 2)), {
        status: reply.status,
        contentType: "application/json",
        headers: { "cf-ray": ray }
      })
    }
    return respond(reply, ray)
  }).pipe(Effect.withSpan(`Emulator ${key}`, { attributes: { "http.route": template, "http.method": method } }))
  return HttpRouter.route(method)(path, run)
}
