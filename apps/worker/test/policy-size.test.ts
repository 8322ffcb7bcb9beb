/**
 * A policy's size does not reach D1's limits: a finding cites its exception by reference (its
 * place in the policy version, its rule, reason and expiry), not with the exception's accounts,
 * so a long exception does not make every finding row (and a page of them, staged in one
 * parameter) as long; and the parsed file the worker stores beside the text is held to the
 * body's limit, since YAML aliases expand a small text into a large file.
 */
import { startEmulator } from "@cf-accounts/emulator/start"
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { MAX_BODY_BYTES } from "../src/api/handlers/Policy.js"
import { type Emulator, emulatorAccounts, inlineSync, pathTo, startWorker, type TestWorker } from "./support/Harness.js"

let emulator: Emulator
let worker: TestWorker

beforeAll(async () => {
  emulator = await startEmulator({ seedAccounts: 60, seed: 5 })
  worker = await startWorker({ emulator, vars: { SYNC_PAGE_SIZE: "50" } })
})

afterAll(async () => {
  await worker?.dispose()
  await emulator?.close()
})

const put = (text: string) =>
  worker.call(pathTo("policy", "put"), { method: "PUT", body: text, headers: { "content-type": "application/yaml" } })

/** Ids of 32 hexadecimal characters that name no account. */
const unknownIds = (n: number) => Array.from({ length: n }, (_, i) => `'${(i + 1).toString(16).padStart(32, "f")}'`)

describe("the size of a policy", () => {
  it("an exception of 1,460 accounts (52 KB): the policy is stored, a sync completes, and each finding cites the exception by reference", async () => {
    const ids = [...(await emulatorAccounts(emulator)).map((a) => `'${a.id}'`), ...unknownIds(1400)]
    const text = [
      "policy:",
      "  enforce_twofactor: true",
      "  exceptions:",
      `    - { rule: enforce_twofactor, accounts: [${ids.join(", ")}], reason: team X accounts, expires: 2999-12-31 }`,
      ""
    ].join("\n")
    assert.isAbove(text.length, 50_000)
    const stored = await put(text)
    assert.strictEqual(stored.status, 201, stored.text.slice(0, 300))

    const sync = await inlineSync(worker)
    assert.strictEqual(sync.status, "completed")
    const [size] = await worker.sql<{ n: number; longest: number }>(
      "SELECT count(*) AS n, max(length(exception)) AS longest FROM findings WHERE status = 'excused'"
    )
    assert.isAbove(size?.n ?? 0, 0)
    assert.isBelow(size?.longest ?? Infinity, 300)

    // The API still shows the exception whole: its accounts read from the policy version.
    const listed = await worker.api((client) => client.findings.list({ urlParams: { status: "excused", limit: 1 } }))
    const exception = listed.items[0]?.exception
    assert.deepStrictEqual(
      exception && { ...exception, accounts: exception.accounts.length },
      { rule: "enforce_twofactor", accounts: ids.length, reason: "team X accounts", expires: "2999-12-31", expired: false }
    )
  })

  it("a file that YAML aliases expand past the body's limit is refused with a 400 naming the body, nothing stored", async () => {
    const before = await worker.sql<{ n: number }>("SELECT count(*) AS n FROM policy_versions")
    // 80 names of about 250 characters, written once (20 KB) and used by 40 exceptions: 800 KB parsed.
    const names = Array.from({ length: 80 }, (_, i) => `'legacy-${i}-${"x".repeat(240)}'`)
    const lines = [
      "policy:",
      "  name: { pattern: '.*' }",
      "  exceptions:",
      `    - { rule: name, accounts: &names [${names.join(", ")}], reason: &why legacy names, expires: 2999-12-31 }`,
      ...Array.from({ length: 40 }, () => "    - { rule: name, accounts: *names, reason: *why, expires: 2999-12-31 }"),
      ""
    ]
    const text = lines.join("\n")
    assert.isBelow(text.length, MAX_BODY_BYTES)
    const refused = await put(text)
    assert.strictEqual(refused.status, 400, refused.text.slice(0, 300))
    assert.strictEqual(refused.body.error.field, "body")
    assert.include(refused.text, `at most ${MAX_BODY_BYTES} bytes as JSON once parsed`)
    assert.deepStrictEqual(await worker.sql("SELECT count(*) AS n FROM policy_versions"), before)
  })
})
