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

/**
 * @since 0.1.0
 */
export const make = (state: EmulatorState, faults: FaultInjector): HttpRouter.HttpRouter<never, never> =>
  HttpRouter.empty.pipe(
    HttpRouter.get(`${ADMIN_PREFIX}/stats`, Effect.sync(() => json(faults.stats()))),
    HttpRouter.post(
      `${ADMIN_PREFIX}/reset-stats`,
      Effect.sync(() => {
        faults.resetStats()
        return json({ ok: true })
      })
    ),
    HttpRouter.get(`${ADMIN_PREFIX}/faults`, Effect.sync(() => json(faults.config))),
    HttpRouter.put(
      `${ADMIN_PREFIX}/faults`,
      Effect.gen(function* () {
        const request = yield* HttpServerRequest.HttpServerRequest
        const text = yield* request.text.pipe(Effect.orElseSucceed(() => ""))
        const config = parseFaultConfig(text)
        if (Either.isLeft(config)) return json({ error: config.left }, 400)
        faults.setConfig(config.right)
        return json(config.right)
      })
    ),
    HttpRouter.get(
      `${ADMIN_PREFIX}/organizations`,
      Effect.sync(() =>
        json({
          organizations: state.organizations.map((org) => ({
            id: org.id,
            name: org.name,
            parent_id: org.parentId ?? null
          }))
        })
      )
    ),
    HttpRouter.post(
      `${ADMIN_PREFIX}/reset`,
      Effect.sync(() => {
        state.reset()
        faults.resetStats()
        return json({ ok: true, accounts: state.size })
      })
    ),
    HttpRouter.get(`${ADMIN_PREFIX}/health`, Effect.sync(() => json({ ok: true, accounts: state.size })))
  )
