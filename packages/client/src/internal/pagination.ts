/**
 * Page-number pagination over `GET /accounts`, as a stream of pages, with the
 * listing's integrity checked in one place.
 *
 * @internal
 */
import * as ListAccountsParams from "@cf-accounts/core/ListAccountsParams"
import type { ResultInfo } from "@cf-accounts/core/ResultInfo"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as Schema from "effect/Schema"
import type * as Operations from "@cf-accounts/core/Operations"
import * as Prefetch from "./prefetch.js"

/** The parameters of `GET /accounts` as a caller gives them (encoded). @internal */
export type ListParams = Schema.Schema.Encoded<typeof Operations.list.query.params>
/** @internal */
export type PageParams = Omit<ListParams, "page">

/** @internal */
export interface Page<A> {
  readonly result: ReadonlyArray<A>
  readonly result_info?: ResultInfo | null | undefined
}

/**
 * What a page's `result_info` reports, a field sent as `null` read as absent
 * (as core's tolerant reader means it: "not set").
 *
 * @internal
 */
export const reported = (page: Page<unknown>): {
  readonly page: number | undefined
  readonly perPage: number | undefined
  readonly total: number | undefined
} => {
  const info = page.result_info
  return { page: info?.page ?? undefined, perPage: info?.per_page ?? undefined, total: info?.total_count ?? undefined }
}

/**
 * The search parameters of `GET /accounts`: those the spec's `total_count`
 * ("total results available without any search parameters") leaves out. Every
 * other field of core's `ListAccountsParams` pages, sizes or orders the listing.
 */
const search: ReadonlyArray<keyof ListAccountsParams.ListAccountsParams> = ["name"]

/** The listing parameters that page, size and order a listing; any other is a search parameter. */
const paging: ReadonlySet<string> = new Set(
  Object.keys(ListAccountsParams.ListAccountsParams.fields).filter((field) => !(search as ReadonlyArray<string>).includes(field))
)

/**
 * Whether `total_count` counts exactly the accounts of a listing with these
 * parameters: only when no search parameter ({@link search}, or any parameter
 * that does not just page, size or order it) is set. The spec defines
 * `total_count` as the "total results available without any search
 * parameters", so a filtered listing's count is, under either reading (of every
 * account, or of the matching ones), only an upper bound of what it lists. The
 * one rule for `pages`, `pageRange` and the apps that show a count.
 *
 * @internal
 */
export const countBounds = (params: Readonly<Record<string, unknown>>): boolean =>
  Object.entries(params).every(([name, value]) => value === undefined || paging.has(name))

/**
 * What a listing that completed could not verify: `Uncounted`, page 1 of the
 * pass that completed it had no `total_count`; `BelowTotal`, a filtered listing
 * (not `counted`) listed fewer accounts than the `total_count` its last page
 * reported (`total`), which may count accounts it does not match. `totals` are
 * the counts that pass's pages reported, in order, each where it changed (the
 * last is `total`): more than one when the count moved while it listed.
 *
 * @internal
 */
export type Unverified =
  | { readonly _tag: "Uncounted" }
  | { readonly _tag: "BelowTotal"; readonly listed: number; readonly total: number; readonly totals: ReadonlyArray<number> }

/**
 * How a `BelowTotal` warning says the count moved while the pass listed, or
 * undefined when it did not: "total_count moved from 134 to 135 while it was
 * listed".
 *
 * @internal
 */
export const countMoved = (totals: ReadonlyArray<number>): string | undefined =>
  totals.length > 1 ? `total_count moved from ${totals.join(" to ")} while it was listed` : undefined

/** What a listing that failed had seen, for its error. @internal */
export interface Summary {
  readonly reason: string
  readonly passes: number
  readonly pages: number
  readonly accounts: number
  readonly totals: ReadonlyArray<number>
}

