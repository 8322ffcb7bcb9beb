/**
 * Replies before they become HTTP responses, and the two error envelopes.
 *
 * @internal
 */
import * as Data from "effect/Data"
import type { ErrorCode } from "../ErrorCodes.js"

/**
 * The older accounts operations answer errors with `result: null`; the
 * organizations-API ones (move, batch move, organizations, profile) leave `result` out.
 *
 * @internal
 */
export type Style = "iam" | "org"

/** @internal */
export interface Reply {
  readonly status: number
  /** JSON body; `undefined` for no body (204). */
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** @internal */
export const errorBody = (
  style: Style,
  error: ErrorCode,
  details: { readonly message?: string; readonly pointer?: string } = {}
): unknown => ({
  success: false,
  errors: [
    {
      code: error.code,
      message: details.message ?? error.message,
      ...(details.pointer === undefined ? {} : { source: { pointer: details.pointer } })
    }
  ],
  messages: [],
  ...(style === "iam" ? { result: null } : {})
})

/** @internal */
export const errorReply = (
  style: Style,
  error: ErrorCode,
  details?: { readonly message?: string; readonly pointer?: string }
): Reply => ({ status: error.status, body: errorBody(style, error, details) })

/**
 * A request that ends in an API error: handlers fail with it, the route wrapper
 * turns it into its reply.
 *
 * @internal
 */
export class ApiFailure extends Data.TaggedError("ApiFailure")<{ readonly reply: Reply }> {}

/** @internal */
export const fail = (
  style: Style,
  error: ErrorCode,
  details?: { readonly message?: string; readonly pointer?: string }
): ApiFailure => new ApiFailure({ reply: errorReply(style, error, details) })

/** @internal */
export const ok = (body: unknown, status = 200): Reply => ({ status, body })
