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
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type { CallError } from "./internal/call.js"
import * as Pagination from "./internal/pagination.js"

type PageParams = Pagination.PageParams

/**
 * Something a listing could not verify; it still completed, every check it
 * could make passed, and `message` says what was checked.
 *
 * - `Uncounted`: the API sent no `total_count` on page 1, so the end was taken
 *   from a short or empty page and not checked against a count.
 * - `BelowTotal`: a filtered listing (a search parameter, `name`) listed fewer
 *   accounts (`listed`) than its `total_count` (`total`). The spec defines
 *   `total_count` as the count without search parameters, so the difference
 *   cannot be told from accounts missed (an empty or short page too early).
 *   Under either reading the listing cannot hold more than `total_count`, which
 *   was checked.
 *
 * @since 0.1.0
 */
export type ListingWarning =
  | { readonly _tag: "Uncounted"; readonly message: string }
  | { readonly _tag: "BelowTotal"; readonly message: string; readonly listed: number; readonly total: number }

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
 *   section) is restarted from page 1 after `restartDelay` (default 1 s), then
 *   twice that, four times; after the last one the stream fails with
 *   `IncompleteListingError`.
 * - `maxPages`: pages one pass may fetch. Default: the pages the first
 *   `total_count` needs plus a tenth (at least 2); 10,000 when the server sends
 *   no `total_count` or the listing is filtered. Needing more is an
 *   `IncompleteListingError`.
 * - `onWarning` (default: `Effect.logWarning` of its message): called once, when
 *   the listing completes, with what it could not verify ({@link ListingWarning}).
 *
 * With a search parameter (`name`), `total_count` counts the accounts without
 * it (so says the spec), so it is only an upper bound of those listed (see
 * {@link totalCountBounds}): such a listing is read one page at a time up to a
 * short or empty page, and checked as any listing is, except that it may end
 * below the count. The count may move with any create or delete in the tenant,
 * so each page is held to its own: listing more than it is inconsistent (restart,
 * then `IncompleteListingError`); ending with exactly the last page's count is
 * complete; fewer, or no `total_count`, completes with a warning (`BelowTotal`,
 * `Uncounted`).
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
  readonly restartDelay?: Duration.DurationInput | undefined
  readonly onWarning?: ((warning: ListingWarning) => Effect.Effect<void>) | undefined
}

/**
 * Whether `result_info.total_count` bounds a listing with these parameters:
 * only when no search parameter (`name`) is set. The spec defines it as the
 * "total results available without any search parameters"; on a filtered
 * listing it is not a count of the accounts listed, only an upper bound, so
 * `pages`/`all` check it as such and `pageRange` refuses such parameters. For
 * apps that show a count beside a listing.
 *
 * @example
 * Listing.totalCountBounds({ per_page: 50, direction: "asc" }) // true
 * Listing.totalCountBounds({ name: "acme" }) // false
 *
 * @since 0.1.0
 */
export const totalCountBounds = (params: PageParams): boolean => Pagination.countBounds(params)

/**
 * Parameters of `pageRange`: pages `from` to `to` (inclusive) of the listing
 * with these `direction` and `per_page`, whose page 1 reported `total_count`
 * `total`. A range is planned from that count, so a search parameter (`name`),
 * with which the count is not a bound ({@link totalCountBounds}), is an
 * `InvalidInputError`.
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
