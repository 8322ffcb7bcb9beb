/**
 * Secrets never in errors: a server that echoes the credentials it received
 * (in errors[], documentation_url, an HTML body, a malformed result, cf-ray, a
 * transport failure) must not put them into the error, its message or its JSON.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import { RequestError } from "@effect/platform/HttpClientError"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as AccountsClient from "../src/AccountsClient.js"
import * as Credentials from "../src/Credentials.js"
import { redact } from "../src/internal/errorMapping.js"
import { json, makeFake, ok, type Recorded, type Reply } from "./fakeHttp.js"
import { ACCOUNT_ID, clientFor } from "./fixtures.js"

// Made-up credentials; '/' and '+' exercise the escaped forms.
const modes: ReadonlyArray<readonly [string, Credentials.Credentials, ReadonlyArray<string>]> = [
  ["API token", Credentials.apiToken("tok-Echo/123+abc"), ["tok-Echo/123+abc"]],
  ["API key + email", Credentials.apiKey("key-Echo-0123456789", "Admin@Example.test"), ["key-Echo-0123456789", "Admin@Example.test"]],
  ["user service key", Credentials.userServiceKey("v1.0-usk-Echo-987"), ["v1.0-usk-Echo-987"]]
]

/** Every credential value the request carried, as the server saw it. */
const echoed = (request: Recorded): string =>
  ["authorization", "x-auth-key", "x-auth-email", "x-auth-user-service-key"]
    .map((name) => request.headers[name])
    .filter((value) => value !== undefined)
    // the bare value, so the bearer-token pattern alone would not catch it
    .map((value) => value.replace(/^Bearer /, ""))
    .join(" | ")

/** Encoded invisible characters (LRM percent-encoded, RLO \u-escaped, LRI and VS16 as entities). */
const MARKS = ["%E2%80%8E", "\\u202e", "&#x2066;", "&#65039;"]
const interleaved = (text: string) => [...text].map((c, i) => `${c}${MARKS[i % MARKS.length]}`).join("")
const ENCODED_MARKS = new RegExp(MARKS.map((mark) => mark.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|"), "gi")

/** Each character as a decimal entity, a hex entity or a JSON `\\u` escape, in turn: letters and digits too. */
const entities = (text: string) =>
  [...text]
    .map((c, i) => [`&#${c.charCodeAt(0)};`, `&#x${c.charCodeAt(0).toString(16)};`, `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`][i % 3])
    .join("")

/** `text` with numeric HTML entities and `\\u` escapes decoded. */
const decoded = (text: string) =>
  text
    .replace(/&#[xX]([0-9a-fA-F]+);?/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

const echoes: ReadonlyArray<readonly [string, (request: Recorded) => Reply]> = [
  [
    "errors[].message, documentation_url, source.pointer and cf-ray of a 403",
    (r) =>
      json(
        403,
        {
          success: false,
          errors: [
            {
              code: 10000,
              message: `bad credentials: ${echoed(r)}`,
              documentation_url: `https://example.test/docs?auth=${encodeURIComponent(echoed(r))}`,
              source: { pointer: `/headers/${echoed(r)}` }
            }
          ],
          messages: [],
          result: null
        },
        { "cf-ray": `ray-${echoed(r).replace(/[^\x21-\x7e]/g, "")}` }
      )
  ],
  [
    "errors[].message of a 200 with success:false",
    (r) => json(200, { success: false, errors: [{ code: 7, message: echoed(r).toUpperCase() }], messages: [], result: null })
  ],
  [
    "errors[].message with encoded bidi marks and variation selectors between the characters",
    (r) =>
      json(403, {
        success: false,
        errors: [{ code: 10000, message: `bad credentials: ${interleaved(echoed(r))}` }],
        messages: [],
        result: null
      })
  ],
  [
    "errors[].message of a 403 with every character (letters and digits too) an HTML entity or a \\u escape",
    (r) => json(403, { success: false, errors: [{ code: 10000, message: `bad credentials: ${entities(echoed(r))}` }], messages: [], result: null })
  ],
  ["an HTML 502 body excerpt", (r) => ({ status: 502, text: `<html><body><p>proxy saw ${echoed(r)}</p></body></html>` })],
  [
    "a decode error's detail and excerpt (a malformed result)",
    (r) => ok({ id: ACCOUNT_ID, name: "x", type: "standard", settings: { enforce_twofactor: echoed(r) } })
  ],
  ["a body that is not JSON", (r) => ({ status: 200, text: `oops ${JSON.stringify(echoed(r))}` })]
]

const everything = (error: unknown): string =>
  [String(error), (error as Error).message, JSON.stringify(error), (error as Error).stack ?? ""].join("\n")

const assertClean = (text: string, secrets: ReadonlyArray<string>) => {
  // Also as the text reads with the encoded marks (see MARKS) taken out, and with entities and \\u escapes decoded.
  const read = `${text}\n${text.replace(ENCODED_MARKS, "")}\n${decoded(text)}`.toLowerCase()
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret), secret.toLowerCase(), secret.toUpperCase()]) {
      assert.notInclude(read, form.toLowerCase(), `leaked ${form}`)
    }
  }
  assert.include(text, "[REDACTED]")
}

