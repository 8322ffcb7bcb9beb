import { assert, describe, it } from "@effect/vitest"
import { age, percent } from "../dashboard/src/Format.js"

describe("the dashboard's number formats", () => {
  it("shows a share with one decimal that never rounds to all or none when it is not so", () => {
    assert.strictEqual(percent(30, 60), "50.0%")
    assert.strictEqual(percent(2, 3), "66.7%")
    assert.strictEqual(percent(4_999, 5_000), ">99.9%")
    assert.strictEqual(percent(9_994, 10_000), "99.9%")
    assert.strictEqual(percent(5_000, 5_000), "100.0%")
    assert.strictEqual(percent(1, 5_000), "<0.1%")
    assert.strictEqual(percent(0, 5_000), "0.0%")
    assert.strictEqual(percent(0, 0), "—")
  })

  it("gives a finding's age in hours, then days", () => {
    const now = Date.parse("2026-11-29T12:00:00Z")
    assert.strictEqual(age("2026-11-29T11:30:00Z", now), "< 1 h")
    assert.strictEqual(age("2026-11-28T12:00:00Z", now), "24 h")
    assert.strictEqual(age("2026-11-26T12:00:00Z", now), "3 d")
  })
})
