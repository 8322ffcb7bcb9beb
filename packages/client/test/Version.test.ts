import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as Version from "../src/Version.js"

describe("Version", () => {
  it("matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
    assert.strictEqual(Version.version, pkg.version)
    assert.strictEqual(Version.userAgent, `cf-accounts/${pkg.version}`)
  })
})
