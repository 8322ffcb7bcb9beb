import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Columns from "../src/Columns.js"
import * as Output from "../src/Output.js"
import { capture } from "./support/stdio.js"

const account = (n: number) => ({
  id: n.toString(16).padStart(32, "0") as never,
  name: `Account ${n}`,
  type: "standard" as const,
  created_on: "2024-01-01T00:00:00Z"
})

describe("Output", () => {
  it("cell removes escape sequences, controls and bidi overrides, and keeps to one line", () => {
    assert.strictEqual(Output.cell("evil\u001b[2Jname\nnext"), "evilname next")
    assert.strictEqual(Output.cell("a\u009b31mb\u0007c\u202Ed\u0085e"), "abcde")
    assert.strictEqual(Output.cell(undefined), "-")
    assert.strictEqual(Output.cell(true), "true")
  })

  it("renderRecord flattens nested objects with dotted keys, aligned", () => {
    assert.strictEqual(
      Output.renderRecord({ id: "x", settings: { enforce_twofactor: true } }),
      "id                          x\nsettings.enforce_twofactor  true\n"
    )
  })

  it("renderTable pads every column but the last; CREATED_ON fits Cloudflare's microsecond timestamps", () => {
    assert.strictEqual(
      Output.renderTable(Columns.accounts, [{ ...account(2), created_on: "2014-03-19T13:10:50.311368Z" }]),
      "ID                                TYPE        CREATED_ON                   NAME\n" +
        "00000000000000000000000000000002  standard    2014-03-19T13:10:50.311368Z  Account 2\n"
    )
    assert.strictEqual(
      Output.renderTable(Columns.accounts, [account(1)]),
      "ID                                TYPE        CREATED_ON                   NAME\n" +
        "00000000000000000000000000000001  standard    2024-01-01T00:00:00Z         Account 1\n"
    )
  })

  it.effect("json: a streamed list is one JSON array, also when empty", () =>
    Effect.gen(function* () {
      const some = capture()
      const count = yield* Output.printStream("json", Columns.accounts, Stream.make(account(1), account(2))).pipe(
        Effect.provide(some.layer)
      )
      assert.strictEqual(count, 2)
      assert.deepStrictEqual(JSON.parse(some.out.join("")), [account(1), account(2)])
      const none = capture()
      yield* Output.printStream("json", Columns.accounts, Stream.empty).pipe(Effect.provide(none.layer))
      assert.deepStrictEqual(JSON.parse(none.out.join("")), [])
    }))

  it.effect("json: a stream that fails half-way still closes the array", () =>
    Effect.gen(function* () {
      const c = capture()
      const failed = yield* Output.printStream(
        "json",
        Columns.accounts,
        Stream.concat(Stream.make(account(1)), Stream.fail("boom"))
      ).pipe(Effect.provide(c.layer), Effect.flip)
      assert.strictEqual(failed, "boom")
      assert.deepStrictEqual(JSON.parse(c.out.join("")), [account(1)])
    }))

  it.effect("ndjson: one line per row, written as each arrives", () =>
    Effect.gen(function* () {
      const c = capture()
      const seen: Array<string> = []
      yield* Output.printStream("ndjson", Columns.accounts, Stream.make(account(1), account(2), account(3)), {
        before: Effect.sync(() => void seen.push(`before ${c.out.length}`)),
        after: (n) => Effect.sync(() => void seen.push(`after ${n}: ${c.out.length}`))
      }).pipe(Effect.provide(c.layer))
      assert.deepStrictEqual(c.out.map((l) => JSON.parse(l)), [account(1), account(2), account(3)])
      // Each row is on stdout before the next one is pulled, between its hooks.
      assert.deepStrictEqual(seen, ["before 0", "after 1: 1", "before 1", "after 2: 2", "before 2", "after 3: 3"])
    }))

  it.effect("printOne: table, pretty JSON, one line", () =>
    Effect.gen(function* () {
      const value = { id: "abc", settings: { enforce_twofactor: false } }
      for (const [format, expected] of [
        ["table", "id                          abc\nsettings.enforce_twofactor  false\n"],
        ["json", `${JSON.stringify(value, null, 2)}\n`],
        ["ndjson", `${JSON.stringify(value)}\n`]
      ] as const) {
        const c = capture()
        yield* Output.printOne(format, value).pipe(Effect.provide(c.layer))
        assert.strictEqual(c.out.join(""), expected)
      }
    }))
})