/** @internal */
export interface Options<E2, R2, E = never> {
  readonly perPage: number
  readonly prefetch: number
  /** Passes in all: the first listing and its restarts. */
  readonly maxPasses: number
  /**
   * Pages one pass may fetch; default from the first `total_count` (see
   * {@link pageBound}), or {@link maxPagesWithoutCount} when it is not `counted`.
   */
  readonly maxPages: number | undefined
  /**
   * Whether `total_count` counts exactly this listing's accounts ({@link countBounds}).
   * When not (a filtered listing), it is only an upper bound, and may move from
   * page to page (by the spec it counts the whole tenant): the listing is read one
   * page at a time up to a short or empty page, each page held to its own count
   * ({@link check}); listing more than it is inconsistent, and ending below the
   * count of the last page is `BelowTotal`.
   */
  readonly counted: boolean
  /**
   * Once, when the listing completes, with what the pass that completed it could
   * not verify ({@link Unverified}), if anything.
   */
  readonly onUnverified?: ((unverified: Unverified) => Effect.Effect<void, never, R2>) | undefined
  /** The wait before the second pass; doubled before each further one. */
  readonly restartDelay: Duration.Duration
  readonly onRestart: (pass: number, reason: string, delay: Duration.Duration) => Effect.Effect<void, never, R2>
  readonly incomplete: (summary: Summary) => E2
  /**
   * Complete only when two consecutive consistent passes listed exactly the same
   * ids; a consistent pass that differs from the one before is followed by
   * another at once (see {@link pages}).
   */
  readonly confirm?: boolean | undefined
  /** Before pass `pass` starts to confirm the one before it (no wait). */
  readonly onConfirm?: ((pass: number, reason: string) => Effect.Effect<void, never, R2>) | undefined
  /**
   * How an error answer to the page after the last (see {@link probes}) reads, or
   * undefined to fail with the error as it is. A described one fails the listing
   * at once with `incomplete(summary)`: the end could not be confirmed.
   */
  readonly probeFailure?: ((error: E) => string | undefined) | undefined
}

/** The page bound of a listing without `total_count`, unless `maxPages` says otherwise. @internal */
export const maxPagesWithoutCount = 10_000

/**
 * The default page bound: the pages the first `total_count` needs, plus a margin
 * of a tenth (at least 2) for accounts created while listing.
 *
 * @internal
 */
export const pageBound = (total: number, perPage: number): number => {
  const pages = Math.max(1, Math.ceil(total / perPage))
  return pages + Math.max(2, Math.ceil(pages / 10))
}

/**
 * Whether a listing whose page 1 reported `total` also fetches the page after the
 * last one the count leaves, which must then be empty (and report the same
 * `total_count`). Needed when that last page is full: a `total_count` too small by
 * whole pages would otherwise go unnoticed, every page holding just what the count
 * leaves for it. A short last page already shows the end (the server had no more
 * accounts past it), as does an empty page 1 (`total` 0).
 *
 * @internal
 */
export const probes = (total: number, perPage: number): boolean => total > 0 && total % perPage === 0

/** The last page `total` leaves (page 1 for an empty listing). @internal */
export const lastPage = (total: number, perPage: number): number => Math.max(1, Math.ceil(total / perPage))

/** A pass that is not a consistent snapshot; `final` when restarting cannot help. */
class Inconsistent extends Data.TaggedError("Inconsistent")<{ readonly reason: string; readonly final: boolean }> {}

/**
 * Why page `n` of a listing of `perPage` per page breaks it, or undefined; records
 * its ids in `seen` when it breaks nothing (`seen` is left as it was otherwise).
 * `total` is the `total_count` page 1 reported (undefined when it had none): the
 * page must report a count too. When `exact` (an unfiltered listing), it must be
 * that same count, and the page must hold exactly the accounts it leaves for
 * page `n`. Otherwise (a filtered listing, whose count is only an upper bound, and
 * by the spec a count of the whole tenant, which moves with any create or delete
 * in it) the page is held only to its own count ({@link countRule}). The one rule
 * for `pages` and `range`.
 *
 * @internal
 */
