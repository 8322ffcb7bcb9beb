/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { readOptional } from "./internal/tolerant.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * Pagination details of a list response. Every field is optional, as in the
 * spec: a listing without `total_count` can still be paged (it ends on a short
 * or empty page), only without a count check. `total_pages` is not in the spec
 * but other Cloudflare endpoints send it; it is accepted when present. A field
 * sent as `null` is read as absent (and kept as `null`); other fields are kept.
 *
 * The spec defines `total_count` as the "total results available without any
 * search parameters": on a listing filtered by `name` it is not a bound on the
 * filtered results (see the client's pagination).
 *
 * @since 0.1.0
 */
export const ResultInfo = Schema.Struct(
  {
    page: readOptional(Schema.Number),
    per_page: readOptional(Schema.Number),
    count: readOptional(Schema.Number),
    total_count: readOptional(Schema.Number),
    total_pages: readOptional(Schema.Number)
  },
  UnknownFields
).annotations({ identifier: "ResultInfo" })

/** @since 0.1.0 */
export type ResultInfo = typeof ResultInfo.Type
