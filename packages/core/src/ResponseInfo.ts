/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { readOptional } from "./internal/tolerant.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * One entry of an envelope's `errors[]` or `messages[]`: Cloudflare's error or
 * message code, its text, and where known a documentation link and the JSON
 * pointer of the offending input.
 *
 * @since 0.1.0
 */
export const ResponseInfo = Schema.Struct(
  {
    code: Schema.Int,
    message: Schema.String,
    documentation_url: readOptional(Schema.String),
    source: readOptional(Schema.Struct({ pointer: readOptional(Schema.String) }, UnknownFields))
  },
  UnknownFields
).annotations({ identifier: "ResponseInfo" })

/** @since 0.1.0 */
export type ResponseInfo = typeof ResponseInfo.Type