export const check = <A extends { readonly id: string }>(
  page: Page<A>,
  n: number,
  perPage: number,
  total: number | undefined,
  seen: Set<string>,
  exact = true
): string | undefined => {
  const info = reported(page)
  const items = page.result
  const size = items.length
  if (info.page !== undefined && info.page !== n) return `page ${n} was answered as page ${info.page}`
  if (info.perPage !== undefined && info.perPage !== perPage) {
    return `page ${n} has per_page ${info.perPage}, not the ${perPage} asked for`
  }
  if (total !== undefined && info.total === undefined) return `page ${n} has no total_count (page 1 had ${total})`
  if (exact && total !== undefined && info.total !== total) return `total_count changed from ${total} to ${info.total} on page ${n}`
  // Recorded as they are checked; a page that breaks a rule takes its own ids out again
  // (none of those recorded was in `seen` before).
  const forget = (count: number) => {
    for (let j = 0; j < count; j++) seen.delete(items[j]!.id)
  }
  for (let i = 0; i < size; i++) {
    const id = items[i]!.id
    if (seen.has(id)) {
      forget(i)
      return `page ${n} repeats accounts already listed`
    }
    seen.add(id)
  }
  const reason = countRule(size, n, perPage, exact ? total : info.total, exact)
  if (reason !== undefined) forget(size)
  return reason
}

/**
 * Why a page `n` of `size` accounts does not fit `perPage` and `total`, or
 * undefined. The accounts up to the page's end, `(n - 1) * perPage + size`, never
 * exceed `total`: whichever accounts it counts, the server had that many when it
 * answered the page. When `exact`, the page must also hold all the accounts
 * `total` leaves for it. Otherwise (a filtered listing, `total` the page's own
 * count, every page before it full) an empty page must not report fewer than the
 * accounts already listed: under either reading of the count, a listed account
 * that matched has gone (deleted or renamed), and the pass is no snapshot of them.
 */
const countRule = (size: number, n: number, perPage: number, total: number | undefined, exact: boolean): string | undefined => {
  if (size > perPage) return `page ${n} has ${size} accounts, more than per_page ${perPage}`
  if (total === undefined) return undefined
  const before = (n - 1) * perPage
  if (size > 0 && before + size > total) return `page ${n} has ${size} accounts, past total_count ${total}`
  if (!exact) {
    return before > total ? `page ${n} is empty with total_count ${total}, below the ${before} accounts listed before it` : undefined
  }
  const expected = Math.max(0, Math.min(perPage, total - before))
  if (size < expected) {
    return size === 0
      ? `page ${n} is empty before total_count ${total} was reached`
      : `page ${n} has ${size} accounts, short of total_count ${total}`
  }
  return undefined
}

/**
 * The pages from 1 on, checked as one consistent listing.
 *
 * With `total_count` on page 1, the pages up to the one that reaches it are
 * fetched (after page 1, up to `prefetch` at a time, emitted in order), and each
 * must agree: the same `total_count`, its `page` and `per_page` as asked, exactly
 * the accounts the count leaves for it (a full page before the last, the rest on
 * the last), and no id seen earlier in the pass. When that last page is full, the
 * page after it is fetched in the same window and must be empty ({@link probes});
 * it is not counted against `maxPages` and not emitted. Without `total_count`,
 * or on a filtered listing (not `counted`: a search parameter is set, so the
 * count is only an upper bound), pages are fetched one at a time until a short
 * or empty page, with the same checks except that the pages be as full as the
 * count leaves them; a filtered listing's count may move from page to page, and
 * it may not list more than the count of the page that brings it there. When
 * the listing completes, `onUnverified` runs once if the pass that completed it
 * had no count (`Uncounted`) or, filtered, listed fewer accounts than its last
 * page's count (`BelowTotal`).
 *
 * A pass that breaks a check is dropped at that page and the listing starts
 * again from page 1 after a wait (`restartDelay`, doubling), up to `maxPasses`
 * passes; then, or when a pass needs more pages than the bound, the stream fails
 * with `incomplete(summary)`. With `confirm`, a consistent pass completes the
 * listing only when the consistent pass just before it listed exactly the same
 * ids; otherwise another pass follows at once (within `maxPasses`). An account is
 * emitted at most once over all passes (later passes emit only accounts not
 * emitted before); a page left with no account is not emitted, except the very
 * first one (an empty listing is one empty page).
 *
 * @internal
 */
