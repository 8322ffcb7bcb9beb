/**
 * The terminal sanitiser, and that everything written through Stdio goes through
 * it: error lines, the batch-move fallback reason, tables, JSON, progress lines.
 */
import { NotFoundError, ServerError } from "@cf-accounts/core/CloudflareError"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Columns from "../src/Columns.js"
import { unavailableReason } from "../src/commands/BatchMove.js"
import { json, sanitize, sanitizeLine } from "../src/internal/terminal.js"
import * as Output from "../src/Output.js"
import * as Report from "../src/Report.js"
import { capture as captureStdio } from "./support/stdio.js"

/** Server text that tries everything: a title (OSC), a screen clear (CSI), BEL, 8-bit CSI, C1 NEL, RIS, RLO. */
const EVIL =
  "A\u001b]0;pwned\u0007B\u001b[2JC\u0007D\u009b31mE\u0085F\u001bcG\u202Egnp.exe\u202CH\u001b]8;;http://x\u001b\\I\u0000J\u007fK\rL"
const CLEAN = "ABCDEFGgnp.exeHIJKL"

/** Every character a terminal acts on. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for the controls a terminal acts on
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/

const capture = (secrets: ReadonlyArray<string> = []) => captureStdio({ stdoutIsTTY: true, stderrIsTTY: true, secrets })

describe("sanitize", () => {
  it("removes escape sequences whole, C0/C1 controls, DEL and bidi controls; keeps line feed and tab", () => {
    assert.strictEqual(sanitize(EVIL), CLEAN)
    assert.strictEqual(sanitize("one\ttwo\nthree"), "one\ttwo\nthree")
    for (const bidi of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"]) {
      assert.strictEqual(sanitize(`x${bidi}y`), "xy")
    }
    // 8-bit control strings (OSC, DCS) up to ST; an unterminated one loses its introducer.
    assert.strictEqual(sanitize("a\u009d0;t\u009cb\u0090q\u009cc"), "abc")
    assert.strictEqual(sanitize("a\u001b]0;never ends"), "a0;never ends")
    assert.strictEqual(sanitize("Ünïcödé, 日本, emoji 🙂"), "Ünïcödé, 日本, emoji 🙂")
  })

  it("sanitizeLine also puts the text on one line", () => {
    assert.strictEqual(sanitizeLine("a\nb\r\nc\td"), "a b c d")
  })

  it("json keeps the data exact and escapes what a terminal acts on", () => {
    const value = { name: EVIL, list: ["\u009b", "\u202E", "\u007f", "plain"] }
    for (const text of [json(value), json(value, 2)]) {
      assert.notMatch(text.replace(/\n/g, ""), UNSAFE)
      assert.deepStrictEqual(JSON.parse(text), value)
    }
    assert.include(json("\u202E"), "\\u202e")
    assert.strictEqual(json(undefined), "null")
  })
})

describe("everything written through Stdio is sanitised", () => {
  it.effect("an error line from server text: one sanitised line on stderr", () =>
    Effect.gen(function* () {
      const c = capture()
      const error = new NotFoundError({
        status: 404,
        method: "GET",
        route: "/accounts/{account_id}",
        errors: [{ code: 1003, message: `${EVIL}\nsecond line` }],
        cfRay: "ray\u001b[31m-1"
      })
      yield* Effect.flip(Report.failures("get")(Effect.fail(error)).pipe(Effect.provide(c.layer)))
      assert.strictEqual(c.err.length, 1)
      const line = c.err[0] ?? ""
      assert.notMatch(line, UNSAFE)
      assert.strictEqual(line.split("\n").length, 2) // the line and its ending
      assert.include(line, `${CLEAN} second line (code 1003)`)
      assert.include(line, "[cf-ray ray-1]")
    }))

  it.effect("the batch-move fallback reason", () =>
    Effect.gen(function* () {
      const c = capture()
      const reason = unavailableReason(
        new ServerError({ status: 501, method: "POST", route: "/accounts/move", errors: [{ code: 10501, message: EVIL }] })
      )
      assert.strictEqual(reason, `501: ${CLEAN} (code 10501)`)
      // And even unsanitised text passed to Stdio arrives sanitised.
      yield* c.stdio.err(`cf-accounts batch-move: the batch endpoint is not available (${EVIL})\n`)
      assert.strictEqual(c.err[0], `cf-accounts batch-move: the batch endpoint is not available (${CLEAN})\n`)
    }))

  it.effect("tables, json and ndjson on stdout", () =>
    Effect.gen(function* () {
      const row = { id: "0123456789abcdef0123456789abcdef", name: EVIL, type: "standard", created_on: "2024-01-01T00:00:00Z" }
      for (const format of ["table", "json", "ndjson"] as const) {
        const c = capture()
        yield* Output.printList(format, Columns.accounts, [row as never]).pipe(Effect.provide(c.layer))
        const text = c.out.join("")
        assert.notMatch(text.replace(/\n/g, ""), UNSAFE, format)
        if (format === "table") assert.include(text, CLEAN)
        if (format === "json") assert.deepStrictEqual(JSON.parse(text), [row])
        if (format === "ndjson") assert.deepStrictEqual(JSON.parse(text), row)
      }
    }))

  it("a record's keys, which come from the server too, stay on one line", () => {
    assert.strictEqual(Output.renderRecord({ [`k\n${EVIL}`]: { "a\u202Eb": 1 } }), `k ${CLEAN}.ab  1\n`)
  })

  it("sanitised before scrubbing: controls inside a secret do not hide it", () => {
    const c = capture(["secret-token-123"])
    c.stdio.errSync("leak secret-\u001b[0mtoken-\u202E123\n")
    assert.deepStrictEqual(c.err, ["leak [REDACTED]\n"])
  })

  it("a redrawn progress line: only the CLI's own erase-line sequence", () => {
    const c = capture()
    c.stdio.redrawErrSync(`fetched ${EVIL}\n`)
    assert.deepStrictEqual(c.err, [`\r\u001b[Kfetched ${CLEAN} `])
  })
})
