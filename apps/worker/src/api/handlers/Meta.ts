/**
 * `meta`, open to anyone: the worker is up, and this API's OpenAPI document.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Effect from "effect/Effect"
import { WorkerApi } from "../WorkerApi.js"

export const layer = HttpApiBuilder.group(WorkerApi, "meta", (handlers) =>
  handlers
    .handle("health", () => Effect.succeed({ status: "ok" as const }))
    .handle("openapi", () => Effect.sync(() => OpenApi.fromApi(WorkerApi)))
)