export const pages = <A extends { readonly id: string }, E, R, E2, R2>(
  fetch: (page: number) => Effect.Effect<Page<A>, E, R>,
  options: Options<E2, R2, E>
): Stream.Stream<Page<A>, E | E2, R | R2> =>
  Stream.suspend(() => {
    const { perPage } = options
    // The ids emitted so far. The first pass records its ids here directly (as its
    // `seen`): until a second pass starts, the ids a pass has seen are the ids emitted.
    let emitted = new Set<string>()
    const totals: Array<number> = []
    let fetched = 0
    let started = false
    let bound = options.maxPages
    // What the latest pass could not verify: as of its page 1, and (filtered) its end.
    let unverified: Unverified | undefined

    const fetchPage = (n: number) =>
      Effect.map(fetch(n), (page) => {
        fetched++
        const { total } = reported(page)
        if (total !== undefined && !totals.includes(total)) totals.push(total)
        return page
      })

    /** Checks page `n` and keeps only the accounts not emitted before. */
    const accept = (page: Page<A>, n: number, total: number | undefined, seen: Set<string>) =>
      Effect.suspend(() => {
        const reason = check(page, n, perPage, total, seen, options.counted)
        if (reason !== undefined) return Effect.fail(new Inconsistent({ reason, final: false }))
        const first = !started
        started = true
        // The first pass: check has recorded the page's ids in `emitted`, none of them there before.
        if (seen === emitted) return Effect.succeed(page.result.length > 0 || first ? Option.some(page) : Option.none<Page<A>>())
        // One pass: `fresh` is made only once an account emitted before turns up (check
        // has made sure the page repeats none of its own).
        let fresh: Array<A> | undefined
        for (let i = 0; i < page.result.length; i++) {
          const item = page.result[i]!
          if (emitted.has(item.id)) fresh ??= page.result.slice(0, i)
          else {
            emitted.add(item.id)
            fresh?.push(item)
          }
        }
        const out = fresh === undefined ? page : { ...page, result: fresh }
        return Effect.succeed(out.result.length > 0 || first ? Option.some(out) : Option.none<Page<A>>())
      })

    const tooLong = (limit: number) =>
      new Inconsistent({ reason: `the listing needs more than ${limit} pages (maxPages)`, final: true })

    /** One pass from page 1, recording the ids it lists in `seen`. */
    const pass = (seen: Set<string>): Stream.Stream<Page<A>, E | Inconsistent, R> =>
      Stream.unwrap(
        Effect.flatMap(fetchPage(1), (first) => {
          const total = reported(first).total
          unverified = total === undefined ? { _tag: "Uncounted" } : undefined
          // A filtered listing's count is only an upper bound: not planned from.
          if (bound === undefined) bound = total === undefined || !options.counted ? maxPagesWithoutCount : pageBound(total, perPage)
          const limit = bound
          const head = Stream.fromEffect(accept(first, 1, total, seen)).pipe(Stream.filterMap((out) => out))
          if (total === undefined || !options.counted) {
            // No count that says where the listing ends: one page at a time, up to a short
            // or empty page. A filtered listing that ends below its count cannot tell why;
            // its count may move from page to page (check holds each page to its own), and
            // the one it ended with is the one it is compared with.
            const totals = total === undefined ? [] : [total]
            const below = Stream.execute(
              Effect.sync(() => {
                const ended = total === undefined ? undefined : totals.at(-1)
                if (ended !== undefined && seen.size < ended) {
                  unverified = { _tag: "BelowTotal", listed: seen.size, total: ended, totals }
                }
              })
            )
            if (first.result.length < perPage) return Effect.succeed(Stream.concat(head, below))
            const rest = Stream.paginateEffect(2, (n: number) =>
              n > limit
                ? Effect.fail(tooLong(limit))
                : Effect.flatMap(fetchPage(n), (page) =>
                    Effect.map(accept(page, n, total, seen), (out) => {
                      // Accepted: a page 1 with a count has every page report one (check).
                      const count = reported(page).total
                      if (count !== undefined && count !== totals.at(-1)) totals.push(count)
                      return [out, page.result.length < perPage ? Option.none<number>() : Option.some(n + 1)] as const
                    })
                  )
            ).pipe(Stream.filterMap((out) => out))
            return Effect.succeed(Stream.concat(Stream.concat(head, rest), below))
          }
          const last = lastPage(total, perPage)
          // The page after a full last page, in the same prefetch window: it must be empty.
          const end = last > limit ? limit : probes(total, perPage) ? last + 1 : last
          const fetchChecked = (n: number) =>
            n <= last ? fetchPage(n) : Effect.catchAll(fetchPage(n), (error) => probeError(error, n, last, total))
          const rest = Prefetch.inOrder(2, end, options.prefetch, (n) =>
            Effect.map(fetchChecked(n), (page) => [n, page] as const)
          ).pipe(
            Stream.mapEffect(([n, page]) => accept(page, n, total, seen)),
            Stream.filterMap((out) => out)
          )
          const whole = end === 1 ? head : Stream.concat(head, rest)
          return Effect.succeed(last > limit ? Stream.concat(whole, Stream.fail(tooLong(limit))) : whole)
        })
      )

    /** An error answer to the page after the last: the end cannot be confirmed, and a restart would not help. */
    const probeError = (error: E, n: number, last: number, total: number): Effect.Effect<never, E | Inconsistent> => {
      const described = options.probeFailure?.(error)
      if (described === undefined) return Effect.fail(error)
      return Effect.fail(
        new Inconsistent({
          reason: `page ${n}, read to confirm that page ${last} ends total_count ${total}, was answered with an error (${described})`,
          final: true
        })
      )
    }

    const fail = (reason: string, passes: number) =>
      Stream.fail(options.incomplete({ reason, passes, pages: fetched, accounts: emitted.size, totals }))

    /** After consistent pass `n` listed `seen`: done, or (with `confirm`) another pass. */
    const confirmed = (n: number, seen: Set<string>, previous: Set<string> | undefined) =>
      Stream.suspend((): Stream.Stream<Page<A>, E | E2, R | R2> => {
        if (!options.confirm) return Stream.empty
        const differ = previous === undefined ? undefined : difference(previous, seen)
        if (differ === 0) return Stream.empty
        const reason =
          previous === undefined || differ === undefined
            ? `pass ${n} listed ${seen.size} accounts, to be confirmed by another pass`
            : `pass ${n} listed ${seen.size} accounts and pass ${n - 1} listed ${previous.size}, ${differ} of them in only one`
        if (n >= options.maxPasses) {
          return fail(`no two consecutive passes listed the same accounts (${reason})`, n)
        }
        return Stream.concat(Stream.execute(options.onConfirm?.(n + 1, reason) ?? Effect.void), run(n + 1, seen))
      })

    /** Pass `n`; `previous` holds the ids of pass `n - 1` when that pass was consistent. */
    const run = (n: number, previous: Set<string> | undefined): Stream.Stream<Page<A>, E | E2, R | R2> =>
      Stream.suspend(() => {
        // The first pass records into `emitted` itself; a later one into its own set, once
        // `emitted` is a set of its own (the first pass's may be a later pass's `previous`).
        if (n === 2) emitted = new Set(emitted)
        const seen = n === 1 ? emitted : new Set<string>()
        return Stream.catchAll(Stream.concat(pass(seen), confirmed(n, seen, previous)), (error) => {
          // Safe: `fetch` fails only with E, the rest of the listing with E or E2, and Inconsistent is this module's own class.
          if (!(error instanceof Inconsistent)) return Stream.fail(error as E | E2)
          if (error.final || n >= options.maxPasses) return fail(error.reason, n)
          const delay = Duration.times(options.restartDelay, 2 ** (n - 1))
          return Stream.concat(
            Stream.execute(Effect.zipRight(options.onRestart(n + 1, error.reason, delay), Effect.sleep(delay))),
            run(n + 1, undefined)
          )
        })
      })

    return Stream.concat(
      run(1, undefined),
      Stream.execute(
        Effect.suspend(() =>
          unverified !== undefined && options.onUnverified !== undefined ? options.onUnverified(unverified) : Effect.void
        )
      )
    )
  })

