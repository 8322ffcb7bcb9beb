/**
 * `syncs`: run an inventory sync now, and read recent syncs.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as JsonColumn from "../../db/JsonColumn.js"
import * as Syncs from "../../db/Syncs.js"
import * as CloudflareApi from "../../platform/CloudflareApi.js"
import * as Sync from "../../sync/Sync.js"
import * as Errors from "../Errors.js"
import { answered } from "../Failures.js"
import * as Responses from "../Responses.js"
import { WorkerApi } from "../WorkerApi.js"

const DEFAULT_LIMIT = 20

// `mode` and `error` are written only by the sync (`'inline'`/`'fanout'`, `Failure.toRecord`).
const syncView = (row: Syncs.SyncRow): Responses.Sync => ({
  ...row,
  mode: row.mode as Responses.Sync["mode"],
  deletions_skipped: row.deletions_skipped === 1,
  error: JsonColumn.parse(row.error) as Responses.Sync["error"]
})

export const layer = HttpApiBuilder.group(WorkerApi, "syncs", (handlers) =>
  handlers
    .handle("start", () =>
      answered(
        Effect.gen(function* () {
          const sync = syncView(yield* Sync.start("api").pipe(Effect.provide(CloudflareApi.layer)))
          if (sync.status === "failed") return yield* Effect.fail(new Responses.SyncFailed({ sync: { ...sync, status: sync.status } }))
          if (sync.status === "completed") return { sync: { ...sync, status: sync.status } }
          return { sync: { ...sync, status: sync.status } }
        })
      )
    )
    .handle("list", ({ urlParams }) =>
      answered(Effect.map(Syncs.recent(urlParams.limit ?? DEFAULT_LIMIT), (rows) => ({ items: rows.map(syncView) })))
    )
    .handle("get", ({ path }) =>
      answered(
        Effect.flatMap(Syncs.get(path.sync_id), (row) =>
          Option.match(row, {
            onNone: () => Effect.fail(new Errors.NotFound(Errors.detail("not_found", "sync not found"))),
            onSome: (sync) => Effect.succeed({ sync: syncView(sync) })
          })
        )
      )
    )
)
