/**
 * `findings`: policy findings, open ones by default, a page at a time by (account, rule).
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Findings from "../../findings/Findings.js"
import * as Cursor from "../Cursor.js"
import * as Views from "../FindingView.js"
import { answered } from "../Failures.js"
import { WorkerApi } from "../WorkerApi.js"

const DEFAULT_LIMIT = 100

export const layer = HttpApiBuilder.group(WorkerApi, "findings", (handlers) =>
  handlers.handle("list", ({ urlParams }) => {
    const limit = urlParams.limit ?? DEFAULT_LIMIT
    const [accountId = "", rule = ""] = urlParams.cursor === undefined ? [] : Cursor.decode(urlParams.cursor).split(" ")
    return answered(
      Effect.map(
        Findings.list({
          status: urlParams.status ?? "open",
          rule: urlParams.rule,
          accountId: urlParams.account_id,
          after: urlParams.cursor === undefined ? undefined : { accountId, rule },
          limit
        }),
        (rows) => {
          const items = rows.slice(0, limit).map(Views.finding)
          const last = items[items.length - 1]
          return {
            items,
            next_cursor: rows.length > limit && last !== undefined ? Cursor.encode(`${last.account_id} ${last.rule}`) : null
          }
        }
      )
    )
  })
)
