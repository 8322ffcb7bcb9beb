/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Pagination details of a list response. `total_pages` is not in the spec but
 * other Cloudflare endpoints send it; it is accepted when present.
 *
 * @since 0.1.0
 */
export const ResultInfo = Schema.Struct({
  page: Schema.Number,
  per_page: Schema.Number,
  count: Schema.Number,
  total_count: Schema.Number,
  total_pages: Schema.optional(Schema.Number)
}).annotations({ identifier: "ResultInfo" })

/** @since 0.1.0 */
export type ResultInfo = typeof ResultInfo.Type
