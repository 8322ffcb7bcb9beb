/**
 * The Worker's static assets (`assets` in `wrangler.jsonc`): the dashboard's files and the API's
 * OpenAPI document, built beside them by `scripts/build-dashboard.mjs`. Absent where a Worker runs
 * without them.
 */
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import type { Env } from "./Env.js"

export class Assets extends Context.Tag("@cf-accounts/worker/Assets")<Assets, Env["ASSETS"]>() {
  static readonly layer = (binding: Env["ASSETS"]) => Layer.succeed(Assets, binding)
}
