/**
 * What the definition says of a request path, for the edge (`WebHandler.ts`), which answers
 * what the router and the schemas left unanswered: the methods the routes of a path answer
 * (for a 405 and `Allow`), and where each request parameter of a route comes from (its path,
 * its query or a header), so a 400 shows the value it refused and a schema failure that names
 * no request parameter is known to be the worker's own answer's.
 */
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"
import { WorkerApi } from "./WorkerApi.js"

/** Where a request parameter comes from. */
export type Source = "path" | "query" | "header"

interface Route {
  readonly method: string
  readonly segments: ReadonlyArray<string>
  readonly parameters: ReadonlyMap<string, Source>
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** A path's segments, percent-decoded, without the empty ones repeated and trailing slashes leave (as the router reads it). */
const segmentsOf = (path: string): ReadonlyArray<string> =>
  path
    .split("/")
    .filter((segment) => segment !== "")
    .map(decode)

const namesOf = (schema: Option.Option<{ readonly ast: AST.AST }>): ReadonlyArray<string> =>
  Option.match(schema, {
    onNone: () => [],
    onSome: ({ ast }) => AST.getPropertySignatures(ast).map((property) => String(property.name))
  })

const routes: ReadonlyArray<Route> = Object.values(
  WorkerApi.groups as unknown as Readonly<Record<string, HttpApiGroup.HttpApiGroup.AnyWithProps>>
).flatMap((group) =>
  Object.values(group.endpoints).map((endpoint) => ({
    method: endpoint.method,
    segments: segmentsOf(endpoint.path),
    parameters: new Map<string, Source>([
      ...namesOf(endpoint.pathSchema).map((name) => [name, "path"] as const),
      ...namesOf(endpoint.urlParamsSchema).map((name) => [name, "query"] as const),
      ...namesOf(endpoint.headersSchema).map((name) => [name, "header"] as const)
    ])
  }))
)

/** The path parameters `segments` has under `route`, or `undefined` when the route is another path's. */
const paramsOf = (route: Route, segments: ReadonlyArray<string>): Record<string, string> | undefined => {
  if (route.segments.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, expected] of route.segments.entries()) {
    const actual = segments[i] ?? ""
    if (expected.startsWith(":")) params[expected.slice(1)] = actual
    else if (expected !== actual) return undefined
  }
  return params
}

const matching = (pathname: string) => {
  const segments = segmentsOf(pathname)
  return routes.flatMap((route) => {
    const params = paramsOf(route, segments)
    return params === undefined ? [] : [{ route, params }]
  })
}

/** The methods the routes of `pathname` answer (HEAD with GET), or none when no route has it. */
export const allowedMethods = (pathname: string): ReadonlyArray<string> => {
  const methods = new Set(matching(pathname).map(({ route }) => route.method))
  if (methods.has("GET")) methods.add("HEAD")
  return [...methods]
}

/**
 * The request parameter `name` of the route `method` and `pathname` name: where it comes from
 * and, for a path parameter, its value; `undefined` when that route has no such parameter.
 */
export const parameter = (
  method: string,
  pathname: string,
  name: string
): { readonly source: Source; readonly pathValue: string | undefined } | undefined => {
  const wanted = method === "HEAD" ? "GET" : method
  const found = matching(pathname).find(({ route }) => route.method === wanted)
  const source = found?.route.parameters.get(name)
  return found === undefined || source === undefined ? undefined : { source, pathValue: found.params[name] }
}

/** The first path parameter of the routes of `pathname`, if they have one. */
export const firstPathParameter = (pathname: string): string | undefined =>
  matching(pathname)
    .flatMap(({ route }) => [...route.parameters].filter(([, source]) => source === "path").map(([name]) => name))
    .at(0)
