/**
 * The account-governance Worker: HTTP API (`/v1`), the dashboard's static files (everything
 * else), scheduled inventory sync and queue consumers.
 */
import type { ExecutionContext, MessageBatch, ScheduledController } from "@cloudflare/workers-types/index.ts"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as CloudflareClient from "./platform/CloudflareApi.js"
import type { Env } from "./platform/Env.js"
import { error } from "./http/Json.js"
import * as Router from "./http/Router.js"
import * as SecurityHeaders from "./http/SecurityHeaders.js"
import * as Jobs from "./jobs/Jobs.js"
import * as QueueHandler from "./queue/QueueHandler.js"
import * as Runtime from "./platform/Services.js"
import * as Sync from "./sync/Sync.js"

const scheduledSync = Sync.start("scheduled").pipe(
  Effect.tap((sync) => Effect.logInfo(`scheduled sync ${sync.id}: ${sync.status}`)),
  Effect.catchAll((error) => Effect.logWarning(`scheduled sync skipped: ${error.message}`)),
  Effect.provide(CloudflareClient.layer)
)

/** Jobs whose enqueue stopped part-way, and items whose claim expired, are sent (again) first. */
const scheduled = Effect.zipRight(
  Jobs.resumeAll.pipe(Effect.catchAll((error) => Effect.logWarning(`resuming jobs stopped: ${error.message}`))),
  scheduledSync
)

export default {
  fetch: async (request: Request, env: Env): Promise<Response> => {
    const { pathname } = new URL(request.url)
    const api = pathname === "/v1" || pathname.startsWith("/v1/") || env.ASSETS === undefined
    const response = await (api
      ? Runtime.runFetch(
          env,
          // Redacted from the moment it is read, so no log line or error can show it.
          Router.handle(request, env.ADMIN_TOKEN === undefined ? undefined : Redacted.make(env.ADMIN_TOKEN))
        )
      : // The dashboard's static files (wrangler.jsonc `assets`); they hold no data.
        env.ASSETS.fetch(request)
    ).catch((cause: unknown) => {
      // Only a runtime or assets failure gets here (`Router.handle` never fails); the answer
      // still carries the security headers below.
      console.error("request failed", cause)
      return error(500, "internal", "internal error")
    })
    return SecurityHeaders.apply(response)
  },
  scheduled: (_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> => {
    const done = Runtime.run(env, Effect.asVoid(scheduled))
    ctx.waitUntil(done)
    return done
  },
  queue: (batch: MessageBatch<unknown>, env: Env): Promise<void> => Runtime.run(env, QueueHandler.handle(batch))
}
