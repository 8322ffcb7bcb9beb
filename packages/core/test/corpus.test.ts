/**
 * The corpus of real response shapes (`test/fixtures`, sources in `test/fixtures/SOURCES.md`):
 * every file decodes with the schema its folder names, and the decoded value is the file,
 * nothing dropped, nothing changed.
 */
import { readdirSync, readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Account, Envelope, Operations, ResultInfo } from "../src/index.js"

const root = new URL("./fixtures/", import.meta.url)

/** What a failure envelope reads an absent or null `messages` as (its documented default). */
const failureDefaults = (json: Record<string, unknown>) => ({ ...json, messages: json.messages ?? [] })

const folders: ReadonlyArray<{
  readonly folder: string
  readonly schema: Schema.Schema<unknown, unknown>
  readonly expected?: (json: Record<string, unknown>) => unknown
}> = [
  { folder: "list", schema: Operations.operations.list.success as Schema.Schema<unknown, unknown> },
  { folder: "get", schema: Operations.operations.get.success as Schema.Schema<unknown, unknown> },
  { folder: "account", schema: Account.Account as Schema.Schema<unknown, unknown> },
  { folder: "result-info", schema: ResultInfo.ResultInfo as Schema.Schema<unknown, unknown> },
  {
    folder: "failure",
    schema: Envelope.FailureEnvelope as Schema.Schema<unknown, unknown>,
    expected: failureDefaults
  }
]

const files = (folder: string) =>
  readdirSync(new URL(`${folder}/`, root))
    .filter((name) => name.endsWith(".json"))
    .sort()

describe("the corpus of real response shapes", () => {
  it("has a source line for every file, and a file for every source line", () => {
    const sources = readFileSync(new URL("SOURCES.md", root), "utf8")
    const listed = [...sources.matchAll(/^\| `([a-z-]+\/[^`]+\.json)` \|/gm)].map((m) => m[1]).sort()
    const present = folders.flatMap(({ folder }) => files(folder).map((name) => `${folder}/${name}`)).sort()
    assert.deepStrictEqual(listed, present)
    assert.isAtLeast(present.length, 10)
  })

  for (const { expected, folder, schema } of folders) {
    describe(folder, () => {
      for (const name of files(folder)) {
        it(`${name} decodes whole`, () => {
          const json = JSON.parse(readFileSync(new URL(`${folder}/${name}`, root), "utf8")) as Record<string, unknown>
          const decoded = Schema.decodeUnknownEither(schema)(json)
          if (Either.isLeft(decoded)) {
            return assert.fail(ParseResult.TreeFormatter.formatErrorSync(decoded.left))
          }
          assert.deepStrictEqual(decoded.right, expected === undefined ? json : expected(json))
        })
      }
    })
  }
})
