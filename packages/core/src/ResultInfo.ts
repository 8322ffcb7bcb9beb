/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Pagination details of a list response. Every field is optional, as in the
 * spec: a listing without `total_count` can still be paged (it ends on a short
 * or empty page), only without a count check. `total_pages` is not in the spec
 * but other Cloudflare endpoints send it; it is accepted when present.
 *
 * @since 0.1.0
 */
export const ResultInfo = Schema.Struct({
  page: Schema.optional(Schema.Number),
  per_page: Schema.optional(Schema.Number),
  count: Schema.optional(Schema.Number),
  total_count: Schema.optional(Schema.Number),
  total_pages: Schema.optional(Schema.Number)
}).annotations({ identifier: "ResultInfo" })

/** @since 0.1.0 */
export type ResultInfo = typeof ResultInfo.Type
