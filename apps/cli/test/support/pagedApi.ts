/**
 * A server on 127.0.0.1 that answers only `GET /accounts`, with `result_info` in the
 * shape a test sets: as the spec has it, with `total_count: null`, or with
 * `result_info: null` (the emulator leaves fields out but never sends `null`). A
 * `name` search lists the accounts whose name contains it.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

export type InfoShape = "counted" | "null_total_count" | "null_result_info"

export interface PagedApiShape {
  readonly url: string
  readonly token: string
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly name: string; readonly type: string }>
  /** How the next answers carry `result_info`; "counted" to start with. */
  shape: InfoShape
}

/** The server of a test file. */
export class PagedApi extends Context.Tag("cli/test/PagedApi")<PagedApi, PagedApiShape>() {}

/** The server, with `count` accounts, for the layer's lifetime. */
export const layer = (count: number) =>
  Layer.scoped(
    PagedApi,
    Effect.acquireRelease(
      Effect.async<{ readonly api: PagedApiShape; readonly close: () => void }>((resume) => {
        const accounts = Array.from({ length: count }, (_, i) => ({
          id: (i + 1).toString(16).padStart(32, "0"),
          name: `Paged account ${i + 1}`,
          type: "standard"
        }))
        const api = { url: "", token: "paged-api-token", accounts, shape: "counted" as InfoShape }
        const server = createServer((request, response) => {
          const url = new URL(request.url ?? "/", "http://127.0.0.1")
          response.writeHead(request.method === "GET" && url.pathname === "/accounts" ? 200 : 404, {
            "content-type": "application/json"
          })
          if (request.method !== "GET" || url.pathname !== "/accounts") {
            return response.end(JSON.stringify({ success: false, errors: [{ code: 7003, message: "no route" }], messages: [], result: null }))
          }
          const page = Number(url.searchParams.get("page") ?? "1")
          const perPage = Number(url.searchParams.get("per_page") ?? "20")
          const name = url.searchParams.get("name")
          const matching = name === null ? accounts : accounts.filter((a) => a.name.includes(name))
          const result = matching.slice((page - 1) * perPage, page * perPage)
          const info = { page, per_page: perPage, count: result.length, total_count: api.shape === "counted" ? matching.length : null }
          response.end(
            JSON.stringify({ success: true, errors: [], messages: [], result, result_info: api.shape === "null_result_info" ? null : info })
          )
        })
        server.listen(0, "127.0.0.1", () => {
          api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
          resume(
            Effect.succeed({
              api,
              close: () => {
                server.closeAllConnections()
                server.close()
              }
            })
          )
        })
      }),
      ({ close }) => Effect.sync(close)
    ).pipe(Effect.map(({ api }) => api))
  )
