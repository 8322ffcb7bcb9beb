/**
 * The request a route handler answers: the Web `Request`, its parsed URL, and the path
 * parameters of the route it matched (already percent-decoded).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"

export class CurrentRequest extends Context.Tag("@cf-accounts/worker/CurrentRequest")<
  CurrentRequest,
  { readonly request: Request; readonly url: URL; readonly params: Readonly<Record<string, string>> }
>() {}

/** The request's URL, for its query string. */
export const url = Effect.map(CurrentRequest, (current) => current.url)

/** A path parameter of the matched route (`:name`). */
export const param = (name: string) => Effect.map(CurrentRequest, (current) => current.params[name] ?? "")

/** A request header, if the request has it. */
export const header = (name: string) => Effect.map(CurrentRequest, (current) => current.request.headers.get(name))
