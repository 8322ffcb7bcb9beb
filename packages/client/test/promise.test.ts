import { AsyncLocalStorage } from "node:async_hooks"
import { ConfigurationError, InvalidInputError, NotFoundError, ServerError } from "@cf-accounts/core/CloudflareError"
import { afterEach, assert, describe, it, vi } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Credentials from "../src/Credentials.js"
import { createAccountsClient } from "../src/promise.js"
import { fail, makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, account, idOf } from "./fixtures.js"

/** Page `page` (5 a page) of `accounts`, as the API answers it. */
const pageOf = (accounts: ReadonlyArray<ReturnType<typeof account>>, page: number) => {
  const slice = accounts.slice((page - 1) * 5, page * 5)
  return ok(slice, { result_info: { page, per_page: 5, count: slice.length, total_count: accounts.length } })
}

describe("promise facade", () => {
  it("resolves with the decoded result", async () => {
    const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    try {
      const result = await client.get(ACCOUNT_ID)
      assert.strictEqual(result.name, "A")
    } finally {
      await client.close()
    }
  })

  it("rejects with the same error classes", async () => {
    const fake = makeFake(() => fail(404))
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    try {
      const error = await client.get(ACCOUNT_ID).then(
        () => undefined,
        (e: unknown) => e
      )
      assert.instanceOf(error, NotFoundError)
      const invalid = await client.get("nope").then(
        () => undefined,
        (e: unknown) => e
      )
      assert.instanceOf(invalid, InvalidInputError)
      assert.strictEqual((invalid as InvalidInputError).field, "account_id")
    } finally {
      await client.close()
    }
  })

  it("lists are async iterables, and a failure rejects the iteration with the typed error", async () => {
    const accounts = Array.from({ length: 12 }, (_, i) => account(idOf(i + 1), `n${i + 1}`))
    const fake = makeFake((request) => {
      const page = Number(request.url.searchParams.get("page"))
      if (request.url.searchParams.get("name") === "broken" && page === 2) return fail(501)
      return pageOf(accounts, page)
    })
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    try {
      const names: Array<string> = []
      for await (const a of client.all({ per_page: 5 })) names.push(a.name)
      assert.deepStrictEqual(
        names,
        accounts.map((a) => a.name)
      )
      const seen: Array<number> = []
      const error = await (async () => {
        for await (const page of client.pages({ per_page: 5, name: "broken" })) seen.push(page.result_info?.page ?? 0)
      })().then(
        () => undefined,
        (e: unknown) => e
      )
      assert.instanceOf(error, ServerError)
      assert.deepStrictEqual(seen, [1])
    } finally {
      await client.close()
    }
  })

  it("a listing's warnings: filled when an uncounted (or filtered, short of its count) listing completes, given to onWarning, reset by the next iteration", async () => {
    const accounts = Array.from({ length: 12 }, (_, i) => account(idOf(i + 1), `n${i + 1}`))
    // total_count: null on the plain listing; the unfiltered total (12) on a filtered one
    const fake = makeFake((request) => {
      const page = Number(request.url.searchParams.get("page"))
      const name = request.url.searchParams.get("name")
      const matching = name === null ? accounts : accounts.filter((a) => a.name.includes(name))
      const slice = matching.slice((page - 1) * 5, page * 5)
      return ok(slice, { result_info: { page, per_page: 5, count: slice.length, total_count: name === null ? null : 12 } })
    })
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    // Logged to stderr (console.error), never into the program's stdout (console.log).
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined)
    const stdout = vi.spyOn(console, "log").mockImplementation(() => undefined)
    try {
      const given: Array<string> = []
      const listing = client.all({ per_page: 5, onWarning: (w) => given.push(w._tag) })
      const names: Array<string> = []
      for await (const a of listing) {
        names.push(a.name)
        if (names.length === 1) assert.deepStrictEqual(listing.warnings, [], "a warning before the listing completed")
      }
      assert.deepStrictEqual(
        names,
        accounts.map((a) => a.name)
      )
      assert.deepStrictEqual(
        listing.warnings.map((w) => w._tag),
        ["Uncounted"]
      )
      assert.match(listing.warnings[0]!.message, /^GET \/accounts sent no total_count, so this listing's completeness could not be checked/)
      assert.deepStrictEqual(given, ["Uncounted"])
      // a second iteration starts with no warnings, and ends with its own one
      const again = listing[Symbol.asyncIterator]()
      await again.next()
      assert.deepStrictEqual(listing.warnings, [])
      while ((await again.next()).done !== true);
      assert.strictEqual(listing.warnings.length, 1)
      assert.deepStrictEqual(given, ["Uncounted", "Uncounted"])
      assert.strictEqual(log.mock.calls.length, 0, "logged although onWarning was given")

      // pages() too, and without onWarning the warning is logged as well
      const pages = client.pages({ per_page: 5 })
      for await (const _ of pages);
      assert.strictEqual(pages.warnings.length, 1)
      assert.strictEqual(log.mock.calls.length, 1)
      assert.match(String(log.mock.calls[0]!.join(" ")), /sent no total_count/)

      // a filtered listing whose pages report the unfiltered total: exactly the matching accounts,
      // with a BelowTotal warning (4 listed of 12), logged as well
      const filtered = client.all({ per_page: 5, name: "n1" })
      const found: Array<string> = []
      for await (const a of filtered) found.push(a.name)
      assert.deepStrictEqual(found, ["n1", "n10", "n11", "n12"])
      assert.deepStrictEqual(
        filtered.warnings.map((w) => (w._tag === "BelowTotal" ? [w._tag, w.listed, w.total] : [w._tag])),
        [["BelowTotal", 4, 12]]
      )
      assert.match(filtered.warnings[0]!.message, /^GET \/accounts listed 4 accounts, fewer than its total_count 12; with a search parameter/)
      assert.strictEqual(log.mock.calls.length, 2)
      assert.strictEqual(stdout.mock.calls.length, 0, "a warning went to stdout")
    } finally {
      log.mockRestore()
      stdout.mockRestore()
      await client.close()
    }
  })

  it("next() called again before the last one settled gets the items in order, then done", async () => {
    const accounts = Array.from({ length: 7 }, (_, i) => account(idOf(i + 1), `n${i + 1}`))
    const fake = makeFake((request) => pageOf(accounts, Number(request.url.searchParams.get("page"))))
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client })
    try {
      const iterator = client.all({ per_page: 5 })[Symbol.asyncIterator]()
      const results = await Promise.all(Array.from({ length: 9 }, () => iterator.next()))
      assert.deepStrictEqual(
        results.map((r) => (r.done === true ? "done" : r.value.name)),
        [...accounts.map((a) => a.name), "done", "done"]
      )
    } finally {
      await client.close()
    }
  })

  it("return() while a next() is pending: the next() settles first, then everything after is done", async () => {
    const accounts = Array.from({ length: 20 }, (_, i) => account(idOf(i + 1), `n${i + 1}`))
    const fake = makeFake((request) => pageOf(accounts, Number(request.url.searchParams.get("page"))))
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client, prefetch: 1 })
    try {
      const iterator = client.all({ per_page: 5 })[Symbol.asyncIterator]()
      const pending = iterator.next()
      const returned = iterator.return!()
      const after = iterator.next()
      const first = await pending
      assert.strictEqual(first.done === true ? "done" : first.value.name, "n1")
      assert.isTrue((await returned).done)
      assert.isTrue((await after).done)
      assert.isTrue((await iterator.next()).done)
    } finally {
      await client.close()
    }
  })

  it("each call runs its requests in its caller's AsyncLocalStorage context, retries included", async () => {
    // Every answer is held until all calls have sent, then all are released at once, so
    // the calls resume together: a scheduler that mixed their work would show it here.
    const store = new AsyncLocalStorage<string>()
    const calls = 60
    const tries = new Map<string, number>()
    const mismatched: Array<string> = []
    let held: Array<() => void> = []
    let sent = 0
    const answer = (id: string, first: boolean) =>
      first
        ? new Response(JSON.stringify({ success: false, errors: [{ code: 1, message: "try again" }], messages: [] }), { status: 503 })
        : new Response(JSON.stringify({ success: true, errors: [], messages: [], result: account(id, "A") }), { status: 200 })
    vi.stubGlobal("fetch", (input: string | URL) => {
      const id = String(input).split("/").pop()!
      if (store.getStore() !== id) mismatched.push(id)
      const attempt = (tries.get(id) ?? 0) + 1
      tries.set(id, attempt)
      sent++
      const reply = new Promise<Response>((resolve) => held.push(() => resolve(answer(id, attempt === 1))))
      if (sent % calls === 0) {
        const release = held
        held = []
        for (const go of release) go()
      }
      return reply
    })
    const client = createAccountsClient({
      credentials: Credentials.apiToken("t"),
      rateLimit: false,
      retry: { base: "1 millis", cap: "1 millis" }
    })
    try {
      const ids = Array.from({ length: calls }, (_, i) => idOf(i + 1))
      const names = await Promise.all(ids.map((id) => store.run(id, () => client.get(id).then((a) => a.id))))
      assert.deepStrictEqual(names, ids)
      assert.strictEqual(sent, 2 * calls)
      assert.deepStrictEqual(mismatched, [])
    } finally {
      vi.unstubAllGlobals()
      await client.close()
    }
  })

  it("a break out of a listing ends it: the pages being fetched ahead are interrupted and nothing more is fetched", async () => {
    const accounts = Array.from({ length: 50 }, (_, i) => account(idOf(i + 1), `n${i + 1}`))
    let waiting = 0
    let interrupted = 0
    const fake = makeFake((request) => {
      const page = Number(request.url.searchParams.get("page"))
      const reply = pageOf(accounts, page)
      // pages after 2 never answer
      const never = Effect.zipRight(
        Effect.sync(() => waiting++),
        Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted++))
      )
      return page <= 2 ? reply : never
    })
    const client = createAccountsClient({ credentials: Credentials.apiToken("t"), httpClient: fake.client, prefetch: 4 })
    try {
      const names: Array<string> = []
      for await (const a of client.all({ per_page: 5 })) {
        names.push(a.name)
        if (names.length === 7) break
      }
      assert.deepStrictEqual(
        names,
        accounts.slice(0, 7).map((a) => a.name)
      )
      // pages 1 and 2 answered; the next ones, up to the prefetch window of 4, were fetched ahead
      assert.deepStrictEqual(
        fake.requests.map((r) => Number(r.url.searchParams.get("page"))),
        [1, 2, 3, 4, 5, 6]
      )
      // and every one still waiting for its answer was interrupted by the break
      assert.isAbove(waiting, 0)
      assert.strictEqual(interrupted, waiting)
    } finally {
      await client.close()
    }
  })

  describe("with options left out, the environment (as layerConfig)", () => {
    afterEach(() => {
      vi.unstubAllEnvs()
    })

    it("createAccountsClient() reads CLOUDFLARE_API_TOKEN and CLOUDFLARE_BASE_URL", async () => {
      vi.stubEnv("CLOUDFLARE_API_TOKEN", "env-token")
      vi.stubEnv("CLOUDFLARE_BASE_URL", "http://127.0.0.1:8788/client/v4")
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = createAccountsClient({ httpClient: fake.client })
      try {
        await client.get(ACCOUNT_ID)
        assert.strictEqual(fake.requests[0]?.url.origin, "http://127.0.0.1:8788")
        assert.strictEqual(fake.requests[0]?.headers.authorization, "Bearer env-token")
      } finally {
        await client.close()
      }
    })

    it("explicit credentials win, and CLOUDFLARE_BASE_URL still applies (the emulator's export line)", async () => {
      vi.stubEnv("CLOUDFLARE_API_TOKEN", "env-token")
      vi.stubEnv("CLOUDFLARE_BASE_URL", "http://127.0.0.1:8788/client/v4")
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = createAccountsClient({ credentials: Credentials.apiToken("given"), httpClient: fake.client })
      try {
        await client.get(ACCOUNT_ID)
        assert.strictEqual(fake.requests[0]?.url.origin, "http://127.0.0.1:8788")
        assert.strictEqual(fake.requests[0]?.headers.authorization, "Bearer given")
      } finally {
        await client.close()
      }
    })

    it("an explicit baseUrl wins over CLOUDFLARE_BASE_URL", async () => {
      vi.stubEnv("CLOUDFLARE_API_TOKEN", "env-token")
      vi.stubEnv("CLOUDFLARE_BASE_URL", "http://127.0.0.1:8788/client/v4")
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = createAccountsClient({ baseUrl: "https://api.example.test/client/v4", httpClient: fake.client })
      try {
        await client.get(ACCOUNT_ID)
        assert.strictEqual(fake.requests[0]?.url.origin, "https://api.example.test")
      } finally {
        await client.close()
      }
    })

    it("no credentials anywhere: the first call rejects with ConfigurationError naming the variables", async () => {
      for (const name of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_USER_SERVICE_KEY"]) {
        vi.stubEnv(name, undefined)
      }
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      const client = createAccountsClient({ httpClient: fake.client })
      try {
        const error = await client.get(ACCOUNT_ID).then(
          () => undefined,
          (e: unknown) => e
        )
        assert.instanceOf(error, ConfigurationError)
        assert.include((error as ConfigurationError).variables, "CLOUDFLARE_API_TOKEN")
        assert.strictEqual(fake.requests.length, 0)
      } finally {
        await client.close()
      }
    })
  })

  it("bad options reject every call with ConfigurationError, before any request", async () => {
    const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
    const client = createAccountsClient({
      credentials: Credentials.apiToken("t"),
      baseUrl: "http://api.example.test/client/v4",
      httpClient: fake.client
    })
    try {
      const error = await client.get(ACCOUNT_ID).then(
        () => undefined,
        (e: unknown) => e
      )
      assert.instanceOf(error, ConfigurationError)
      assert.deepStrictEqual((error as ConfigurationError).variables, ["baseUrl"])
      assert.strictEqual(fake.requests.length, 0)
    } finally {
      await client.close()
    }
  })
})
