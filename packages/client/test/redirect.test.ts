/**
 * The API never redirects, so a 3xx is an error naming only the origin it
 * pointed to, never retried; and fetch-based clients are told not to follow
 * (`redirect: "manual"`), so credential headers never reach another origin.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import { makeFake } from "./fakeHttp.js"
import { ACCOUNT_ID, account, clientFor, TOKEN } from "./fixtures.js"

const redirect = (status: number, location?: string) =>
  makeFake(() => ({
    status,
    text: "<html><body>Moved</body></html>",
    headers: { "content-type": "text/html", ...(location === undefined ? {} : { location }), "cf-ray": "ray-3xx" }
  }))

const ELSEWHERE = `https://collector.example/steal?token=${TOKEN}&x=1#frag`

describe("a 3xx is a RedirectError, never followed and never retried", () => {
  for (const status of [301, 302, 303, 307, 308]) {
    it.effect(`${status} to another origin: RedirectError naming only that origin, one request`, () =>
      Effect.gen(function* () {
        const fake = redirect(status, ELSEWHERE)
        const client = yield* clientFor(fake)
        const error = yield* Effect.flip(client.get(ACCOUNT_ID))
        assert.strictEqual(error._tag, "RedirectError")
        if (error._tag !== "RedirectError") return
        assert.strictEqual(error.status, status)
        assert.strictEqual(error.method, "GET")
        assert.strictEqual(error.route, "/accounts/{account_id}")
        assert.strictEqual(error.locationOrigin, "https://collector.example:443")
        assert.strictEqual(error.cfRay, "ray-3xx")
        assert.include(error.message, "https://collector.example:443")
        assert.include(error.message, "not followed")
        for (const text of [error.message, JSON.stringify(error)]) {
          assert.notInclude(text, "steal")
          assert.notInclude(text, TOKEN)
        }
        // The default policy retries 5xx four times; a redirect is sent once.
        assert.strictEqual(fake.requests.length, 1)
      }))
  }

  it.effect("a create (the non-idempotent path) and a write are not retried either", () =>
    Effect.gen(function* () {
      const fake = redirect(307, "http://127.0.0.1:9/client/v4/accounts")
      const client = yield* clientFor(fake)
      const created = yield* Effect.flip(client.create({ name: "Acme" }))
      assert.strictEqual(created._tag, "RedirectError")
      const moved = yield* Effect.flip(client.move(ACCOUNT_ID, "org-1"))
      assert.strictEqual(moved._tag, "RedirectError")
      if (moved._tag === "RedirectError") assert.strictEqual(moved.locationOrigin, "http://127.0.0.1:9")
      // The create's lookup of existing same-name accounts (GET) meets the redirect too; the create goes ahead.
      assert.deepStrictEqual(
        fake.requests.map((r) => r.method),
        ["GET", "POST", "POST"]
      )
    }))

  it.effect("a relative Location names the API's own origin; none at all says so", () =>
    Effect.gen(function* () {
      const relative = yield* Effect.flip((yield* clientFor(redirect(302, "/login?next=%2F"))).get(ACCOUNT_ID))
      assert.strictEqual(relative._tag === "RedirectError" ? relative.locationOrigin : relative._tag, "https://api.cloudflare.com:443")
      const none = yield* Effect.flip((yield* clientFor(redirect(300))).get(ACCOUNT_ID))
      assert.strictEqual(none._tag, "RedirectError")
      if (none._tag !== "RedirectError") return
      assert.isUndefined(none.locationOrigin)
      assert.include(none.message, "without a usable Location")
    }))

  it.effect("with every kind of credential", () =>
    Effect.gen(function* () {
      for (const credentials of [
        Credentials.apiToken(TOKEN),
        Credentials.apiKey("key-SECRET-0123456789", "ops@example.test"),
        Credentials.userServiceKey("v1.0-service-key-SECRET")
      ]) {
        const fake = redirect(308, ELSEWHERE)
        const client = yield* clientFor(fake, { credentials })
        const error = yield* Effect.flip(client.list())
        assert.strictEqual(error._tag, "RedirectError")
        assert.strictEqual(fake.requests.length, 1)
      }
    }))
})

/** A client that answers 200 and records the `RequestInit` a fetch client would use. */
const recordingInit = () => {
  const seen: Array<RequestInit | undefined> = []
  const client = HttpClient.make((request, _url, _signal, fiber) =>
    Effect.sync(() => {
      const context = fiber.getFiberRef(FiberRef.currentContext)
      seen.push(Option.getOrUndefined(Context.getOption(context, FetchHttpClient.RequestInit)))
      return HttpClientResponse.fromWeb(
        request,
        new Response(JSON.stringify({ success: true, errors: [], messages: [], result: account(ACCOUNT_ID, "A") }), {
          status: 200,
          headers: { "content-type": "application/json" }
        })
      )
    })
  )
  return { client, seen }
}

describe("fetch is told not to follow redirects", () => {
  it.effect('every request carries redirect: "manual", over any RequestInit given at build or call time', () =>
    Effect.gen(function* () {
      const { client: http, seen } = recordingInit()
      const client = yield* AccountsClient.make({ credentials: Credentials.apiToken(TOKEN) }).pipe(
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.provideService(FetchHttpClient.RequestInit, { keepalive: true, redirect: "follow" }),
        Effect.orDie
      )
      yield* client.get(ACCOUNT_ID)
      yield* client.get(ACCOUNT_ID).pipe(
        Effect.provideService(FetchHttpClient.RequestInit, { cache: "no-store", redirect: "follow" })
      )
      assert.deepStrictEqual(seen, [
        { keepalive: true, redirect: "manual" },
        { keepalive: true, cache: "no-store", redirect: "manual" }
      ])
    }))

  it.effect("without any RequestInit given", () =>
    Effect.gen(function* () {
      const { client: http, seen } = recordingInit()
      const client = yield* AccountsClient.make({ credentials: Credentials.apiToken(TOKEN) }).pipe(
        Effect.provideService(HttpClient.HttpClient, http),
        Effect.orDie
      )
      yield* client.get(ACCOUNT_ID)
      yield* Effect.ignore(client.list())
      assert.deepStrictEqual(seen, [{ redirect: "manual" }, { redirect: "manual" }])
    }))

  it.effect("a transformClient that follows redirects still sends nothing to the other origin, with every credential", () =>
    Effect.gen(function* () {
      for (const credentials of [
        Credentials.apiToken(TOKEN),
        Credentials.apiKey(TOKEN, "ops@example.com"),
        Credentials.userServiceKey(TOKEN)
      ]) {
        const fake = makeFake((request) =>
          request.url.origin === "https://api.cloudflare.com"
            ? { status: 307, text: "", headers: { location: "https://collector.example/steal" } }
            : { status: 200, json: { success: true, errors: [], messages: [], result: account(ACCOUNT_ID, "Acme") } }
        )
        const client = yield* clientFor(fake, { credentials, transformClient: HttpClient.followRedirects(5) })
        const error = yield* Effect.flip(client.get(ACCOUNT_ID))
        assert.strictEqual(error._tag, "RedirectError")
        if (error._tag === "RedirectError") assert.strictEqual(error.locationOrigin, "https://collector.example:443")
        assert.deepStrictEqual(
          fake.requests.map((r) => r.url.origin),
          ["https://api.cloudflare.com"]
        )
      }
    }))
})
