import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import * as JsonSchema from "../src/JsonSchema.js"

describe("JsonSchema", () => {
  it("the shipped schema file is the one the schema generates (run the build to refresh it)", () => {
    const shipped = readFileSync(fileURLToPath(new URL(`../${JsonSchema.path}`, import.meta.url)), "utf8")
    assert.strictEqual(shipped, JsonSchema.text())
  })

  it("is strict: no unknown keys in the file or its parts", () => {
    const schema = JsonSchema.make() as { $defs: Record<string, { additionalProperties?: boolean }> }
    for (const name of ["PolicyFile", "Policy", "DeclaredAccount", "Exception"]) {
      assert.strictEqual(schema.$defs[name]?.additionalProperties, false, name)
    }
  })
})
