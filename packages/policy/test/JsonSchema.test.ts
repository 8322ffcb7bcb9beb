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

  it("refuses in an editor what the loader refuses: a malformed id, a blank name, an address without a domain", () => {
    type Property = { readonly pattern?: string }
    const schema = JsonSchema.make() as {
      $defs: Record<string, { properties?: Record<string, Property> } & Property>
    }
    const declared = schema.$defs.DeclaredAccount?.properties ?? {}
    const matches = (property: Property | undefined, value: string) => new RegExp(property?.pattern ?? "").test(value)
    assert.isFalse(matches(declared.id, "not-an-id"))
    assert.isTrue(matches(declared.id, "0123456789abcdef0123456789ABCDEF"))
    assert.isFalse(matches(declared.name, "   "))
    assert.isTrue(matches(declared.name, "acme-staging"))
    const email = schema.$defs.DeclaredSettings?.properties?.abuse_contact_email
    assert.isFalse(matches(email, "nope"))
    assert.isTrue(matches(email, "security@example.com"))
  })
})
