/**
 * The API's failures, one class per status, all with one body:
 * `{ "error": { "code": "...", "message": "...", "field"?: "...", "sync_id"?: "..." } }`.
 * Each class lists the codes it answers with, so the OpenAPI document names them and a client
 * can tell the classes apart by their body.
 */
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Schema from "effect/Schema"

const bodyWith = <const Codes extends readonly [string, ...Array<string>]>(...codes: Codes) => ({
  error: Schema.Struct({
    code: Schema.Literal(...codes),
    message: Schema.String,
    /** The input the error is about: a query or path parameter, `body` or a path in it, a header. */
    field: Schema.optional(Schema.String),
    /** The sync already running (`sync_in_progress`). */
    sync_id: Schema.optional(Schema.String)
  })
})

/** The body every failure has (any code). */
export const ErrorBody = Schema.Struct({
  error: Schema.Struct({ ...bodyWith("").error.fields, code: Schema.String })
})
export type ErrorBody = typeof ErrorBody.Type

/** What a 400 means, in the OpenAPI document. */
export const INVALID_INPUT = "Bad input, named by `field`; nothing was done"

/** 400: a path or query parameter, header or body that breaks its rule; nothing was done. */
export class InvalidInput extends Schema.Class<InvalidInput>("InvalidInput")(
  bodyWith("invalid_input"),
  HttpApiSchema.annotations({ status: 400, description: INVALID_INPUT })
) {}

/** 401: no credentials, or credentials that do not hold. Sent with `WWW-Authenticate: Bearer`. */
export class Unauthorized extends Schema.Class<Unauthorized>("Unauthorized")(
  bodyWith("unauthorized"),
  HttpApiSchema.annotations({ status: 401, description: "Missing or wrong credentials" })
) {}

/** 403: a write from another origin, or a Cloudflare Access write without `Origin`. */
export class Forbidden extends Schema.Class<Forbidden>("Forbidden")(
  bodyWith("forbidden_origin"),
  HttpApiSchema.annotations({ status: 403, description: "A write from another origin" })
) {}

/** 404: no such route, or no such account, sync or job. */
export class NotFound extends Schema.Class<NotFound>("NotFound")(
  bodyWith("not_found"),
  HttpApiSchema.annotations({ status: 404, description: "Not found" })
) {}

/** 405: the route exists for other methods, listed in `Allow`. */
export class MethodNotAllowed extends Schema.Class<MethodNotAllowed>("MethodNotAllowed")(
  bodyWith("method_not_allowed"),
  HttpApiSchema.annotations({ status: 405, description: "Use a method listed in Allow" })
) {}

/** 409: a sync is already running (its id in `sync_id`). */
export class Conflict extends Schema.Class<Conflict>("Conflict")(
  bodyWith("sync_in_progress"),
  HttpApiSchema.annotations({ status: 409, description: "A sync is already running" })
) {}

/** 413: the body has more bytes than the route takes. */
export class PayloadTooLarge extends Schema.Class<PayloadTooLarge>("PayloadTooLarge")(
  bodyWith("body_too_large"),
  HttpApiSchema.annotations({ status: 413, description: "The body is too large" })
) {}

/** 422: an `Idempotency-Key` used in the last 24 hours with another body. */
export class Unprocessable extends Schema.Class<Unprocessable>("Unprocessable")(
  bodyWith("idempotency_key_reused"),
  HttpApiSchema.annotations({ status: 422, description: "The Idempotency-Key was used with another body" })
) {}

/** 500: the worker's configuration or database failed; the details are in the logs, never a secret. */
export class InternalError extends Schema.Class<InternalError>("InternalError")(
  bodyWith("configuration", "database", "internal"),
  HttpApiSchema.annotations({ status: 500, description: "Configuration, database or internal error" })
) {}

/** 503: Cloudflare Access keys or a queue cannot be reached now; retry (`Retry-After` when known). */
export class Unavailable extends Schema.Class<Unavailable>("Unavailable")(
  bodyWith("access_unavailable", "queue_unavailable"),
  HttpApiSchema.annotations({ status: 503, description: "Try again later" })
) {}

/** The failure body for `code` and `message`, with `field` or `sync_id` when given. */
export const detail = <const Code extends string>(
  code: Code,
  message: string,
  extra: { readonly field?: string; readonly sync_id?: string } = {}
) => ({ error: { code, message, ...extra } })

/** Every failure class, one per status. */
export const classes = [
  InvalidInput,
  Unauthorized,
  Forbidden,
  NotFound,
  MethodNotAllowed,
  Conflict,
  PayloadTooLarge,
  Unprocessable,
  InternalError,
  Unavailable
] as const

type AnyError = InstanceType<(typeof classes)[number]>

/**
 * `error` as a response with the status its class is annotated with, for the edge, which
 * answers before an endpoint's errors are encoded.
 */
export const toResponse = (error: AnyError): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(
    { error: error.error },
    { status: HttpApiSchema.getStatusError(error.constructor as unknown as Schema.Schema.All) }
  )
