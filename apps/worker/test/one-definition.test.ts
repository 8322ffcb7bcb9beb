/**
 * The API's paths live in one place, its definition (`src/api/WorkerApi.ts`): no code of the
 * worker, its dashboard, its tests, benches or scripts spells a path under the prefix itself.
 * They take paths from the definition (`pathTo`, `PREFIX`) or from what is generated from it.
 */
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import { PREFIX } from "../src/api/WorkerApi.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const DEFINITION = join("src", "api", "WorkerApi.ts")
const GENERATED = join("dashboard", "src", "generated")

const files = (folder: string): ReadonlyArray<string> =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === "node_modules" || path === GENERATED ? [] : files(path)
    return /\.(ts|mjs|js)$/.test(entry.name) ? [path] : []
  })

describe("one definition of the API", () => {
  it("no path under the prefix is spelled outside the definition", () => {
    const spelled = new RegExp(`["'\`/]${PREFIX.replace("/", "\\/")}(?:[/"'\`?]|$)`, "m")
    const offenders = ["src", "dashboard/src", "test", "bench", "scripts"]
      .flatMap(files)
      .filter((path) => path !== DEFINITION)
      .flatMap((path) =>
        readFileSync(join(root, path), "utf8")
          .split("\n")
          .flatMap((line, i) => (spelled.test(line) ? [`${relative(root, join(root, path))}:${i + 1}: ${line.trim()}`] : []))
      )
    assert.deepStrictEqual(offenders, [])
  })
})
