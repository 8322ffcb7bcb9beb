/**
 * The listing's types: the parameters of `pages`/`all`/`pageRange`, one page of
 * `GET /accounts`, and what a listing stream can fail with. Re-exported by
 * {@link AccountsClient}.
 *
 * @since 0.1.0
 */
import type * as Account from "@cf-accounts/core/Account"
import type { IncompleteListingError } from "@cf-accounts/core/CloudflareError"
import type { ResultInfo } from "@cf-accounts/core/ResultInfo"
import type { CallError, PageParams } from "./AccountsClient.js"

/**
 * Parameters of `pages`/`all`: the listing's parameters (`per_page` defaults to
 * 50) and its bounds.
 *
 * - `confirm` (default false): the listing completes only when two consecutive
 *   consistent passes listed exactly the same accounts; otherwise another pass
 *   follows at once. At least twice the requests, but it closes the gap a single
 *   pass cannot see: an account deleted and another created while the listing
 *   runs keep `total_count` the same and shift the pages, so one pass can miss an
 *   account that existed throughout. See the README's Pagination section.
 * - `maxPasses` (default 3; 4 with `confirm`, which needs at least 2): passes in
 *   all. A pass that is not a consistent snapshot (see the README's Pagination
 *   section) is restarted from page 1 after 1 s, then 2 s, 4 s; after the last
 *   one the stream fails with `IncompleteListingError`.
 * - `maxPages`: pages one pass may fetch. Default: the pages the first
 *   `total_count` needs plus a tenth (at least 2); 10,000 when the server sends
 *   no `total_count`. Needing more is an `IncompleteListingError`.
 *
 * @example
 * // fail at once on the first inconsistency, never fetch more than 100 pages
 * client.all({ per_page: 50, maxPasses: 1, maxPages: 100 })
 * // every account that existed throughout, even with deletes and creates meanwhile
 * client.all({ per_page: 50, confirm: true })
 *
 * @since 0.1.0
 */
export interface StreamParams extends PageParams {
  readonly confirm?: boolean | undefined
  readonly maxPasses?: number | undefined
  readonly maxPages?: number | undefined
}

/**
 * Parameters of `pageRange`: pages `from` to `to` (inclusive) of the listing
 * with these `name`, `direction` and `per_page`, whose page 1 reported
 * `total_count` `total`.
 *
 * @example
 * // pages 2 to 11 of a listing whose page 1 said 1,000 accounts
 * client.pageRange({ per_page: 50, direction: "asc", from: 2, to: 11, total: 1000 })
 *
 * @since 0.1.0
 */
export interface PageRangeParams extends PageParams {
  readonly per_page: number
  readonly from: number
  readonly to: number
  readonly total: number
}

/**
 * What `pages`/`all` can fail with: a {@link CallError}, or an
 * `IncompleteListingError` when the listing stayed inconsistent through every
 * pass or ran past `maxPages`.
 *
 * @since 0.1.0
 */
export type StreamError = CallError | IncompleteListingError

/**
 * One page of `GET /accounts`.
 *
 * @since 0.1.0
 */
export interface AccountsPage {
  readonly result: ReadonlyArray<Account.Account>
  /** Absent, or with fields missing, when the server leaves them out (the spec makes them optional). */
  readonly result_info?: ResultInfo | null | undefined
}
