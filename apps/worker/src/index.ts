/**
 * The account-governance Worker's entries, side by side: the HTTP API (`api/`, every path
 * under its prefix), the dashboard's static files (every other path), the cron trigger
 * (`cron/`) and the queue consumers (`queue/`).
 */
import type { ExecutionContext, MessageBatch, ScheduledController } from "@cloudflare/workers-types/index.ts"
import * as Effect from "effect/Effect"
import * as SecurityHeaders from "./api/SecurityHeaders.js"
import * as WebHandler from "./api/WebHandler.js"
import { PREFIX } from "./api/WorkerApi.js"
import * as Scheduled from "./cron/Scheduled.js"
import type { Env } from "./platform/Env.js"
import * as Services from "./platform/Services.js"
import * as QueueHandler from "./queue/QueueHandler.js"

export default {
  fetch: async (request: Request, env: Env): Promise<Response> => {
    const { pathname } = new URL(request.url)
    const api = pathname === PREFIX || pathname.startsWith(`${PREFIX}/`) || env.ASSETS === undefined
    const response = await (api
      ? WebHandler.fetch(request, env)
      : // The dashboard's static files (wrangler.jsonc `assets`); they hold no data.
        env.ASSETS.fetch(request)
    ).catch((cause: unknown) => {
      // Only an assets failure gets here; the answer still carries the security headers below.
      console.error("request failed", cause)
      return WebHandler.errorResponse(500, "internal", "internal error")
    })
    return SecurityHeaders.apply(response)
  },
  scheduled: (_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> => {
    const done = Services.run(env, Effect.asVoid(Scheduled.run))
    ctx.waitUntil(done)
    return done
  },
  queue: (batch: MessageBatch<unknown>, env: Env): Promise<void> => Services.run(env, QueueHandler.handle(batch))
}
