/**
 * The listing as streams: one page of `GET /accounts`, every page (`pages`),
 * a range of pages (`pageRange`) and every account (`all`), built on
 * {@link Pagination} over the call engine.
 *
 * @internal
 */
import type * as Account from "@cf-accounts/core/Account"
import { IncompleteListingError, InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Operations from "@cf-accounts/core/Operations"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { AccountsPage, ListingWarning, PageRangeParams, StreamError, StreamParams } from "../Listing.js"
import * as AccountsRequest from "./accountsRequest.js"
import { type ApiError, type Caller, formatWait } from "./call.js"
import * as Pagination from "./pagination.js"
import * as Tracing from "./tracing.js"

/** @internal */
export interface Streams {
  readonly listPage: (spec: AccountsRequest.RequestSpec) => Effect.Effect<AccountsPage, ApiError>
  readonly pages: (params?: StreamParams) => Stream.Stream<AccountsPage, StreamError>
  readonly pageRange: (params: PageRangeParams) => Stream.Stream<AccountsPage, StreamError>
  readonly all: (params?: StreamParams) => Stream.Stream<Account.Account, StreamError>
}

const positive = (field: string, value: number | undefined) =>
  value === undefined || (Number.isSafeInteger(value) && value >= 1)
    ? Effect.void
    : Effect.fail(new InvalidInputError({ field, rule: "must be a whole number of at least 1", value }))

/** ` (total_count moved from A to B while it was listed)`, or nothing when it did not move. */
const movedNote = (totals: ReadonlyArray<number>): string => {
  const moved = Pagination.countMoved(totals)
  return moved === undefined ? "" : ` (${moved})`
}

/**
 * The listing's first restart wait (default 1 s), or undefined when `input` is not a
 * finite duration of at least zero. `Duration.decodeUnknown` reads NaN and negative
 * inputs as zero; they are refused here instead.
 */
const restartDelayOf = (input: Duration.DurationInput | undefined): Duration.Duration | undefined => {
  if (input === undefined) return Duration.seconds(1)
  if (typeof input === "number" && !(input >= 0)) return undefined
  if (typeof input === "string" && input.trim().startsWith("-")) return undefined
  const delay = Option.getOrUndefined(Duration.decodeUnknown(input))
  return delay !== undefined && Duration.isFinite(delay) ? delay : undefined
}

/**
 * An answer of the server to the page after the last (a 4xx other than an
 * authentication, permission or rate-limit failure): Cloudflare does not document
 * how it answers a page past the end, so such an answer fails the listing rather
 * than being taken for an empty page. Anything else fails it as it is.
 */
const probeFailure = (error: ApiError | InvalidInputError): string | undefined => {
  switch (error._tag) {
    case "BadRequestError":
    case "NotFoundError":
    case "ConflictError":
    case "UnprocessableEntityError":
    case "UnexpectedStatusError":
      return error.message
    default:
      return undefined
  }
}

/** What a listing was checked for, besides what it could not verify. */
const checked = (confirm: boolean): string =>
  confirm ? "its pages and ids were checked, and a second pass listed the same accounts" : "its pages and ids were checked, in one pass"

/**
 * The warning of a listing `first` asks for that completed unverified (see
 * {@link Pagination.Unverified}): what could not be verified, and what was checked
 * instead.
 */
const warningOf = (first: AccountsRequest.RequestSpec, confirm: boolean) => (unverified: Pagination.Unverified): ListingWarning => {
  switch (unverified._tag) {
    case "Uncounted":
      return {
        _tag: "Uncounted",
        message: `${first.method} ${first.route} sent no total_count, so this listing's completeness could not be checked against a count (${checked(confirm)})`
      }
    case "BelowTotal":
      return {
        _tag: "BelowTotal",
        listed: unverified.listed,
        total: unverified.total,
        message: `${first.method} ${first.route} listed ${unverified.listed} accounts, fewer than its total_count ${unverified.total}${movedNote(unverified.totals)}; with a search parameter the spec defines total_count as the count without it, so the difference cannot be told from accounts missed (${checked(
          confirm
        )}; no more than total_count were listed)`
      }
  }
}

/** @internal */
export const make = ({ execute, options }: Caller): Streams => {
  const listPage = (spec: AccountsRequest.RequestSpec): Effect.Effect<AccountsPage, ApiError> =>
    Effect.map(execute(Operations.list, spec), ({ result, result_info }) => ({ result, result_info }))

  /** Page `page` of the listing `first` asks for (checked once), as a span named `span` when traced. */
  const fetchPage = (span: string, first: AccountsRequest.RequestSpec) => (page: number) =>
    Effect.suspend(() => {
      const spec = AccountsRequest.atPage(first, page)
      return Tracing.choose(
        () => listPage(spec).pipe(Effect.withSpan(span, { attributes: { "http.route": spec.route, page } })),
        () => listPage(spec)
      )
    })

  const incomplete = (first: AccountsRequest.RequestSpec) => (summary: Pagination.Summary) =>
    new IncompleteListingError({ method: first.method, route: first.route, ...summary, totals: [...summary.totals] })

  /** What pages() and pageRange() read the same way: the page size, the prefetch, the failures. */
  const shared = (first: AccountsRequest.RequestSpec, perPage: number) => ({
    perPage,
    prefetch: options.prefetch,
    incomplete: incomplete(first),
    probeFailure
  })

  const pages = (params?: StreamParams): Stream.Stream<AccountsPage, StreamError> =>
    Stream.unwrap(
      Effect.gen(function* () {
        const { confirm = false, maxPasses = confirm ? 4 : 3, maxPages, restartDelay, onWarning, ...listParams } =
          params ?? {}
        yield* positive("maxPasses", maxPasses)
        yield* positive("maxPages", maxPages)
        const delay = restartDelayOf(restartDelay)
        if (delay === undefined) {
          return yield* new InvalidInputError({ field: "restartDelay", rule: "must be a finite duration of at least zero (e.g. \"500 millis\")", value: restartDelay })
        }
        if (confirm && maxPasses < 2) {
          return yield* new InvalidInputError({ field: "maxPasses", rule: "must be at least 2 with confirm", value: maxPasses })
        }
        const base = { ...listParams, per_page: listParams.per_page ?? 50 }
        // Validates the parameters once, before the first request.
        const first = yield* AccountsRequest.list(base)
        const warning = warningOf(first, confirm)
        return Pagination.pages(fetchPage("AccountsClient.pages", first), {
          ...shared(first, base.per_page),
          maxPasses,
          maxPages,
          counted: Pagination.countBounds(first.urlParams),
          // Called only when it is needed, however the caller's function is written.
          onUnverified: (unverified) =>
            Effect.suspend(() => {
              const said = warning(unverified)
              return onWarning === undefined ? Effect.logWarning(said.message) : onWarning(said)
            }),
          restartDelay: delay,
          onRestart: (pass, reason, delay) =>
            Effect.logWarning(
              `${first.method} ${first.route} listing inconsistent (${reason}); restarting in ${formatWait(
                delay
              )} (pass ${pass} of ${maxPasses})`
            ),
          confirm,
          onConfirm: (pass, reason) =>
            Effect.logDebug(`${first.method} ${first.route} listing read again to confirm it (${reason}; pass ${pass} of ${maxPasses})`)
        })
      })
    )

  const pageRange = (params: PageRangeParams): Stream.Stream<AccountsPage, StreamError> =>
    Stream.unwrap(
      Effect.gen(function* () {
        const { from, to, total, ...base } = params
        yield* positive("from", from)
        yield* positive("to", to)
        if (to < from) return yield* new InvalidInputError({ field: "to", rule: `must be at least from (${from})`, value: to })
        if (!Number.isSafeInteger(total) || total < 0) {
          return yield* new InvalidInputError({ field: "total", rule: "must be a whole number of at least 0", value: total })
        }
        // Validates the parameters once, before the first request.
        const first = yield* AccountsRequest.list(base)
        if (!Pagination.countBounds(first.urlParams)) {
          return yield* new InvalidInputError({
            field: "name",
            rule: "cannot be used with pageRange, which plans pages from total_count (a count without search parameters); use pages",
            value: base.name
          })
        }
        return Pagination.range(fetchPage("AccountsClient.pageRange", first), {
          ...shared(first, base.per_page),
          from,
          to,
          total
        })
      })
    )

  const all = (params?: StreamParams): Stream.Stream<Account.Account, StreamError> =>
    Stream.mapConcat(pages(params), (page) => page.result)

  return { listPage, pages, pageRange, all }
}
