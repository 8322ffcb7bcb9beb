import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import * as Progress from "../src/Progress.js"
import { capture } from "./support/stdio.js"

const fakeStdio = (stderrIsTTY: boolean, stdoutIsTTY = false) => capture({ stderrIsTTY, stdoutIsTTY })

describe("Progress", () => {
  it("render shows done / total and the rate", () => {
    assert.strictEqual(Progress.render("fetched", "accounts", 150, 1000, 500), "fetched 150 / 1000 accounts (300/s)")
    assert.strictEqual(Progress.render("moved", "accounts", 3, undefined, 0), "moved 3 accounts (0/s)")
  })

  it.effect("on a terminal: redraws at most every 100 ms, then ends the line", () =>
    Effect.gen(function* () {
      const { err, layer } = fakeStdio(true)
      const progress = yield* Progress.make("fetched", "accounts").pipe(Effect.provide(layer))
      yield* TestClock.adjust("1 second")
      yield* progress.update(50, 200)
      yield* progress.update(60) // within 100 ms of the last draw: not drawn
      yield* TestClock.adjust("1 second")
      yield* progress.update(200)
      yield* progress.finish
      assert.deepStrictEqual(err, [
        "\r\u001b[Kfetched 50 / 200 accounts (50/s)",
        "\r\u001b[Kfetched 200 / 200 accounts (100/s)",
        "\r\u001b[Kfetched 200 / 200 accounts (100/s)",
        "\n"
      ])
    }))

  it.effect("clear removes the line when stdout is the same terminal, and the next update redraws it", () =>
    Effect.gen(function* () {
      const { err, layer } = fakeStdio(true, true)
      const progress = yield* Progress.make("moved", "accounts").pipe(Effect.provide(layer))
      yield* progress.update(1, 3)
      yield* progress.clear
      yield* progress.clear // already cleared: nothing more
      yield* progress.update(2)
      assert.deepStrictEqual(err, ["\r\u001b[Kmoved 1 / 3 accounts (0/s)", "\r\u001b[K", "\r\u001b[Kmoved 2 / 3 accounts (0/s)"])
      const piped = fakeStdio(true, false)
      const other = yield* Progress.make("moved", "accounts").pipe(Effect.provide(piped.layer))
      yield* other.update(1, 3)
      yield* other.clear
      assert.deepStrictEqual(piped.err, ["\r\u001b[Kmoved 1 / 3 accounts (0/s)"])
    }))

  it.effect("not a terminal: prints nothing", () =>
    Effect.gen(function* () {
      const { err, layer } = fakeStdio(false)
      const progress = yield* Progress.make("fetched", "accounts").pipe(Effect.provide(layer))
      yield* progress.update(10, 20)
      yield* progress.finish
      assert.deepStrictEqual(err, [])
    }))
})
