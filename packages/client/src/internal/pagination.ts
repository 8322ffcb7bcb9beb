/**
 * Page-number pagination over `GET /accounts`, as a stream of pages.
 *
 * @internal
 */
import type { ResultInfo } from "@cf-accounts/core/ResultInfo"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** @internal */
export interface Page<A> {
  readonly result: ReadonlyArray<A>
  readonly result_info: ResultInfo
}

const sameIds = <A extends { readonly id: string }>(a: ReadonlyArray<A>, b: ReadonlyArray<A>): boolean =>
  a.length === b.length && a.every((item, i) => item.id === b[i]!.id)

/**
 * The pages from 1 on. The first page is fetched alone; once it gives
 * `total_count`, the others are fetched up to `prefetch` at a time and emitted
 * in order. The stream stops after the page where `page * per_page >=
 * total_count`, after a page shorter than `per_page`, before an empty page and
 * before a page whose ids equal the previous page's (a server repeating
 * itself). A repeated page is not emitted; `onRepeated` runs with its number
 * first, and may fail the stream.
 *
 * @internal
 */
export const pages = <A extends { readonly id: string }, E, R, E2 = never, R2 = never>(
  fetch: (page: number) => Effect.Effect<Page<A>, E, R>,
  options: {
    readonly perPage: number
    readonly prefetch: number
    readonly onRepeated: (page: number) => Effect.Effect<void, E2, R2>
  }
): Stream.Stream<Page<A>, E | E2, R | R2> =>
  Stream.unwrap(
    Effect.map(fetch(1), (first) => {
      const info = first.result_info
      const perPage = info.per_page > 0 ? info.per_page : options.perPage
      const isLast = (page: Page<A>, n: number) =>
        page.result.length === 0 || page.result.length < perPage || n * perPage >= page.result_info.total_count
      if (isLast(first, 1)) return Stream.make(first)
      const lastPage = Math.ceil(info.total_count / perPage)
      const rest = Stream.range(2, lastPage).pipe(
        Stream.mapEffect((n) => Effect.map(fetch(n), (page) => [n, page] as const), {
          concurrency: options.prefetch
        }),
        Stream.mapAccum(first.result, (previous, [n, page]) => {
          const empty = page.result.length === 0
          const repeated = !empty && sameIds(previous, page.result)
          return [page.result, { n, page, empty, repeated, stop: empty || repeated || isLast(page, n) }] as const
        }),
        Stream.takeUntil((step) => step.stop),
        Stream.tap((step) => (step.repeated ? options.onRepeated(step.n) : Effect.void)),
        Stream.filter((step) => !step.empty && !step.repeated),
        Stream.map((step) => step.page)
      )
      return Stream.concat(Stream.make(first), rest)
    })
  )
