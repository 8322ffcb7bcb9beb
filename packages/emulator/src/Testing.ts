/**
 * For tests that create accounts through `@cf-accounts/client` against the emulator: the
 * client's `create` waits one second between its lookup by name and its POST (so that the
 * server's clock is past the second of the lookup's `Date` when it creates the account);
 * {@link withoutCreateWait} runs such tests without that second.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * Runs `effect` (a client's `create` against the emulator) without the real
 * second the create waits between its lookup by name and its POST (so that the
 * server's clock is past the second of that lookup's `Date` when it creates the
 * account). The emulator keeps real time, so the second it would have seen pass
 * is stood in for by moving the `date` header of every answer a second back; the
 * client's one-second sleep is skipped (every other wait, a timeout or a backoff,
 * keeps real time).
 *
 * @example
 * import { Testing } from "@cf-accounts/emulator"
 * const created = yield* Testing.withoutCreateWait(client.create({ name: "acme-staging" }))
 *
 * @since 0.1.0
 */
export const withoutCreateWait = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  effect.pipe(Effect.provideService(FetchHttpClient.Fetch, secondBehind), Effect.withClock(skippingSecond))

/** `fetch`, with the `date` header of each answer one second earlier. */
const secondBehind: typeof globalThis.fetch = async (input, init) => {
  const response = await globalThis.fetch(input, init)
  const date = Date.parse(response.headers.get("date") ?? "")
  if (Number.isNaN(date)) return response
  const headers = new Headers(response.headers)
  headers.set("date", new Date(date - 1000).toUTCString())
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}

/** The live clock, but a sleep of exactly one second (the create's wait) ends at once. */
const skippingSecond: Clock.Clock = (() => {
  const live = Clock.make()
  // Safe: an object whose prototype is the live clock has all of its members; only `sleep` is replaced.
  const clock = Object.create(live) as { -readonly [K in keyof Clock.Clock]: Clock.Clock[K] }
  clock.sleep = (duration) => (Duration.toMillis(duration) === 1000 ? Effect.void : live.sleep(duration))
  return clock
})()
