/**
 * A server on 127.0.0.1 that answers `GET /accounts`, `GET` and `PUT /accounts/{id}`
 * with accounts of exactly the shape public transcripts of the real API show:
 * `null` settings, settings the spec does not list, `legacy_flags`, microsecond
 * `created_on`, and every third account of a `type` the spec does not list. Nothing
 * else: it is the real API's shape, not a second emulator. It records the PUT bodies.
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * Account `i` as the real API sent it: the first account of a recorded `GET /accounts`
 * answer in core's corpus (`packages/core/test/fixtures`, sources in its SOURCES.md)
 * with `i` in its id and name, every third of a type the spec does not list.
 */
export const realAccount = (i: number): RecordedAccount => ({
  ...recorded,
  id: `0f1e2d3c4b5a69788796a5b4c3d2${i.toString(16).padStart(4, "0")}`,
  name: `Example account ${i}`,
  ...(i % 3 === 2 ? { type: "partner" } : {})
})

/** What tests read of a recorded account; every other field is kept as recorded. */
export type RecordedAccount = Record<string, unknown> & {
  readonly id: string
  readonly created_on: string
  readonly settings: Readonly<Record<string, unknown>>
}

const recorded = (
  JSON.parse(
    readFileSync(new URL("../../../../packages/core/test/fixtures/list/live-verified-2026-05.json", import.meta.url), "utf8")
  ) as { readonly result: ReadonlyArray<RecordedAccount> }
).result[0]!

export interface RealApiShape {
  readonly url: string
  readonly token: string
  /** The accounts as the server holds them now. */
  readonly accounts: Map<string, Record<string, unknown>>
  /** Every PUT body received, parsed. */
  readonly puts: Array<unknown>
}

const envelope = (result: unknown, resultInfo?: unknown) =>
  JSON.stringify({ success: true, errors: [], messages: [], result, ...(resultInfo ? { result_info: resultInfo } : {}) })

/** The server of a test file. */
export class RealApi extends Context.Tag("cli/test/RealApi")<RealApi, RealApiShape>() {}

/** The server, with `count` accounts, for the layer's lifetime. */
export const layer = (count: number) => Layer.scoped(RealApi, serve(count))

const serve = (count: number) =>
  Effect.acquireRelease(
    Effect.async<{ readonly api: RealApiShape; readonly close: () => void }>((resume) => {
      const accounts = new Map<string, Record<string, unknown>>()
      for (let i = 0; i < count; i++) {
        const account = realAccount(i)
        accounts.set(account.id, account)
      }
      const puts: Array<unknown> = []
      const server = createServer((request, response) => {
        const url = new URL(request.url ?? "/", "http://127.0.0.1")
        const send = (status: number, body: string) => {
          response.writeHead(status, { "content-type": "application/json" })
          response.end(body)
        }
        const path = url.pathname.replace(/^\/client\/v4/, "")
        if (request.method === "GET" && path === "/accounts") {
          const page = Number(url.searchParams.get("page") ?? "1")
          const perPage = Number(url.searchParams.get("per_page") ?? "20")
          const all = [...accounts.values()]
          const result = all.slice((page - 1) * perPage, page * perPage)
          return send(200, envelope(result, { page, per_page: perPage, count: result.length, total_count: all.length }))
        }
        const match = /^\/accounts\/([0-9a-f]{32})$/.exec(path)
        const account = match ? accounts.get(match[1]!) : undefined
        if (account === undefined) {
          return send(404, JSON.stringify({ success: false, errors: [{ code: 7003, message: "Could not route to /accounts" }], messages: [], result: null }))
        }
        if (request.method === "GET") return send(200, envelope(account))
        if (request.method === "PUT") {
          let text = ""
          request.on("data", (chunk: Buffer) => {
            text += chunk.toString("utf8")
          })
          request.on("end", () => {
            const body = JSON.parse(text) as Record<string, unknown>
            puts.push(body)
            const stored = { ...body, created_on: account["created_on"] }
            accounts.set(account["id"] as string, stored)
            send(200, envelope(stored))
          })
          return
        }
        send(405, JSON.stringify({ success: false, errors: [{ code: 10000, message: "method not allowed" }], messages: [], result: null }))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(
          Effect.succeed({
            api: { url: `http://127.0.0.1:${port}/client/v4`, token: "real-shape-token", accounts, puts },
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