describe("credentials echoed by the server are [REDACTED] in errors", () => {
  for (const [mode, credentials, secrets] of modes) {
    for (const [where, reply] of echoes) {
      it.effect(`${mode}: ${where}`, () =>
        Effect.gen(function* () {
          const fake = makeFake((request) => reply(request))
          const client = yield* AccountsClient.make({ credentials, retry: { maxAttempts: 1 } }).pipe(
            Effect.provideService(HttpClient.HttpClient, fake.client),
            Effect.orDie
          )
          const error = yield* Effect.flip(client.get(ACCOUNT_ID))
          // the server really did receive (and echo) the secret
          assert.include(echoed(fake.requests[0]!), secrets[0]!)
          assertClean(everything(error), secrets)
        }))
    }

    it.effect(`${mode}: a transport failure whose message carries the secret`, () =>
      Effect.gen(function* () {
        const http = HttpClient.make((request) =>
          Effect.fail(
            new RequestError({
              request,
              reason: "Transport",
              cause: new Error(
                `socket hang up while sending ${Object.values(request.headers).map((v) => v.replace(/^Bearer /, "")).join(" ")}`
              )
            })
          )
        )
        const client = yield* AccountsClient.make({ credentials, retry: { maxAttempts: 1 } }).pipe(
          Effect.provideService(HttpClient.HttpClient, http),
          Effect.orDie
        )
        const error = yield* Effect.flip(client.get(ACCOUNT_ID))
        assert.strictEqual(error._tag, "TransportError")
        assertClean(everything(error), secrets)
      }))
  }
})

describe("redact", () => {
  it("replaces every form of every secret, longest first, and bearer tokens", () => {
    assert.strictEqual(
      redact("a=tok/1 b=tok%2F1 c=TOK/1 d=tok e=Bearer xyz.123456789abcdef", ["tok", "tok/1"]),
      "a=[REDACTED] b=[REDACTED] c=[REDACTED] d=[REDACTED] e=Bearer [REDACTED]"
    )
  })

  it("leaves text without secrets alone and ignores empty secrets", () => {
    assert.strictEqual(redact("nothing to see", ["", "absent"]), "nothing to see")
  })
})

describe("credential headers are redacted wherever headers are shown", () => {
  it.effect("while a request runs, every credential header name is among Headers.currentRedactedNames; afterwards the caller's list is back", () =>
    Effect.gen(function* () {
      let during: ReadonlyArray<string | RegExp> = []
      const fake = makeFake(() =>
        Effect.map(FiberRef.get(Headers.currentRedactedNames), (names) => {
          during = names
          return ok({ id: ACCOUNT_ID, name: "a", type: "standard" })
        })
      )
      const client = yield* clientFor(fake)
      const before = yield* FiberRef.get(Headers.currentRedactedNames)
      yield* client.get(ACCOUNT_ID)
      for (const name of Credentials.secretHeaderNames) assert.include(during, name)
      for (const name of before) assert.include(during, name)
      assert.strictEqual(yield* FiberRef.get(Headers.currentRedactedNames), before)
    }))
})
