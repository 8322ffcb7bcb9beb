/**
 * A sync against a server answering the real API's shape for every account (issue 20):
 * `null` settings, settings the spec does not list, `legacy_flags`, microsecond
 * `created_on`, a `type` the spec does not list. The sync completes, the snapshot keeps
 * every account as sent, the rules read `null` as "not set", and the read API shows the
 * accounts as sent (the dashboard reads it).
 */
import { afterAll, assert, beforeAll, describe, it } from "@effect/vitest"
import { AccountId } from "@cf-accounts/core/Ids"
import type * as Responses from "../src/api/Responses.js"
import { inlineSync, startWorker, type TestWorker } from "./support/Harness.js"
import { type RealAccount, type RealApi, realAccount, startRealApi } from "./support/RealApi.js"

const COUNT = 60

/**
 * The transcripts' account, varied by `i % 5`: 0 as it is (null abuse contact, two-factor
 * false); 1 without an abuse contact at all; 2 compliant; 3 two-factor `null` and an abuse
 * contact; 4 `settings: null`. Every third account has the unknown type "partner".
 */
const account = (i: number): RealAccount => {
  const base = realAccount(i)
  const settings = base.settings as Record<string, unknown>
  const type = i % 3 === 2 ? "partner" : base.type
  switch (i % 5) {
    case 1: {
      const { abuse_contact_email: _, ...rest } = settings
      return { ...base, type, settings: rest }
    }
    case 2:
      return { ...base, type, settings: { ...settings, enforce_twofactor: true, abuse_contact_email: "abuse@example.test" } }
    case 3:
      return { ...base, type, settings: { ...settings, enforce_twofactor: null, abuse_contact_email: "abuse@example.test" } }
    case 4:
      return { ...base, type, settings: null }
    default:
      return { ...base, type }
  }
}

const idsWhere = (predicate: (i: number) => boolean) =>
  Array.from({ length: COUNT }, (_, i) => i)
    .filter(predicate)
    .map((i) => account(i).id)
    .sort()

/** The real-shape server holding COUNT accounts (`total_count` as `totalCount` says), a worker over it, and its first sync. */
const firstSync = async (totalCount: RealApi["totalCount"]) => {
  const api = await startRealApi(Array.from({ length: COUNT }, (_, i) => account(i)))
  api.totalCount = totalCount
  const worker = await startWorker({ emulator: api, vars: { SYNC_PAGE_SIZE: "25" } })
  return { api, worker, sync: await inlineSync(worker) }
}

describe("a sync of accounts in the real API's shape", () => {
  let api: RealApi
  let worker: TestWorker<RealApi>
  let sync: Responses.Sync

  beforeAll(async () => {
    ;({ api, worker, sync } = await firstSync("sent"))
  })

  afterAll(async () => {
    await worker?.dispose()
    await api?.close()
  })

  it("completes and stores every account with every field as sent: nulls kept, nothing dropped, no empty strings", async () => {
    assert.strictEqual(sync.status, "completed")
    assert.strictEqual(sync.accounts_seen, COUNT)
    assert.strictEqual(sync.total_count, COUNT)
    assert.isNull(sync.warning)
    const rows = await worker.sql<{ id: string; type: string; account: string; abuse_contact_email: string | null }>(
      "SELECT id, type, account, abuse_contact_email FROM accounts ORDER BY id"
    )
    assert.deepStrictEqual(
      rows.map((row) => JSON.parse(row.account) as unknown),
      [...api.accounts].sort((a, b) => a.id.localeCompare(b.id))
    )
    assert.deepStrictEqual(
      rows.filter((row) => row.type === "partner").map((row) => row.id),
      idsWhere((i) => i % 3 === 2)
    )
    assert.deepStrictEqual(
      rows.filter((row) => row.abuse_contact_email === null).map((row) => row.id),
      idsWhere((i) => i % 5 !== 2 && i % 5 !== 3)
    )
    assert.notInclude(rows.map((row) => row.account).join("\n"), '""')
  })

  it("reads a null abuse contact as not set, and a null enforce_twofactor as not enforced", async () => {
    const open = async (rule: string) =>
      (
        await worker.sql<{ account_id: string }>(
          "SELECT account_id FROM findings WHERE status = 'open' AND rule = ?1 ORDER BY account_id",
          rule
        )
      ).map((row) => row.account_id)
    assert.deepStrictEqual(await open("abuse_contact_email"), idsWhere((i) => i % 5 !== 2 && i % 5 !== 3))
    assert.deepStrictEqual(await open("enforce_twofactor"), idsWhere((i) => i % 5 !== 2))
    const compliant = await worker.api((client) => client.accounts.list({ urlParams: { compliant: true, limit: 500 } }))
    assert.deepStrictEqual(
      compliant.items.map((item) => item.id),
      idsWhere((i) => i % 5 === 2)
    )
  })

  it("shows each account through the read API as sent, its unknown type and fields included", async () => {
    const listed = await worker.api((client) => client.accounts.list({ urlParams: { limit: 500 } }))
    assert.strictEqual(listed.items.length, COUNT)
    for (const item of listed.items) {
      const sent = api.accounts.find((a) => a.id === item.id)
      const { first_seen: _1, last_seen: _2, deleted_at: _3, inaccessible_since: _4, compliant: _5, ...upstream } = item
      // `settings`, `managed_by` and `created_on` are always there, null when not sent.
      assert.deepStrictEqual<unknown>(upstream, { settings: null, managed_by: null, created_on: null, ...sent })
    }
    const partner = account(2)
    const [detail, response] = await worker.api((client) =>
      client.accounts.get({ path: { account_id: AccountId.make(partner.id) }, withResponse: true })
    )
    assert.strictEqual(response.status, 200)
    assert.strictEqual(detail.type, "partner")
    assert.deepStrictEqual(detail.settings, partner.settings)
    assert.deepStrictEqual(detail["legacy_flags"], partner.legacy_flags)
    assert.strictEqual(detail.created_on, realAccount(0).created_on)
    assert.match(String(detail.created_on), /\.\d{6}Z$/)
  })
})

for (const { name, totalCount } of [
  { name: "left out", totalCount: "absent" },
  { name: "sent as null", totalCount: "null" }
] as const) {
  describe(`a first sync over a listing whose total_count is ${name}`, () => {
    let api: RealApi
    let worker: TestWorker<RealApi>
    let sync: Responses.Sync

    beforeAll(async () => {
      ;({ api, worker, sync } = await firstSync(totalCount))
    })

    afterAll(async () => {
      await worker?.dispose()
      await api?.close()
    })

    it("completes, and its warning says the listing's count could not be checked and that it read every page inline", async () => {
      assert.strictEqual(sync.status, "completed")
      assert.strictEqual(sync.accounts_seen, COUNT)
      assert.isNull(sync.total_count)
      assert.match(sync.warning ?? "", /^GET \/accounts sent no total_count, so .*could not be checked against a count.*\.$/)
      assert.include(sync.warning ?? "", "without a count the sync could not be split into ranges: it read every page inline")
      // As the sync's status and the dashboard's overview (the latest sync) read it.
      const status = await worker.api((client) => client.syncs.get({ path: { sync_id: sync.id } }))
      assert.strictEqual(status.sync.warning, sync.warning)
      const listed = await worker.api((client) => client.syncs.list({ urlParams: {} }))
      assert.strictEqual(listed.items[0]?.warning, sync.warning)
    })
  })
}
