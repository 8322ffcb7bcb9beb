/**
 * The emulator as a service: a scoped HTTP server on 127.0.0.1 serving the
 * Accounts API under `/client/v4` and admin routes under `/__emulator/`.
 *
 * @example
 * import { Emulator } from "@cf-accounts/emulator/Emulator"
 * import * as Effect from "effect/Effect"
 *
 * const program = Effect.gen(function* () {
 *   const emulator = yield* Emulator
 *   console.log(emulator.url) // http://127.0.0.1:54321/client/v4
 * }).pipe(Effect.provide(Emulator.layer({ seedAccounts: 100 })))
 *
 * @since 0.1.0
 */
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import * as Admin from "./Admin.js"
import * as EmulatorOptions from "./EmulatorOptions.js"
import { ErrorCodes } from "./ErrorCodes.js"
import { FaultInjector } from "./Faults.js"
import { errorReply } from "./internal/reply.js"
import { API_PREFIX, MAX_BODY_BYTES, respond } from "./internal/route.js"
import * as Routes from "./Routes.js"
import * as State from "./State.js"

/**
 * A running emulator.
 *
 * @since 0.1.0
 */
export interface EmulatorService {
  /** Base URL of the API, e.g. `http://127.0.0.1:8788/client/v4`. */
  readonly url: string
  /** `http://127.0.0.1:<port>`; admin routes live under `${origin}/__emulator/`. */
  readonly origin: string
  readonly port: number
  readonly token: string
  readonly apiKey: string
  readonly email: string
  readonly userServiceKey: string
  /** The in-memory store. */
  readonly state: State.EmulatorState
  /** Fault configuration and request counts. */
  readonly faults: FaultInjector
}

/**
 * Starts the emulator in the current scope; the server stops (all connections
 * closed) when the scope closes.
 *
 * @since 0.1.0
 */
export const make = (options?: EmulatorOptions.EmulatorOptions): Effect.Effect<EmulatorService, Error, Scope.Scope> =>
  Effect.gen(function* () {
    const resolved = EmulatorOptions.resolve(options)
    const state = State.make({
      seed: resolved.seed,
      seedAccounts: resolved.seedAccounts,
      unknownTypeEvery: resolved.unknownTypeEvery
    })
    const faults = new FaultInjector(resolved.seed, resolved.faults)
    let rays = 0
    const ray = () => `${(++rays).toString(16).padStart(16, "0")}-EMU`
    const router = HttpRouter.concatAll(
      Routes.make({ state, faults, options: resolved, ray }),
      Admin.make(state, faults)
    )
    const app = (yield* HttpRouter.toHttpApp(router)).pipe(
      Effect.catchTag("RouteNotFound", () =>
        Effect.gen(function* () {
          const request = yield* HttpServerRequest.HttpServerRequest
          faults.countUnmatched(request.method)
          return respond(errorReply("iam", ErrorCodes.noRoute), ray())
        })
      ),
      // Bodies are read whole: bound them, so a runaway client cannot exhaust memory.
      HttpIncomingMessage.withMaxBodySize(Option.some(MAX_BODY_BYTES)),
      // A real server keeps real time, even when started inside a test that uses TestClock:
      // injected latency really waits and created_on is the wall-clock time.
      Effect.withClock(Clock.make())
    )
    let nodeServer: Http.Server | undefined
    const server = yield* NodeHttpServer.make(
      () => {
        nodeServer = Http.createServer()
        return nodeServer
      },
      { port: resolved.port, host: resolved.host }
    )
    // Runs before the server's own close: do not wait for idle keep-alive or slow requests.
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer?.closeAllConnections()))
    yield* server.serve(app)
    const port = server.address._tag === "TcpAddress" ? server.address.port : resolved.port
    const origin = `http://${resolved.host}:${port}`
    return {
      url: `${origin}${API_PREFIX}`,
      origin,
      port,
      token: resolved.token,
      apiKey: resolved.apiKey,
      email: resolved.email,
      userServiceKey: resolved.userServiceKey,
      state,
      faults
    }
  })

/**
 * @since 0.1.0
 */
export class Emulator extends Context.Tag("@cf-accounts/emulator/Emulator")<Emulator, EmulatorService>() {
  /** Starts an emulator for the lifetime of the layer (port 0: a free port). */
  static readonly layer = (options?: EmulatorOptions.EmulatorOptions): Layer.Layer<Emulator, Error> =>
    Layer.scoped(Emulator, make(options))
}

/**
 * Same as `Emulator.layer`.
 *
 * @since 0.1.0
 */
export const layer = Emulator.layer
