/**
 * A fake HttpClient (`HttpClient.make`) that records every request and answers
 * from a handler, so the client is tested without a network.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { RequestError } from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"

export interface Recorded {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: unknown
}

export type Reply =
  | { readonly status: number; readonly json?: unknown; readonly text?: string; readonly headers?: Record<string, string> }
  | { readonly transport: { readonly code: string } }
  | { readonly hang: true }

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  json: body,
  headers
})

export const ok = (result: unknown, extra: Record<string, unknown> = {}): Reply =>
  json(200, { success: true, errors: [], messages: [], result, ...extra })

export const fail = (status: number, errors: Array<{ code: number; message: string }> = [], headers: Record<string, string> = {}): Reply =>
  json(status, { success: false, errors, messages: [], result: null }, headers)

const bodyOf = (request: HttpClientRequest.HttpClientRequest): unknown => {
  const body = request.body
  if (body._tag === "Uint8Array") return JSON.parse(new TextDecoder().decode(body.body))
  return undefined
}

export const makeFake = (handler: (request: Recorded, index: number) => Reply | Effect.Effect<Reply>) => {
  const requests: Array<Recorded> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const recorded: Recorded = { method: request.method, url, headers: request.headers, body: bodyOf(request) }
      requests.push(recorded)
      const result = handler(recorded, requests.length - 1)
      const reply = Effect.isEffect(result) ? yield* result : result
      if ("transport" in reply) {
        const cause = Object.assign(new Error(`socket ${reply.transport.code}`), { code: reply.transport.code })
        return yield* new RequestError({ request, reason: "Transport", cause })
      }
      if ("hang" in reply) return yield* Effect.never
      const text = reply.text ?? (reply.json === undefined ? "" : JSON.stringify(reply.json))
      return HttpClientResponse.fromWeb(
        request,
        new Response(reply.status === 204 ? null : text, {
          status: reply.status,
          headers: { "content-type": "application/json", ...reply.headers }
        })
      )
    })
  )
  return { client, requests }
}
