import { assert, describe, it } from "@effect/vitest"
import { age, axisLabel, labelled, pageOf, percent } from "../dashboard/src/Format.js"

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

  it("says which page of how many, and how many items in all", () => {
    assert.strictEqual(pageOf(2, 50, 1_953, "accounts"), "Page 2 of 40 (1,953 accounts)")
    assert.strictEqual(pageOf(1, 25, 0, "accounts"), "Page 1 of 1 (0 accounts)")
    assert.strictEqual(pageOf(1, 25, 25, "accounts"), "Page 1 of 1 (25 accounts)")
  })

  it("labels a chart's times for syncs seconds apart and days apart", () => {
    const t = Date.parse("2026-11-29T12:34:56Z")
    assert.strictEqual(axisLabel(t, 3_000, "en-GB", "UTC"), "12:34:56")
    assert.strictEqual(axisLabel(t, 6 * 3_600_000, "en-GB", "UTC"), "12:34")
    assert.strictEqual(axisLabel(t, 20 * 86_400_000, "en-GB", "UTC"), "29 Nov")
  })

  it("labels the first and last point and a few evenly between", () => {
    assert.deepStrictEqual(labelled(0, 3), [])
    assert.deepStrictEqual(labelled(2, 3), [0, 1])
    assert.deepStrictEqual(labelled(120, 3), [0, 60, 119])
    assert.deepStrictEqual(labelled(5, 4), [0, 1, 3, 4])
  })
})
