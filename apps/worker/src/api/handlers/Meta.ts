/**
 * `meta`, open to anyone: the worker is up, and this API's OpenAPI document. The document is
 * generated from the definition when the worker is built (`scripts/build-dashboard.mjs`) and read
 * from the assets, so the worker's bundle does not carry the generator.
 */
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Effect from "effect/Effect"
import { Assets } from "../../platform/Assets.js"
import * as Errors from "../Errors.js"
import { WorkerApi } from "../WorkerApi.js"

/** Where the build puts the document among the assets. */
const DOCUMENT = "/openapi.json"

const unavailable = (why: string) =>
  new Errors.InternalError(Errors.detail("internal", `the OpenAPI document is not available: ${why}`))

const document = Effect.gen(function* () {
  const assets = yield* Assets
  if (assets === undefined) return yield* Effect.fail(unavailable("this worker runs without its assets"))
  const response = yield* Effect.tryPromise({
    try: () => assets.fetch(new Request(new URL(DOCUMENT, "https://assets.invalid"))),
    catch: () => unavailable("the assets could not be read")
  })
  if (!response.ok) return yield* Effect.fail(unavailable(`the assets answered ${response.status}`))
  return yield* Effect.tryPromise({ try: () => response.json() as Promise<unknown>, catch: () => unavailable("it is not JSON") })
})

export const layer = HttpApiBuilder.group(WorkerApi, "meta", (handlers) =>
  handlers.handle("health", () => Effect.succeed({ status: "ok" as const })).handle("openapi", () => document)
)
