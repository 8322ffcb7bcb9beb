/**
 * Admin routes under `/__emulator/` (no credentials needed): request and fault
 * counts, the fault configuration, the organization hierarchy.
 *
 * - `GET  /__emulator/stats` -> `{ routes: { "<METHOD> <template>": { requests, faults, faultsByKind } } }`
 * - `POST /__emulator/reset-stats` -> `{ ok: true }`
 * - `GET  /__emulator/faults` -> the current FaultConfig
 * - `PUT  /__emulator/faults` (body: FaultConfig, replaces; restarts the fault generator) -> the new config
 * - `GET  /__emulator/organizations` -> `{ organizations: [{ id, name, parent_id }] }`, root first
 * - `POST /__emulator/reset` -> back to the seeded data, counts cleared (faults kept) -> `{ ok: true, accounts }`
 * - `GET  /__emulator/health` -> `{ ok: true, accounts }`
 *
 * They take no credentials, so they refuse what a web page open in a browser on
 * the same machine could send: a request whose `Origin` is not a loopback
 * origin (`http://127.0.0.1:*`, `http://localhost:*`, `http://[::1]:*`) gets
 * 403 `{ error }`, and a PUT or POST that has a body must declare
 * `Content-Type: application/json` (else 415 `{ error }`), which a browser
 * cannot send cross-origin without a preflight the emulator never allows.
 * Tools (curl, fetch from Node) send no `Origin` and are unaffected.
 *
 * @since 0.1.0
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { parseFaultConfig } from "./FaultConfig.js"
import type { FaultInjector } from "./Faults.js"
import type { EmulatorState } from "./State.js"

/** @since 0.1.0 */
export const ADMIN_PREFIX = "/__emulator"

const json = (body: unknown, status = 200) =>
  HttpServerResponse.text(JSON.stringify(body), { status, contentType: "application/json" })

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"])

/**
 * Whether `origin` (an `Origin` header value) is `http://` on a loopback host,
 * any port. `null` (sandboxed frames, `file:` pages) and anything unparsable
 * are not.
 *
 * @since 0.1.0
 */
export const isLoopbackOrigin = (origin: string): boolean => {
  if (!URL.canParse(origin)) return false
  const url = new URL(origin)
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)
}

const hasBody = (headers: Readonly<Record<string, string | undefined>>): boolean => {
  const length = headers["content-length"]
  return headers["transfer-encoding"] !== undefined || (length !== undefined && length.trim() !== "0")
}

const isJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && contentType.split(";")[0]!.trim().toLowerCase() === "application/json"

/** The reason to refuse an admin request, if any (see the module comment). */
const refusal = (request: HttpServerRequest.HttpServerRequest): HttpServerResponse.HttpServerResponse | undefined => {
  const origin = request.headers["origin"]
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    return json({ error: `admin routes refuse requests from origin ${JSON.stringify(origin)}: only loopback origins` }, 403)
  }
  if ((request.method === "PUT" || request.method === "POST") && hasBody(request.headers) && !isJson(request.headers["content-type"])) {
    return json({ error: "admin request bodies must be sent with Content-Type: application/json" }, 415)
  }
  return undefined
}

/** `handler`, after {@link refusal} let the request through. */
const guarded = <E, R>(
  handler: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
): Effect.Effect<HttpServerResponse.HttpServerResponse, E, R | HttpServerRequest.HttpServerRequest> =>
  Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => refusal(request) ?? handler)

/**
 * @since 0.1.0
 */
export const make = (state: EmulatorState, faults: FaultInjector): HttpRouter.HttpRouter<never, never> =>
  HttpRouter.empty.pipe(
    HttpRouter.get(`${ADMIN_PREFIX}/stats`, guarded(Effect.sync(() => json(faults.stats())))),
    HttpRouter.post(
      `${ADMIN_PREFIX}/reset-stats`,
      guarded(
        Effect.sync(() => {
          faults.resetStats()
          return json({ ok: true })
        })
      )
    ),
    HttpRouter.get(`${ADMIN_PREFIX}/faults`, guarded(Effect.sync(() => json(faults.config)))),
    HttpRouter.put(
      `${ADMIN_PREFIX}/faults`,
      guarded(
        Effect.gen(function* () {
          const request = yield* HttpServerRequest.HttpServerRequest
          const text = yield* request.text.pipe(Effect.orElseSucceed(() => ""))
          const config = parseFaultConfig(text)
          if (Either.isLeft(config)) return json({ error: config.left }, 400)
          faults.setConfig(config.right)
          return json(config.right)
        })
      )
    ),
    HttpRouter.get(
      `${ADMIN_PREFIX}/organizations`,
      guarded(
        Effect.sync(() =>
          json({
            organizations: state.organizations.map((org) => ({
              id: org.id,
              name: org.name,
              parent_id: org.parentId ?? null
            }))
          })
        )
      )
    ),
    HttpRouter.post(
      `${ADMIN_PREFIX}/reset`,
      guarded(
        Effect.sync(() => {
          state.reset()
          faults.resetStats()
          return json({ ok: true, accounts: state.size })
        })
      )
    ),
    HttpRouter.get(`${ADMIN_PREFIX}/health`, guarded(Effect.sync(() => json({ ok: true, accounts: state.size }))))
  )
