/**
 * One path and its handlers by method, and finding the resource a request path names. Paths
 * match case-sensitively, ignoring a trailing slash and repeated slashes; a `:name` segment
 * matches one non-empty segment, percent-decoded (a malformed escape such as `%zz` is kept as
 * written, so the parameter's own check answers 400 rather than the route going missing).
 */
import * as Effect from "effect/Effect"
import { error } from "./Json.js"

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const
type Method = (typeof METHODS)[number]

export interface Resource<E, R> {
  readonly segments: ReadonlyArray<string>
  /** The methods it answers, for `Allow`. */
  readonly allow: string
  readonly handlers: Partial<Record<Method, Effect.Effect<Response, E, R>>>
}

/** A path such as `/v1/jobs/:job_id` and its handlers by method. */
export const resource = <E, R>(
  path: `/${string}`,
  handlers: Partial<Record<Method, Effect.Effect<Response, E, R>>>
): Resource<E, R> => ({
  segments: path.split("/").slice(1),
  allow: METHODS.filter((method) => handlers[method] !== undefined).join(", "),
  handlers
})

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** The path's segments, without the empty ones repeated or trailing slashes leave. */
const segmentsOf = (pathname: string): ReadonlyArray<string> =>
  pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map(decode)

const paramsOf = (pattern: ReadonlyArray<string>, segments: ReadonlyArray<string>) => {
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? ""
    const actual = segments[i] ?? ""
    if (expected.startsWith(":")) params[expected.slice(1)] = actual
    else if (expected !== actual) return undefined
  }
  return params
}

/** The resource of `table` that `pathname` names, and its path parameters; first match wins. */
export const find = <T extends Resource<unknown, unknown>>(table: ReadonlyArray<T>, pathname: string) => {
  const segments = segmentsOf(pathname)
  for (const entry of table) {
    const params = paramsOf(entry.segments, segments)
    if (params !== undefined) return { resource: entry, params }
  }
  return undefined
}

/** The errors of a resource's handlers (of a table's union of resources, the union of theirs). */
export type ErrorOf<T> = T extends Resource<infer E, infer _R> ? E : never
/** The services a resource's handlers need. */
export type ContextOf<T> = T extends Resource<infer _E, infer R> ? R : never

/**
 * What a resource answers to `method`: its handler, or a 405 with `Allow` for any other
 * method it knows (a HEAD included, unless the resource has one); `undefined` for a method
 * outside that list, which no route answers.
 */
export const handlerFor = <T extends Resource<unknown, unknown>>(
  entry: T,
  method: string
): Effect.Effect<Response, ErrorOf<T>, ContextOf<T>> | undefined => {
  if (!(METHODS as ReadonlyArray<string>).includes(method)) return undefined
  const handler = entry.handlers[method as Method]
  if (handler === undefined) {
    return Effect.sync(() => error(405, "method_not_allowed", `use ${entry.allow}`, {}, { allow: entry.allow }))
  }
  // `T` is a `Resource<E, R>`, whose handlers fail with `E` and need `R`.
  return handler as Effect.Effect<Response, ErrorOf<T>, ContextOf<T>>
}
