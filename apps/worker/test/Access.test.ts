/**
 * Cloudflare Access token checks on their own, against a local JWKS (`support/AccessKeys.ts`)
 * with Effect's TestClock as the worker's clock (it starts at 0 s, so claims are set around 0):
 * the clock-skew policy, header and claim shapes, and how often the team's keys are fetched.
 * Each test has its own team (its own JWKS URL), so the module's key cache starts cold.
 */
import { afterEach, assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Access from "../src/api/AccessJwt.js"
import { type AccessTeam, AUDIENCE, startAccessTeam } from "./support/AccessKeys.js"

const teams: Array<AccessTeam> = []
afterEach(async () => {
  await Promise.all(teams.splice(0).map((team) => team.close()))
})

const team = Effect.promise(async () => {
  const started = await startAccessTeam()
  teams.push(started)
  return started
})

const settings = (access: AccessTeam): Access.AccessConfig => ({ teamDomain: access.teamDomain, audience: AUDIENCE })

/** The reason `token` is refused (prefixed "unavailable: " when the keys could not be had), or "accepted". */
const outcome = (access: AccessTeam, token: string) =>
  Effect.map(Effect.either(Access.verify(token, settings(access))), (result) =>
    Either.isRight(result)
      ? "accepted"
      : result.left._tag === "AccessUnavailableError"
        ? `unavailable: ${result.left.reason} (retry in ${result.left.retryAfterSeconds} s)`
        : result.left.reason
  )

const sign = (access: AccessTeam, ...args: Parameters<AccessTeam["token"]>) => Effect.promise(() => access.token(...args))

describe("Access.verify", () => {
  it.effect("refuses a token from its exp second on, with no grace", () =>
    Effect.gen(function* () {
      const access = yield* team
      const token = yield* sign(access, "a@example.com", { iat: 0, exp: 100 })
      yield* TestClock.setTime(99_999)
      assert.strictEqual(yield* outcome(access, token), "accepted")
      yield* TestClock.setTime(100_000)
      assert.strictEqual(yield* outcome(access, token), "expired or without exp")
    })
  )

  it.effect("accepts an nbf up to a minute ahead of the worker's clock (skew), not further", () =>
    Effect.gen(function* () {
      const access = yield* team
      yield* TestClock.setTime(1_000_000)
      const skewed = yield* sign(access, "a@example.com", { iat: 1030, nbf: 1030, exp: 5000 })
      assert.strictEqual(yield* outcome(access, skewed), "accepted")
      const future = yield* sign(access, "a@example.com", { iat: 1061, nbf: 1061, exp: 5000 })
      assert.strictEqual(yield* outcome(access, future), "not valid yet (nbf)")
      const notNumber = yield* sign(access, "a@example.com", { nbf: "soon", exp: 5000 })
      assert.strictEqual(yield* outcome(access, notNumber), "not valid yet (nbf)")
    })
  )

  it.effect("takes aud as a string or an array, and the issuer only exactly", () =>
    Effect.gen(function* () {
      const access = yield* team
      assert.strictEqual(yield* outcome(access, yield* sign(access, "a@example.com", { aud: AUDIENCE })), "accepted")
      assert.strictEqual(yield* outcome(access, yield* sign(access, "a@example.com", { aud: ["x", AUDIENCE] })), "accepted")
      assert.strictEqual(yield* outcome(access, yield* sign(access, "a@example.com", { aud: [] })), "wrong audience")
      assert.strictEqual(yield* outcome(access, yield* sign(access, "a@example.com", { aud: `${AUDIENCE}x` })), "wrong audience")
      assert.strictEqual(yield* outcome(access, yield* sign(access, "a@example.com", { iss: `${access.teamDomain}/` })), "wrong issuer")
      assert.strictEqual(yield* outcome(access, yield* sign(access, "a@example.com", { iss: undefined })), "wrong issuer")
    })
  )

  it.effect("refuses alg none and HS256, crit extensions, an empty kid, and malformed parts", () =>
    Effect.gen(function* () {
      const access = yield* team
      const valid = yield* sign(access, "a@example.com")
      const [, payload = "", signature = ""] = valid.split(".")
      const header = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")
      const cases: Array<[string, string]> = [
        [`${header({ alg: "none", kid: "test-key" })}.${payload}.`, "alg must be RS256"],
        [`${header({ alg: "HS256", kid: "test-key" })}.${payload}.${signature}`, "alg must be RS256"],
        [yield* sign(access, "a@example.com", {}, { header: { crit: ["exp"] } }), "the header has crit extensions"],
        [yield* sign(access, "a@example.com", {}, { kid: "" }), "the header has no kid"],
        [`${header({ alg: "RS256" })}.${payload}.${signature}`, "the header has no kid"],
        [`%%%.${payload}.${signature}`, "the header is not base64url"],
        [`${Buffer.from("{not json").toString("base64url")}.${payload}.${signature}`, "the header is not JSON"],
        [`${header(["RS256"])}.${payload}.${signature}`, "the header is not a JSON object"],
        [`${valid}.x`, "not a JWT (three dot-separated parts)"],
        [`${valid.slice(0, -2)}!!`, "the signature is not base64url"],
        [`${valid.split(".")[0]}.${header({ aud: AUDIENCE })}.${signature}`, "bad signature"],
        [`${valid}${"A".repeat(16 * 1024)}`, "longer than 16 KiB"]
      ]
      for (const [token, reason] of cases) assert.strictEqual(yield* outcome(access, token), reason, reason)
    })
  )

  it.effect("accepts only canonical base64url in each part: no padding, no + or /, no stray bits, no line breaks", () =>
    Effect.gen(function* () {
      const access = yield* team
      const valid = yield* sign(access, "a@example.com")
      assert.strictEqual(yield* outcome(access, valid), "accepted")
      const [header = "", payload = "", signature = ""] = valid.split(".")
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
      // The last character of a segment whose length is not a multiple of 4 carries bits past the
      // last byte, which must be zero: flipping the lowest one spells the same bytes another way.
      const strayBits = (segment: string) => {
        assert.notStrictEqual(segment.length % 4, 0, "a segment with spare bits")
        return segment.slice(0, -1) + alphabet[alphabet.indexOf(segment.slice(-1)) ^ 1]
      }
      // A header whose encoding has both - and _ (each an aligned run of 3 bytes: ">>>" and "???").
      const odd = yield* sign(access, "a@example.com", {}, { header: { x: ">>>>>?????" } })
      const [oddHeader = "", oddRest = ""] = [odd.slice(0, odd.indexOf(".")), odd.slice(odd.indexOf("."))]
      assert.strictEqual(yield* outcome(access, odd), "accepted")
      assert.match(oddHeader, /-/)
      assert.match(oddHeader, /_/)
      const cases: Array<[string, string]> = [
        [`${valid}==`, "the signature is not base64url"],
        [`${valid}=`, "the signature is not base64url"],
        [`${header}.${payload}.${strayBits(signature)}`, "the signature is not base64url"],
        [`${header}.${payload}.${signature.slice(0, 100)}\r\n${signature.slice(100)}`, "the signature is not base64url"],
        [`${header}.${payload}==.${signature}`, "the payload is not base64url"],
        [`${header}==.${payload}.${signature}`, "the header is not base64url"],
        [`${oddHeader.replace(/-/g, "+")}${oddRest}`, "the header is not base64url"],
        [`${oddHeader.replace(/_/g, "/")}${oddRest}`, "the header is not base64url"]
      ]
      for (const [token, reason] of cases) assert.strictEqual(yield* outcome(access, token), reason, token)
    })
  )

  it.effect("fetches the keys once, and not again within ten seconds of a failed fetch", () =>
    Effect.gen(function* () {
      const access = yield* team
      const token = yield* sign(access, "a@example.com")
      access.failing(true)
      const first = yield* outcome(access, token)
      assert.match(first, /^unavailable: the team's keys could not be fetched .*\(retry in 10 s\)$/)
      for (const retry of [7, 4, 1]) {
        yield* TestClock.adjust("3 seconds")
        assert.match(yield* outcome(access, token), new RegExp(`^unavailable: .*\\(retry in ${retry} s\\)$`))
      }
      assert.strictEqual(access.fetches(), 1)
      access.failing(false)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* outcome(access, token), "accepted")
      assert.strictEqual(yield* outcome(access, token), "accepted")
      assert.strictEqual(access.fetches(), 2)
    })
  )

  it.effect("uses only RSA signing keys for RS256 from the set", () =>
    Effect.gen(function* () {
      const access = yield* team
      const token = yield* sign(access, "a@example.com", {}, { kid: "enc-key" })
      assert.strictEqual(yield* outcome(access, token), "signed by a key the team does not publish")
    })
  )
})

describe("Access.config", () => {
  const read = (vars: Record<string, string>) =>
    Effect.either(Access.config.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars))))))

  it.effect("takes the team's https origin, and plain http only on this machine", () =>
    Effect.gen(function* () {
      const ok = yield* read({ ACCESS_TEAM_DOMAIN: "https://team.cloudflareaccess.com/", ACCESS_AUD: "aud" })
      assert.deepStrictEqual(ok, Either.right(Option.some({ teamDomain: "https://team.cloudflareaccess.com", audience: "aud" })))
      const local = yield* read({ ACCESS_TEAM_DOMAIN: "http://127.0.0.1:8080", ACCESS_AUD: "aud" })
      assert.isTrue(Either.isRight(local))
      for (const domain of ["http://team.cloudflareaccess.com", "https://team.cloudflareaccess.com/path", "team.cloudflareaccess.com"]) {
        const refused = yield* read({ ACCESS_TEAM_DOMAIN: domain, ACCESS_AUD: "aud" })
        assert.isTrue(Either.isLeft(refused), domain)
        if (Either.isLeft(refused)) assert.include(refused.left.message, "ACCESS_TEAM_DOMAIN")
      }
      assert.deepStrictEqual(yield* read({}), Either.right(Option.none()))
    })
  )
})
