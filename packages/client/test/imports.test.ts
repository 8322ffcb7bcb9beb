/**
 * Library code imports deep paths (`effect/Effect`, `@effect/platform/HttpClient`,
 * `@cf-accounts/core/Account`), never a package's barrel, so that bundles (the
 * worker's) carry only what is used. Checked here for the client and for core,
 * which the client (and so every bundle of it) pulls in.
 */
import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const BARRELS = ["effect", "@effect/platform", "@cf-accounts/core", "@cf-accounts/client"]
const PACKAGES = join(import.meta.dirname, "..", "..")
const SOURCE_DIRS = ["client/src", "core/src"]

const sources = (dir: string): Array<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []
  )

/** Module specifiers of import/export statements and dynamic imports (comments excluded). */
const specifiers = (code: string): Array<string> => {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
  return [...withoutComments.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!)
}

describe("bundle footprint", () => {
  for (const dir of SOURCE_DIRS) {
    it(`${dir} imports no barrel`, () => {
      const files = sources(join(PACKAGES, dir))
      assert.isAbove(files.length, 5)
      const offenders = files.flatMap((file) =>
        specifiers(readFileSync(file, "utf8"))
          .filter((specifier) => BARRELS.includes(specifier))
          .map((specifier) => `${file.slice(PACKAGES.length + 1)}: ${specifier}`)
      )
      assert.deepStrictEqual(offenders, [])
    })
  }

  it("the check sees a barrel import", () => {
    assert.deepStrictEqual(specifiers('import { Effect } from "effect"\nimport * as S from "effect/Schema"'), [
      "effect",
      "effect/Schema"
    ])
  })
})
