/**
 * Identifiers the worker mints (sync and job ids).
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"

export const JobId = Schema.String.pipe(
  Schema.pattern(/^job_[0-9a-f]{32}$/, { message: () => "must be a job id (job_ and 32 hexadecimal digits)" })
)

export const SyncId = Schema.String.pipe(
  Schema.pattern(/^sync_[0-9a-f]{32}$/, { message: () => "must be a sync id (sync_ and 32 hexadecimal digits)" })
)

export class IdGenerator extends Context.Tag("@cf-accounts/worker/IdGenerator")<
  IdGenerator,
  { readonly next: (prefix: "sync" | "job") => Effect.Effect<string> }
>() {
  static readonly layer = Layer.succeed(IdGenerator, {
    next: (prefix) => Effect.sync(() => `${prefix}_${crypto.randomUUID().replaceAll("-", "")}`)
  })
}
