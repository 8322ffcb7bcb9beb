/**
 * `accounts`: the snapshot's accounts, one account with its findings, and the job items that
 * touched it.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../../db/Accounts.js"
import * as JobHistory from "../../db/JobHistory.js"
import * as JsonColumn from "../../db/JsonColumn.js"
import * as Findings from "../../findings/Findings.js"
import * as AccountListing from "../AccountListing.js"
import * as Errors from "../Errors.js"
import * as Views from "../FindingView.js"
import { answered } from "../Failures.js"
import type * as Responses from "../Responses.js"
import { WorkerApi } from "../WorkerApi.js"

const DEFAULT_LIMIT = 100
const ACCOUNT_FINDINGS = 100
const ACCOUNT_JOBS = 50

// The JSON columns hold what the sync wrote from a decoded account, so they have the schema's shape.
const accountView = (row: Accounts.AccountRow): Responses.Account => ({
  ...(JsonColumn.parse(row.account) as Record<string, unknown> | null),
  id: row.id,
  name: row.name,
  type: row.type,
  settings: JsonColumn.parse(row.settings) as Responses.Account["settings"],
  managed_by: JsonColumn.parse(row.managed_by) as Responses.Account["managed_by"],
  created_on: row.created_on,
  first_seen: row.first_seen,
  last_seen: row.last_seen,
  deleted_at: row.deleted_at,
  inaccessible_since: row.inaccessible_since,
  compliant: row.compliant === 1
})

export const layer = HttpApiBuilder.group(WorkerApi, "accounts", (handlers) =>
  handlers
    .handle("list", ({ urlParams }) =>
      answered(
        Effect.map(AccountListing.page(urlParams, DEFAULT_LIMIT), (page) => ({
          items: page.items.map(accountView),
          next_cursor: page.next_cursor,
          total: page.total
        }))
      )
    )
    .handle("get", ({ path }) =>
      answered(
        Effect.gen(function* () {
          const row = yield* Accounts.get(path.account_id)
          if (Option.isNone(row)) return yield* Effect.fail(new Errors.NotFound(Errors.detail("not_found", "account not found")))
          const findings = yield* Findings.list({ status: "all", accountId: path.account_id, limit: ACCOUNT_FINDINGS })
          return {
            ...accountView(row.value),
            findings: findings.map(({ account_name: _, ...finding }) => Views.finding(finding))
          }
        })
      )
    )
    .handle("jobs", ({ path }) =>
      answered(
        Effect.map(JobHistory.forAccount(path.account_id, ACCOUNT_JOBS), (rows) => ({
          // `error` holds what the job worker wrote with `JSON.stringify`.
          items: rows.map((row) => ({ ...row, error: JsonColumn.parse(row.error) }))
        }))
      )
    )
)
