/**
 * A local stand-in for the Accounts API, for benchmarks: `GET /accounts/{id}`
 * and the paged `GET /accounts`, answered after a fixed latency. The base path
 * carries the scenario, so one server serves them all:
 * `http://127.0.0.1:PORT/l/{latency ms}/n/{accounts}` + `/accounts...`.
 * Accounts are made from their number, never stored. Prints the port, then
 * serves until its parent closes stdin.
 */
import { createServer } from "node:http"
import { accountBody, pageBody } from "./accounts.js"

const route = /^\/l\/(\d+)\/n\/(\d+)\/accounts(?:\/([0-9a-f]{32}))?$/

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://127.0.0.1")
  const match = route.exec(url.pathname)
  const send = (status: number, body: string) => {
    response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    response.end(body)
  }
  if (match === null || request.method !== "GET") {
    send(404, JSON.stringify({ success: false, errors: [{ code: 7003, message: "No route" }], messages: [], result: null }))
    return
  }
  const latency = Number(match[1])
  const total = Number(match[2])
  const answer = () => {
    if (match[3] !== undefined) return send(200, accountBody(Number.parseInt(match[3]!, 16)))
    const page = Number(url.searchParams.get("page") ?? "1")
    const perPage = Number(url.searchParams.get("per_page") ?? "20")
    send(200, pageBody(page, perPage, total))
  }
  if (latency === 0) answer()
  else setTimeout(answer, latency)
})

server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => {
  const address = server.address()
  process.stdout.write(`${typeof address === "object" && address !== null ? address.port : 0}\n`)
})
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
process.stdin.on("close", () => process.exit(0))
