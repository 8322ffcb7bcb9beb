/**
 * `batch-move --one-by-one --dry-run` prints the requests it would send as one
 * output: `json` is exactly one JSON document (an array), `ndjson` one line per
 * request, the table each in turn; "nothing was sent" is said once, and nothing is.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, json, lines, requestCount, runCli } from "./support/cli.js"

const ORG = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
const IDS = ["0123456789abcdef0123456789abcdef", "00112233445566778899aabbccddeeff"]

layer(Emulator.layer({ seedAccounts: 1 }))("dry run of several requests", (it) => {
  it.effect("batch-move --one-by-one --dry-run: one document for json, a line each for ndjson, one note", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const env = envFor(emulator)
      const before = yield* requestCount(emulator.origin)
      const expected = IDS.map((id) => ({
        dry_run: true,
        method: "POST",
        url: `${emulator.url}/accounts/${id}/move`,
        body: { destination_organization_id: ORG }
      }))
      const args = ["batch-move", "--to", ORG, "--one-by-one", "--dry-run", ...IDS]
      const asJson = yield* runCli([...args, "-o", "json"], env)
      assert.strictEqual(asJson.code, 0, asJson.stderr)
      assert.deepStrictEqual(json(asJson), expected)
      assert.strictEqual(asJson.stderr, "dry run: nothing was sent\n")
      const asLines = yield* runCli([...args, "-o", "ndjson"], env)
      assert.strictEqual(asLines.code, 0, asLines.stderr)
      assert.deepStrictEqual(lines(asLines), expected)
      assert.strictEqual(asLines.stdout.split("\n").length, IDS.length + 1)
      assert.strictEqual(asLines.stderr, "dry run: nothing was sent\n")
      const asTable = yield* runCli([...args, "-o", "table"], env)
      assert.strictEqual(asTable.code, 0, asTable.stderr)
      assert.strictEqual(asTable.stdout.match(/^POST /gm)?.length, IDS.length)
      assert.strictEqual(asTable.stderr, "dry run: nothing was sent\n")
      assert.strictEqual(yield* requestCount(emulator.origin), before)
      // One request (the batch endpoint) stays one JSON object.
      const batch = yield* runCli(["batch-move", "--to", ORG, "--dry-run", "-o", "json", ...IDS], env)
      assert.strictEqual((json(batch) as { url: string }).url, `${emulator.url}/accounts/move`)
    }))
})
