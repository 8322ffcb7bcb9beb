/**
 * The cron trigger: jobs whose enqueue stopped part-way, and items whose claim expired, are
 * sent (again) first; then the inventory sync runs. Neither failure stops the other.
 */
import * as Effect from "effect/Effect"
import * as Jobs from "../jobs/Jobs.js"
import * as CloudflareApi from "../platform/CloudflareApi.js"
import * as Sync from "../sync/Sync.js"

const sync = Sync.start("scheduled").pipe(
  Effect.tap((sync) => Effect.logInfo(`scheduled sync ${sync.id}: ${sync.status}`)),
  Effect.catchAll((error) => Effect.logWarning(`scheduled sync skipped: ${error.message}`)),
  Effect.provide(CloudflareApi.layer)
)

export const run = Effect.zipRight(
  Jobs.resumeAll.pipe(Effect.catchAll((error) => Effect.logWarning(`resuming jobs stopped: ${error.message}`))),
  sync
)
