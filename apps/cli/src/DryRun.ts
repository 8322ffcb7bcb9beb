/**
 * `--dry-run`: the request a write would send (method, URL, body) is printed and
 * nothing is sent. The request comes from the client's `AccountsRequest`, the same
 * code that builds real requests; headers (and so credentials) are never shown.
 *
 * @since 0.1.0
 */
import type { RequestSpec } from "@cf-accounts/client/AccountsRequest"
import * as Effect from "effect/Effect"
import * as Terminal from "./internal/terminal.js"
import type { Format } from "./Output.js"
import { Stdio } from "./Stdio.js"

/**
 * What `--dry-run` prints.
 *
 * @since 0.1.0
 */
export interface DryRunRequest {
  readonly dry_run: true
  readonly method: string
  readonly url: string
  readonly body?: unknown
}

/**
 * The full URL and body of `spec` against `baseUrl`.
 *
 * @since 0.1.0
 */
export const describe = (spec: RequestSpec, baseUrl: string): DryRunRequest => {
  const query = new URLSearchParams(spec.urlParams).toString()
  const url = `${baseUrl}${spec.path}${query === "" ? "" : `?${query}`}`
  return spec.body === undefined
    ? { dry_run: true, method: spec.method, url }
    : { dry_run: true, method: spec.method, url, body: spec.body }
}

/**
 * Prints the request: `METHOD URL` and the JSON body for people, one JSON object
 * for scripts. A note on stderr says that nothing was sent.
 *
 * @since 0.1.0
 */
export const print = (format: Format, spec: RequestSpec, baseUrl: string): Effect.Effect<void, never, Stdio> =>
  printEach(format, [spec], baseUrl, { single: true })

/**
 * Prints the requests of one command that sends several (`batch-move
 * --one-by-one`) as one output: for people each `METHOD URL` and body in turn,
 * for `json` one document (an array of the requests), for `ndjson` one line per
 * request. The note that nothing was sent is said once.
 *
 * @since 0.1.0
 */
export const printAll = (format: Format, specs: ReadonlyArray<RequestSpec>, baseUrl: string): Effect.Effect<void, never, Stdio> =>
  printEach(format, specs, baseUrl, { single: false })

const printEach = (
  format: Format,
  specs: ReadonlyArray<RequestSpec>,
  baseUrl: string,
  { single }: { readonly single: boolean }
): Effect.Effect<void, never, Stdio> =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    const requests = specs.map((spec) => describe(spec, baseUrl))
    if (format === "table") {
      const text = requests.map((request) => {
        const body = request.body === undefined ? "" : `${Terminal.json(request.body, 2)}\n`
        return `${request.method} ${request.url}\n${body}`
      })
      yield* stdio.out(text.join(""))
    } else if (format === "json") {
      yield* stdio.out(`${Terminal.json(single ? requests[0] : requests, 2)}\n`)
    } else {
      yield* stdio.out(requests.map((request) => `${Terminal.json(request)}\n`).join(""))
    }
    yield* stdio.err("dry run: nothing was sent\n")
  })
