/**
 * Where the Worker's handlers meet Effect: the services of one invocation, built from
 * its bindings, and the Worker's vars as the `ConfigProvider`.
 */
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import { Database } from "./db/Database.js"
import type { Env } from "./Env.js"
import { IdGenerator } from "./Ids.js"
import { JobsQueue, SyncQueue } from "./Queues.js"
import { Settings } from "./Settings.js"

export type Services = Database | IdGenerator | JobsQueue | Settings | SyncQueue

/** The Worker's string vars and secrets, for `Config`. */
export const configProvider = (env: Env): ConfigProvider.ConfigProvider => {
  const vars = new Map<string, string>()
  for (const [name, value] of Object.entries(env)) if (typeof value === "string") vars.set(name, value)
  return ConfigProvider.fromMap(vars)
}

export const layer = (env: Env) =>
  Layer.mergeAll(
    Database.layer(env.DB),
    JobsQueue.layer(env.JOBS_QUEUE),
    SyncQueue.layer(env.SYNC_QUEUE),
    IdGenerator.layer,
    Settings.layerConfig
  )

/** Runs a program of one invocation to a Promise (the Worker's edge). */
export const run = <A, E>(env: Env, program: Effect.Effect<A, E, Services>): Promise<A> =>
  program.pipe(
    Effect.provide(layer(env)),
    Effect.provide(Logger.json),
    Effect.withConfigProvider(configProvider(env)),
    Effect.runPromise
  )
