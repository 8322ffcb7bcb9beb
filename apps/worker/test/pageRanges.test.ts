import { assert, describe, it } from "@effect/vitest"
import { pageRanges } from "../src/sync/FanOut.js"

describe("pageRanges", () => {
  it("covers every page once, in ranges of at most the given size", () => {
    assert.deepStrictEqual(pageRanges(2, 18, 3), [
      { firstPage: 2, lastPage: 4 },
      { firstPage: 5, lastPage: 7 },
      { firstPage: 8, lastPage: 10 },
      { firstPage: 11, lastPage: 13 },
      { firstPage: 14, lastPage: 16 },
      { firstPage: 17, lastPage: 18 }
    ])
    assert.deepStrictEqual(pageRanges(2, 2, 10), [{ firstPage: 2, lastPage: 2 }])
    assert.deepStrictEqual(pageRanges(2, 1, 10), [])
  })
})
