import * as Schema from "effect/Schema"
import { bench, describe } from "vitest"
import { Account, Envelope, Ids, Input } from "../src/index.js"

/** A page of 50 accounts, shaped like a `GET /accounts?per_page=50` answer, with a few unknown fields. */
const page = {
  success: true,
  errors: [],
  messages: [],
  result: Array.from({ length: 50 }, (_, i) => ({
    id: (i + 1).toString(16).padStart(32, "a"),
    name: `Bench account ${i + 1}`,
    type: i % 5 === 0 ? "enterprise" : "standard",
    created_on: "2021-06-01T10:00:00.000Z",
    settings: { enforce_twofactor: i % 2 === 0, abuse_contact_email: `abuse${i}@bench.invalid`, unknown_setting: 1 },
    managed_by: { parent_org_id: "b2f0c6a4d8e1f3a5b7c9d0e2f4a6b8c1", parent_org_name: "Bench parent" },
    legacy_flags: { enterprise_zone_quota: { maximum: 0, current: 0, available: 0 } }
  })),
  result_info: { page: 1, per_page: 50, count: 50, total_count: 50 }
}
const body = JSON.stringify(page)

const decodePage = Schema.decodeUnknownSync(Envelope.PagedEnvelope(Account.Account))
const decodeId = Input.decodeEither(Ids.AccountId, "account_id")

describe("decode a page of 50 accounts", () => {
  bench("PagedEnvelope(Account) from a parsed object", () => {
    decodePage(page)
  })
  bench("JSON.parse + PagedEnvelope(Account) from the body text", () => {
    decodePage(JSON.parse(body))
  })
})

describe("validate an account id", () => {
  bench("Input.decodeEither(Ids.AccountId) valid", () => {
    decodeId("7C5DAE5552338874E5053F2534D2767A")
  })
  bench("Input.decodeEither(Ids.AccountId) invalid", () => {
    decodeId("../7c5dae5552338874e5053f2534d27")
  })
})
