/**
 * What the definition says of a request path the router found no route for: the methods
 * its routes answer (for a 405 and `Allow`), and the path parameters a route of it would
 * have (so a 400 can show the value it refused).
 */
import type * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import { WorkerApi } from "./WorkerApi.js"

interface Route {
  readonly method: string
  readonly segments: ReadonlyArray<string>
}

/** A path's segments, without the empty ones repeated and trailing slashes leave (as the router reads it). */
const segmentsOf = (path: string): ReadonlyArray<string> => path.split("/").filter((segment) => segment !== "")

const routes: ReadonlyArray<Route> = Object.values(
  WorkerApi.groups as unknown as Readonly<Record<string, HttpApiGroup.HttpApiGroup.AnyWithProps>>
).flatMap((group) =>
  Object.values(group.endpoints).map((endpoint) => ({ method: endpoint.method, segments: segmentsOf(endpoint.path) }))
)

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const paramsOf = (route: Route, segments: ReadonlyArray<string>): Record<string, string> | undefined => {
  if (route.segments.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [i, expected] of route.segments.entries()) {
    const actual = segments[i] ?? ""
    if (expected.startsWith(":")) params[expected.slice(1)] = decode(actual)
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

/** The path parameters `pathname` has under the first route it matches. */
export const pathParams = (pathname: string): Readonly<Record<string, string>> => matching(pathname)[0]?.params ?? {}
