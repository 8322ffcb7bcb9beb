/**
 * Page-number pagination over `GET /accounts`, as a stream of pages, with the
 * listing's integrity checked in one place.
 *
 * @internal
 */
import type { ResultInfo } from "@cf-accounts/core/ResultInfo"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/** @internal */
export interface Page<A> {
  readonly result: ReadonlyArray<A>
  readonly result_info?: ResultInfo | undefined
}

/** What a listing that failed had seen, for its error. @internal */
export interface Summary {
  readonly reason: string
  readonly passes: number
  readonly pages: number
  readonly accounts: number
  readonly totals: ReadonlyArray<number>
}

/** @internal */
export interface Options<E2, R2> {
  readonly perPage: number
  readonly prefetch: number
  /** Passes in all: the first listing and its restarts. */
  readonly maxPasses: number
  /** Pages one pass may fetch; default from the first `total_count` (see {@link pageBound}). */
  readonly maxPages: number | undefined
  /** The wait before the second pass; doubled before each further one. */
  readonly restartDelay: Duration.Duration
  readonly onRestart: (pass: number, reason: string, delay: Duration.Duration) => Effect.Effect<void, never, R2>
  readonly incomplete: (summary: Summary) => E2
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

/** A pass that is not a consistent snapshot; `final` when restarting cannot help. */
class Inconsistent extends Data.TaggedError("Inconsistent")<{ readonly reason: string; readonly final: boolean }> {}

/**
 * Why page `n` of a listing of `perPage` per page breaks it, or undefined; records
 * its ids in `seen`. `total` is the `total_count` page 1 reported (undefined when it
 * had none): the page must report it too, and hold exactly the accounts it leaves
 * for page `n`. The one rule for `pages` and `range`.
 *
 * @internal
 */
export const check = <A extends { readonly id: string }>(
  page: Page<A>,
  n: number,
  perPage: number,
  total: number | undefined,
  seen: Set<string>
): string | undefined => {
  const info = page.result_info
  const size = page.result.length
  if (info?.page !== undefined && info.page !== n) return `page ${n} was answered as page ${info.page}`
  if (info?.per_page !== undefined && info.per_page !== perPage) {
    return `page ${n} has per_page ${info.per_page}, not the ${perPage} asked for`
  }
  if (total !== undefined && info?.total_count !== total) {
    return info?.total_count === undefined
      ? `page ${n} has no total_count (page 1 had ${total})`
      : `total_count changed from ${total} to ${info.total_count} on page ${n}`
  }
  for (const item of page.result) {
    if (seen.has(item.id)) return `page ${n} repeats accounts already listed`
    seen.add(item.id)
  }
  if (size > perPage) return `page ${n} has ${size} accounts, more than per_page ${perPage}`
  if (total === undefined) return undefined
  const expected = Math.max(0, Math.min(perPage, total - (n - 1) * perPage))
  if (size > expected) return `page ${n} has ${size} accounts, past total_count ${total}`
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
 * the last), and no id seen earlier in the pass. Without `total_count`, pages are
 * fetched one at a time until a short or empty page, with the same checks except
 * the count's.
 *
 * A pass that breaks a check is dropped at that page and the listing starts
 * again from page 1 after a wait (`restartDelay`, doubling), up to `maxPasses`
 * passes; then, or when a pass needs more pages than the bound, the stream fails
 * with `incomplete(summary)`. An account is emitted at most once over all passes
 * (later passes emit only accounts not emitted before); a page left with no
 * account is not emitted, except the very first one (an empty listing is one
 * empty page).
 *
 * @internal
 */
export const pages = <A extends { readonly id: string }, E, R, E2, R2>(
  fetch: (page: number) => Effect.Effect<Page<A>, E, R>,
  options: Options<E2, R2>
): Stream.Stream<Page<A>, E | E2, R | R2> =>
  Stream.suspend(() => {
    const { perPage } = options
    const emitted = new Set<string>()
    const totals: Array<number> = []
    let fetched = 0
    let started = false
    let bound = options.maxPages

    const fetchPage = (n: number) =>
      Effect.map(fetch(n), (page) => {
        fetched++
        const total = page.result_info?.total_count
        if (total !== undefined && !totals.includes(total)) totals.push(total)
        return page
      })

    /** Checks page `n` and keeps only the accounts not emitted before. */
    const accept = (page: Page<A>, n: number, total: number | undefined, seen: Set<string>) =>
      Effect.suspend(() => {
        const reason = check(page, n, perPage, total, seen)
        if (reason !== undefined) return Effect.fail(new Inconsistent({ reason, final: false }))
        const fresh = page.result.filter((item) => !emitted.has(item.id))
        for (const item of fresh) emitted.add(item.id)
        const first = !started
        started = true
        const out = fresh.length === page.result.length ? page : { ...page, result: fresh }
        return Effect.succeed(fresh.length > 0 || first ? Option.some(out) : Option.none<Page<A>>())
      })

    const tooLong = (limit: number) =>
      new Inconsistent({ reason: `the listing needs more than ${limit} pages (maxPages)`, final: true })

    const pass = (): Stream.Stream<Page<A>, E | Inconsistent, R> =>
      Stream.unwrap(
        Effect.flatMap(fetchPage(1), (first) => {
          const seen = new Set<string>()
          const total = first.result_info?.total_count
          if (bound === undefined) bound = total === undefined ? maxPagesWithoutCount : pageBound(total, perPage)
          const limit = bound
          const head = Stream.fromEffect(accept(first, 1, total, seen)).pipe(Stream.filterMap((out) => out))
          if (total === undefined) {
            // No count to check against: one page at a time, up to a short or empty page.
            if (first.result.length < perPage) return Effect.succeed(head)
            const rest = Stream.paginateEffect(2, (n: number) =>
              n > limit
                ? Effect.fail(tooLong(limit))
                : Effect.flatMap(fetchPage(n), (page) =>
                    Effect.map(accept(page, n, undefined, seen), (out) =>
                      [out, page.result.length < perPage ? Option.none<number>() : Option.some(n + 1)] as const
                    )
                  )
            ).pipe(Stream.filterMap((out) => out))
            return Effect.succeed(Stream.concat(head, rest))
          }
          const last = Math.max(1, Math.ceil(total / perPage))
          const rest = Stream.range(2, Math.min(last, limit)).pipe(
            Stream.mapEffect((n) => Effect.map(fetchPage(n), (page) => [n, page] as const), {
              concurrency: options.prefetch
            }),
            Stream.mapEffect(([n, page]) => accept(page, n, total, seen)),
            Stream.filterMap((out) => out)
          )
          const whole = last === 1 ? head : Stream.concat(head, rest)
          return Effect.succeed(last > limit ? Stream.concat(whole, Stream.fail(tooLong(limit))) : whole)
        })
      )

    const run = (n: number): Stream.Stream<Page<A>, E | E2, R | R2> =>
      Stream.catchAll(pass(), (error) => {
        // Safe: `fetch` fails only with E, and Inconsistent is this module's own class.
        if (!(error instanceof Inconsistent)) return Stream.fail(error as E)
        if (error.final || n >= options.maxPasses) {
          return Stream.fail(
            options.incomplete({ reason: error.reason, passes: n, pages: fetched, accounts: emitted.size, totals })
          )
        }
        const delay = Duration.times(options.restartDelay, 2 ** (n - 1))
        return Stream.concat(
          Stream.execute(Effect.zipRight(options.onRestart(n + 1, error.reason, delay), Effect.sleep(delay))),
          run(n + 1)
        )
      })

    return run(1)
  })

/** @internal */
export interface RangeOptions<E2> {
  readonly perPage: number
  readonly prefetch: number
  readonly from: number
  readonly to: number
  /** The `total_count` page 1 reported when the range was planned. */
  readonly total: number
  readonly incomplete: (summary: Summary) => E2
}

/**
 * Pages `from..to` of a listing whose page 1 reported `total`, fetched up to
 * `prefetch` at a time and emitted in order, each checked by {@link check} as a
 * page of that listing (ids repeated within the range included). The first page
 * that breaks a check fails the stream with `incomplete(summary)` (one pass, no
 * restart: the caller, which holds the other pages, decides). Pages are emitted
 * as they came, an empty one (past the count) too.
 *
 * @internal
 */
export const range = <A extends { readonly id: string }, E, R, E2>(
  fetch: (page: number) => Effect.Effect<Page<A>, E, R>,
  options: RangeOptions<E2>
): Stream.Stream<Page<A>, E | E2, R> =>
  Stream.suspend(() => {
    const { perPage, total } = options
    const seen = new Set<string>()
    const totals: Array<number> = [total]
    let fetched = 0
    let accounts = 0
    return Stream.range(options.from, options.to).pipe(
      Stream.mapEffect(
        (n) =>
          Effect.map(fetch(n), (page) => {
            fetched++
            const reported = page.result_info?.total_count
            if (reported !== undefined && !totals.includes(reported)) totals.push(reported)
            return [n, page] as const
          }),
        { concurrency: options.prefetch }
      ),
      Stream.mapEffect(([n, page]) => {
        const reason = check(page, n, perPage, total, seen)
        if (reason !== undefined) {
          return Effect.fail(options.incomplete({ reason, passes: 1, pages: fetched, accounts, totals }))
        }
        accounts += page.result.length
        return Effect.succeed(page)
      })
    )
  })
