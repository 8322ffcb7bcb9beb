/**
 * Runs the BUILT, bundled command line (dist/cf-accounts.js) as a subprocess, and
 * talks to the emulator's admin routes.
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"

export const bundle = fileURLToPath(new URL("../../dist/cf-accounts.js", import.meta.url))

export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `cf-accounts ...args` with exactly `env` (plus PATH): nothing leaks in from
 * the environment the tests run in. stdin is empty and not a terminal.
 */
export const runCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Effect.Effect<Result> =>
  Effect.async<Result>((resume) => {
    const child = execFile(
      process.execPath,
      [bundle, ...args],
      { env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env }, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resume(Effect.succeed({ code, stdout, stderr }))
      }
    )
    child.stdin?.end()
  })

/** The environment that points the CLI at an emulator with its token. */
export const envFor = (emulator: { readonly url: string; readonly token: string }): Record<string, string> => ({
  CLOUDFLARE_BASE_URL: emulator.url,
  CLOUDFLARE_API_TOKEN: emulator.token
})

const admin = (origin: string, path: string, init?: RequestInit) =>
  Effect.promise(async () => {
    const response = await fetch(`${origin}/__emulator/${path}`, init)
    if (!response.ok) throw new Error(`admin ${path} answered ${response.status}`)
    return response.status === 204 ? undefined : ((await response.json()) as unknown)
  })

/** Total requests the emulator saw on API routes, from `GET /__emulator/stats`. */
export const requestCount = (origin: string): Effect.Effect<number> =>
  Effect.map(admin(origin, "stats"), (stats) =>
    Object.values((stats as { routes: Record<string, { requests: number }> }).routes).reduce(
      (total, route) => total + route.requests,
      0
    )
  )

/** Requests per route, e.g. `{ "GET /accounts": 3 }`. */
export const requestsByRoute = (origin: string): Effect.Effect<Record<string, number>> =>
  Effect.map(admin(origin, "stats"), (stats) =>
    Object.fromEntries(
      Object.entries((stats as { routes: Record<string, { requests: number }> }).routes).map(([route, s]) => [
        route,
        s.requests
      ])
    )
  )

export const resetStats = (origin: string): Effect.Effect<void> =>
  Effect.asVoid(admin(origin, "reset-stats", { method: "POST" }))

export const setFaults = (origin: string, config: unknown): Effect.Effect<void> =>
  Effect.asVoid(
    admin(origin, "faults", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(config) })
  )

/** Runs `effect` with the emulator's stats reset and `rules` as its faults, cleared afterwards. */
export const withFaults = <A, E, R>(origin: string, rules: ReadonlyArray<unknown>, effect: Effect.Effect<A, E, R>) =>
  Effect.acquireUseRelease(
    Effect.zipRight(resetStats(origin), setFaults(origin, { rules })),
    () => effect,
    () => setFaults(origin, { rules: [] })
  )

export const organizations = (origin: string): Effect.Effect<ReadonlyArray<{ id: string; name: string; parent_id: string | null }>> =>
  Effect.map(admin(origin, "organizations"), (body) => (body as { organizations: Array<{ id: string; name: string; parent_id: string | null }> }).organizations)

/** Parses stdout as one JSON document. */
export const json = (result: Result): unknown => JSON.parse(result.stdout)

/** Parses stdout as JSON lines. */
export const lines = (result: Result): Array<unknown> =>
  result.stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown)
