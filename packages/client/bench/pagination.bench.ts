/**
 * Prefetching pages: 20 pages at 10 ms per round trip, prefetch 1 against 4.
 * Expect about 20 round trips (~200 ms) against about 20/4 (~60 ms).
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { bench, describe } from "vitest"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import { makeFake, ok } from "../test/fakeHttp.js"
import { account, idOf } from "../test/fixtures.js"

const PAGES = 20
const PER_PAGE = 50
const accounts = Array.from({ length: PAGES * PER_PAGE }, (_, i) => account(idOf(i + 1), `acct-${i + 1}`))

const fake = makeFake((request) =>
  Effect.gen(function* () {
    const page = Number(request.url.searchParams.get("page"))
    yield* Effect.sleep("10 millis")
    const slice = accounts.slice((page - 1) * PER_PAGE, page * PER_PAGE)
    return ok(slice, { result_info: { page, per_page: PER_PAGE, count: slice.length, total_count: accounts.length } })
  })
)

const drain = (prefetch: number) =>
  Effect.runPromise(
    AccountsClient.make({ credentials: Credentials.apiToken("t"), prefetch, rateLimit: false }).pipe(
      Effect.flatMap((client) => Stream.runCount(client.all())),
      Effect.provideService(HttpClient.HttpClient, fake.client)
    )
  )

describe(`all() over ${PAGES} pages, 10 ms each`, () => {
  bench("prefetch 1", () => drain(1).then(() => undefined), { iterations: 5 })
  bench("prefetch 4", () => drain(4).then(() => undefined), { iterations: 5 })
})