/** How many ids are in only one of `a` and `b`. */
const difference = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  let only = 0
  for (const id of a) if (!b.has(id)) only++
  for (const id of b) if (!a.has(id)) only++
  return only
}

/** @internal */
export interface RangeOptions<E2, E = never> {
  readonly perPage: number
  readonly prefetch: number
  readonly from: number
  readonly to: number
  /** The `total_count` page 1 reported when the range was planned. */
  readonly total: number
  readonly incomplete: (summary: Summary) => E2
  /** As in {@link Options}. */
  readonly probeFailure?: ((error: E) => string | undefined) | undefined
}

/**
 * Pages `from..to` of a listing whose page 1 reported `total`, fetched up to
 * `prefetch` at a time and emitted in order, each checked by {@link check} as a
 * page of that listing (ids repeated within the range included). When `to` is the
 * last page the count leaves and that page is full, the page after it is fetched
 * too (in the same window) and must be empty, as in {@link pages}; it is not
 * emitted, and an error answer to it fails the range as `probeFailure` says. The
 * first page that breaks a check fails the stream with `incomplete(summary)` (one
 * pass, no restart: the caller, which holds the other pages, decides). Pages are
 * emitted as they came, an empty one (past the count) too.
 *
 * @internal
 */
export const range = <A extends { readonly id: string }, E, R, E2>(
  fetch: (page: number) => Effect.Effect<Page<A>, E, R>,
  options: RangeOptions<E2, E>
): Stream.Stream<Page<A>, E | E2, R> =>
  Stream.suspend(() => {
    const { perPage, total } = options
    const seen = new Set<string>()
    const totals: Array<number> = [total]
    let fetched = 0
    let accounts = 0
    const summary = (reason: string) => ({ reason, passes: 1, pages: fetched, accounts, totals })
    const last = lastPage(total, perPage)
    const probe = options.to === last && probes(total, perPage) ? last + 1 : undefined
    return Prefetch.inOrder(
      options.from,
      probe ?? options.to,
      options.prefetch,
      (n) =>
        Effect.map(
          n === probe
            ? Effect.catchAll(fetch(n), (error): Effect.Effect<never, E | E2> => {
                const described = options.probeFailure?.(error)
                return described === undefined
                  ? Effect.fail(error)
                  : Effect.fail(
                      options.incomplete(
                        summary(
                          `page ${n}, read to confirm that page ${last} ends total_count ${total}, was answered with an error (${described})`
                        )
                      )
                    )
              })
            : fetch(n),
          (page) => {
            fetched++
            const count = reported(page).total
            if (count !== undefined && !totals.includes(count)) totals.push(count)
            return [n, page] as const
          }
        )
    ).pipe(
      Stream.mapEffect(([n, page]) => {
        const reason = check(page, n, perPage, total, seen)
        if (reason !== undefined) return Effect.fail(options.incomplete(summary(reason)))
        accounts += page.result.length
        return Effect.succeed(n === probe ? Option.none<Page<A>>() : Option.some(page))
      }),
      Stream.filterMap((page) => page)
    )
  })
