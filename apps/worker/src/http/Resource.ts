/**
 * One path and its handlers by method, for `HttpRouter.fromIterable`.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { error } from "./Json.js"

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const
type Method = (typeof METHODS)[number]

/**
 * One path and its handlers by method. Every other method answers 405 with `Allow` (the
 * router alone would answer a HEAD with the GET handler, and anything else as not found).
 */
export const resource = <E, R>(
  path: HttpRouter.PathInput,
  handlers: Partial<Record<Method, Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>>>
) => {
  const allow = METHODS.filter((method) => handlers[method] !== undefined).join(", ")
  const methodNotAllowed = Effect.succeed(error(405, "method_not_allowed", `use ${allow}`, {}, { allow }))
  return METHODS.map((method) => HttpRouter.makeRoute(method, path, handlers[method] ?? methodNotAllowed))
}

