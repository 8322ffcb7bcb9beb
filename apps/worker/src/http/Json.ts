/**
 * JSON responses, each typed by its schema in `Responses.ts`, and the error shape every
 * failure uses: `{ "error": { "code": "...", "message": "...", "field"?: "..." } }`.
 */
import type * as Schema from "effect/Schema"
import * as Responses from "./Responses.js"

export const json = <A, I>(
  _schema: Schema.Schema<A, I>,
  body: NoInfer<A>,
  status = 200,
  headers: Record<string, string> = {}
): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }
  })

export const error = (
  status: number,
  code: string,
  message: string,
  extra: { readonly field?: string; readonly sync_id?: string } = {},
  headers: Record<string, string> = {}
): Response => json(Responses.ErrorBody, { error: { code, message, ...extra } }, status, headers)
