/**
 * Where the Worker's handlers meet Effect: the services of one invocation, built from
 * its bindings, and the Worker's vars as the `ConfigProvider`.
 */
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import { Assets } from "./Assets.js"
import { Database } from "./Database.js"
import type { Env } from "./Env.js"
import { IdGenerator } from "./IdGenerator.js"
import { JobsQueue, SyncQueue } from "./Queues.js"
import { Settings } from "./Settings.js"

export type Services = Assets | Database | IdGenerator | JobsQueue | Settings | SyncQueue

/** The Worker's string vars and secrets, for `Config`. */
export const configProvider = (env: Env): ConfigProvider.ConfigProvider => {
  const vars = new Map<string, string>()
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") vars.set(name, value)
  return ConfigProvider.fromMap(vars)
}

/** The queues' producers, sending `QUEUE_SEND_BATCH` messages per `sendBatch`. */
const queues = (env: Env) =>
  Layer.unwrapEffect(
    Effect.map(Settings, (settings) =>
      Layer.merge(
        JobsQueue.layer(env.JOBS_QUEUE, settings.queueSendBatch),
        SyncQueue.layer(env.SYNC_QUEUE, settings.queueSendBatch)
      )
    )
  )

export const layer = (env: Env) =>
  Layer.mergeAll(Assets.layer(env.ASSETS), Database.layer(env.DB), queues(env), IdGenerator.layer).pipe(
    Layer.provideMerge(Settings.layerConfig)
  )

/** The Worker's edge: JSON logs, the vars as config, and a Promise. */
const edge = <A, E>(env: Env, effect: Effect.Effect<A, E>): Promise<A> =>
  effect.pipe(Effect.provide(Logger.json), Effect.withConfigProvider(configProvider(env)), Effect.runPromise)

/** Runs a program of one invocation (a queue batch, a scheduled sync) to a Promise. */
export const run = <A, E>(env: Env, program: Effect.Effect<A, E, Services>): Promise<A> =>
  edge(env, Effect.provide(program, layer(env)))
