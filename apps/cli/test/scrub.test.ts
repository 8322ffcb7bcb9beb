/**
 * A credential a server echoes back in a form that hides it from a plain
 * search (every character percent-encoded, invisible characters between its
 * characters) never reaches the screen: the error line on stderr and, for text
 * the CLI itself prints, stdout.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"

const TOKEN = "cfat-SECRET-TOKEN-7f3a9c1e5b2d4f6a8c0e"

/** Every character percent-encoded: what `encodeURIComponent` leaves alone too. */
const fullyEncoded = (text: string): string =>
  [...new TextEncoder().encode(text)].map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join("")

const disguises: ReadonlyArray<readonly [string, string]> = [
  ["fully percent-encoded", fullyEncoded(TOKEN)],
  ["fully percent-encoded, lower-case hex", fullyEncoded(TOKEN).toLowerCase()],
  ["with zero-width spaces between its characters", [...TOKEN].join("\u200B")],
  ["with soft hyphens between its characters", [...TOKEN].join("\u00AD")],
  ["with word joiners and byte-order marks between its characters", [...TOKEN].join("\u2060\uFEFF")]
]

/** What is left of `text` once invisible characters are gone and percent-encoding is undone. */
const revealed = (text: string): string => {
  const visible = text.replace(/\p{Default_Ignorable_Code_Point}/gu, "")
  try {
    return decodeURIComponent(visible)
  } catch {
    return visible
  }
}

/** A server that answers every request with `status` and `body`. */
const answering = (status: number, body: unknown) =>
  Effect.acquireRelease(
    Effect.async<Server>((resume) => {
      const s = createServer((_req, res) => {
        res.statusCode = status
        res.setHeader("content-type", "application/json")
        res.end(JSON.stringify(body))
      })
      s.listen(0, "127.0.0.1", () => resume(Effect.succeed(s)))
    }),
    (s) =>
      Effect.async<void>((resume) => {
        s.close(() => resume(Effect.void))
        s.closeAllConnections()
      })
  )

const ID = "0123456789abcdef0123456789abcdef"

const get = (server: Server, ...flags: ReadonlyArray<string>) =>
  runCli(["get", ID, ...flags], {
    CLOUDFLARE_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`,
    CLOUDFLARE_API_TOKEN: TOKEN
  })

describe("a credential in a hidden form is never printed", () => {
  for (const [name, disguised] of disguises) {
    it.effect(`echoed by the server ${name}: removed from the error line and the verbose log`, () =>
      Effect.gen(function* () {
        const server = yield* answering(400, {
          success: false,
          errors: [{ code: 6003, message: `Invalid header: ${disguised}` }],
          messages: [],
          result: null
        })
        const r = yield* get(server, "--verbose")
        assert.strictEqual(r.code, 1, r.stderr)
        assert.match(r.stderr, /failed with 400 Bad Request: Invalid header: \[REDACTED\] \(code 6003\)/)
        assert.notInclude(revealed(r.stderr), TOKEN)
        assert.notInclude(revealed(r.stdout), TOKEN)
      }).pipe(Effect.scoped))

    it.effect(`in an account the server sends, ${name}: [REDACTED] on stdout`, () =>
      Effect.gen(function* () {
        const server = yield* answering(200, {
          success: true,
          errors: [],
          messages: [],
          result: { id: ID, name: `x ${disguised}`, type: "standard" }
        })
        const r = yield* get(server, "-o", "json")
        assert.strictEqual(r.code, 0, r.stderr)
        assert.include(r.stdout, '"x [REDACTED]"')
        assert.notInclude(revealed(r.stdout), TOKEN)
      }).pipe(Effect.scoped))
  }
})

/** Each character as an HTML entity or a JSON `\\u` escape, letters and digits too. */
const entityForms: ReadonlyArray<readonly [string, (c: string) => string]> = [
  ["decimal HTML entities", (c) => `&#${c.charCodeAt(0)};`],
  ["hex HTML entities, zero-padded, mixed case", (c) => `&#X00${c.charCodeAt(0).toString(16).toUpperCase()};`],
  ["JSON \\u escapes", (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`],
  ["entities, \\u escapes and plain characters mixed", (c) => [`&#x${c.charCodeAt(0).toString(16)};`, `\\u00${c.charCodeAt(0).toString(16)}`, c][c.charCodeAt(0) % 3]!]
]

/** `text` with numeric HTML entities and `\\u` escapes decoded. */
const decoded = (text: string): string =>
  text
    .replace(/&#[xX]([0-9a-fA-F]+);?/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))

describe("a credential whose letters and digits are entities or \\u escapes is never printed", () => {
  for (const [name, encode] of entityForms) {
    it.effect(`a 403 echoing it as ${name}: removed from the error line`, () =>
      Effect.gen(function* () {
        const disguised = [...TOKEN].map(encode).join("")
        assert.notInclude(disguised, "SECRET")
        const server = yield* answering(403, {
          success: false,
          errors: [{ code: 10000, message: `Authentication error: ${disguised}` }],
          messages: [],
          result: null
        })
        const r = yield* get(server)
        assert.notStrictEqual(r.code, 0, r.stderr)
        assert.match(r.stderr, /Authentication error: \[REDACTED\] \(code 10000\)/)
        assert.notInclude(decoded(r.stderr), TOKEN)
      }).pipe(Effect.scoped))
  }
})
