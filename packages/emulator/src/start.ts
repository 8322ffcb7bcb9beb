/**
 * Starts an emulator from code that does not use Effect.
 *
 * @example
 * import { startEmulator } from "@cf-accounts/emulator/start"
 * const emulator = await startEmulator({ seedAccounts: 10 })
 * const response = await fetch(`${emulator.url}/accounts`, {
 *   headers: { Authorization: `Bearer ${emulator.token}` }
 * })
 * await emulator.close()
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import { type EmulatorService, make } from "./Emulator.js"
import type { EmulatorOptions } from "./EmulatorOptions.js"
import type { FaultConfig } from "./FaultConfig.js"
import type { RouteStats } from "./Faults.js"

/**
 * A running emulator, started with {@link startEmulator}.
 *
 * @since 0.1.0
 */
export interface RunningEmulator
  extends Pick<EmulatorService, "url" | "origin" | "port" | "token" | "apiKey" | "email" | "state"> {
  /** Replaces the fault configuration (same as `PUT /__emulator/faults`). */
  readonly setFaults: (config: FaultConfig) => void
  /** Request and fault counts per route (same as `GET /__emulator/stats`). */
  readonly stats: () => { readonly routes: Record<string, RouteStats> }
  /** Stops the server and closes every connection. */
  readonly close: () => Promise<void>
}

/**
 * Starts an emulator on 127.0.0.1 (port 0 by default: a free port).
 *
 * @since 0.1.0
 */
export const startEmulator = async (options?: EmulatorOptions): Promise<RunningEmulator> => {
  const scope = Effect.runSync(Scope.make())
  const exit = await Effect.runPromiseExit(make(options).pipe(Scope.extend(scope)))
  if (Exit.isFailure(exit)) {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    // The underlying error (e.g. a ServeError whose cause is EADDRINUSE), not a FiberFailure.
    throw Cause.squash(exit.cause)
  }
  const emulator = exit.value
  let closed: Promise<void> | undefined
  return {
    url: emulator.url,
    origin: emulator.origin,
    port: emulator.port,
    token: emulator.token,
    apiKey: emulator.apiKey,
    email: emulator.email,
    state: emulator.state,
    setFaults: (config) => emulator.faults.setConfig(config),
    stats: () => emulator.faults.stats(),
    close: () => {
      closed ??= Effect.runPromise(Scope.close(scope, Exit.void))
      return closed
    }
  }
}
