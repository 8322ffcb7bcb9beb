/**
 * JSON responses, each typed by its schema in `Responses.ts`, and the error shape every
 * failure uses: `{ "error": { "code": "...", "message": "...", "field"?: "..." } }`.
 */
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as Schema from "effect/Schema"
import * as Responses from "./Responses.js"

export const json = <A, I>(
  _schema: Schema.Schema<A, I>,
  body: NoInfer<A>,
  status = 200,
  headers: Record<string, string> = {}
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.text(JSON.stringify(body), {
    status,
    contentType: "application/json; charset=utf-8",
    headers: { "cache-control": "no-store", ...headers }
  })

export const error = (
  status: number,
  code: string,
  message: string,
  extra: { readonly field?: string; readonly sync_id?: string } = {},
  headers: Record<string, string> = {}
): HttpServerResponse.HttpServerResponse =>
  json(Responses.ErrorBody, { error: { code, message, ...extra } }, status, headers)
