/**
 * A server on 127.0.0.1 that answers `GET /accounts` and `GET /accounts/{account_id}` with
 * accounts of exactly the shape public transcripts of the real API show (issue 20): `null`
 * settings, settings the spec does not list, `legacy_flags`, microsecond `created_on`, and
 * a `type` the spec does not list on some. Nothing else: it is the real API's shape, not a
 * second emulator. `total_count` can be left out of the listing, or sent as `null`.
 */
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

/** An account as the server sends it. */
export type RealAccount = Readonly<Record<string, unknown>> & { readonly id: string }

/**
 * Account `i` as the real API sent it: the first account of a recorded `GET /accounts`
 * answer in core's corpus (`packages/core/test/fixtures`, sources in its SOURCES.md),
 * with `i` in its id and name.
 */
export const realAccount = (i: number): RealAccount => ({
  ...recorded,
  id: `0f1e2d3c4b5a69788796a5b4c3d2${i.toString(16).padStart(4, "0")}`,
  name: `Example account ${i}`
})

const recorded = (
  JSON.parse(
    readFileSync(new URL("../../../../packages/core/test/fixtures/list/live-verified-2026-05.json", import.meta.url), "utf8")
  ) as { readonly result: ReadonlyArray<RealAccount> }
).result[0]!

export interface RealApi {
  readonly url: string
  readonly token: string
  /** The accounts the server holds, in listing order; tests may change them between syncs. */
  readonly accounts: Array<RealAccount>
  /** `result_info.total_count`: the number of accounts (the default), left out, or `null`. */
  totalCount: "sent" | "absent" | "null"
  readonly close: () => Promise<void>
}

const TOKEN = "real-api-token"

const envelope = (result: unknown, resultInfo?: unknown) =>
  JSON.stringify({ success: true, errors: [], messages: [], result, ...(resultInfo === undefined ? {} : { result_info: resultInfo }) })

/** Starts the server holding `accounts`, listed in that order. */
export const startRealApi = async (accounts: ReadonlyArray<RealAccount>): Promise<RealApi> => {
  const api: Pick<RealApi, "accounts" | "totalCount"> = { accounts: [...accounts], totalCount: "sent" }
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1")
    const send = (status: number, body: string) => {
      response.writeHead(status, { "content-type": "application/json" })
      response.end(body)
    }
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      return send(403, JSON.stringify({ success: false, errors: [{ code: 9109, message: "Invalid access token" }], messages: [], result: null }))
    }
    if (request.method === "GET" && url.pathname === "/accounts") {
      const page = Number(url.searchParams.get("page") ?? "1")
      const perPage = Number(url.searchParams.get("per_page") ?? "20")
      const result = api.accounts.slice((page - 1) * perPage, page * perPage)
      const info = { page, per_page: perPage, count: result.length }
      const total = { sent: { total_count: api.accounts.length }, absent: {}, null: { total_count: null } }[api.totalCount]
      return send(200, envelope(result, { ...info, ...total }))
    }
    const match = /^\/accounts\/([0-9a-f]{32})$/.exec(url.pathname)
    const account = api.accounts.find((a) => a.id === match?.[1])
    if (request.method === "GET" && account !== undefined) return send(200, envelope(account))
    return send(404, JSON.stringify({ success: false, errors: [{ code: 7003, message: "Could not route" }], messages: [], result: null }))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(api, {
    url: `http://127.0.0.1:${port}`,
    token: TOKEN,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  })
}
