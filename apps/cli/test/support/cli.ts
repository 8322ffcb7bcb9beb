/**
 * Runs the command line IN PROCESS (the command tree, `Cli.main`) with test
 * layers for the standard streams, the terminal and the environment, or the
 * BUILT bundle (dist/cf-accounts.js) as a subprocess for the smoke tests; and
 * talks to the emulator's admin routes.
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Terminal from "@effect/platform/Terminal"
import * as Chunk from "effect/Chunk"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import * as Cli from "../../src/Cli.js"
import * as ExitCode from "../../src/ExitCode.js"
import { type MemoryOptions, memory } from "./stdio.js"

export const bundle = fileURLToPath(new URL("../../dist/cf-accounts.js", import.meta.url))

export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A terminal that is not interactive: nothing to read, 80 columns. */
const terminal = (display: (text: string) => void) =>
  Layer.succeed(
    Terminal.Terminal,
    Terminal.Terminal.of({
      columns: Effect.succeed(80),
      rows: Effect.succeed(24),
      isTTY: Effect.succeed(false),
      readInput: Effect.flatMap(Mailbox.make<Terminal.UserInput>(), (mailbox) => Effect.as(mailbox.end, mailbox)),
      readLine: Effect.fail(new Terminal.QuitException()),
      display: (text) => Effect.sync(() => display(text))
    })
  )

/**
 * One turn of the event loop: after the timers already due (the Effect scheduler
 * yields through one when a fiber has run long) and the I/O callbacks. A yield to
 * let the command run, not a wait for time to pass.
 */
const nextTurn = Effect.promise(() => new Promise<void>((resolve) => setTimeout(() => setImmediate(resolve), 0)))

/**
 * `cf-accounts ...args` in process, with exactly `env` as its configuration
 * (nothing leaks in from the environment the tests run in) and stdin that is not
 * a terminal; stdout and stderr are captured (terminals or not, as `terminals` says).
 *
 * Under `it.effect` the command runs on the TestClock: whenever it waits with no
 * HTTP request in flight (a backoff, a Retry-After) the clock is moved to the end
 * of the wait, so retries take no real time. Requests go to real sockets (the
 * emulator on 127.0.0.1); while one is in flight the clock stands still, so no
 * timeout fires early.
 *
 * The emulator keeps real time, which does not pass while the command waits on
 * the TestClock. `serverBehind` (millis) moves the `date` header of every answer
 * back by that much, standing in for server time a wait would have let pass: a
 * create waits a second after its lookup by name so that the server's clock is
 * past the second of that lookup's `Date` when it creates the account.
 */
export const runCli = (
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
  terminals: MemoryOptions = {},
  { serverBehind = 0 }: { readonly serverBehind?: number } = {}
) =>
  Effect.gen(function* () {
    const { out, err, streams } = memory(terminals)
    let inFlight = 0
    const countingFetch: typeof globalThis.fetch = async (input, init) => {
      inFlight++
      try {
        const response = await globalThis.fetch(input, init)
        if (response.status < 200) return response
        // Read the body here, so "in flight" lasts until the answer is complete.
        const body = await response.arrayBuffer()
        const empty = [204, 205, 304].includes(response.status)
        const headers = new Headers(response.headers)
        const date = Date.parse(headers.get("date") ?? "")
        if (serverBehind !== 0 && !Number.isNaN(date)) headers.set("date", new Date(date - serverBehind).toUTCString())
        return new Response(empty ? null : body, { status: response.status, statusText: response.statusText, headers })
      } finally {
        inFlight--
      }
    }
    const program = Cli.main(
      ["node", "cf-accounts", ...args],
      Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, terminal((text) => out.push(text))),
      streams
    ).pipe(
      Effect.provideService(FetchHttpClient.Fetch, countingFetch),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ NO_COLOR: "1", ...env })))),
      Effect.exit
    )
    const fiber = yield* Effect.fork(program)
    // Move the clock only when the command has waited a whole turn of the event loop
    // with nothing in flight and the same waits pending: then it is waiting on time.
    let previous: ReadonlyArray<number> | undefined
    for (;;) {
      const done = yield* Fiber.poll(fiber)
      if (Option.isSome(done)) break
      const sleeps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
      const stable = inFlight === 0 && previous !== undefined && sleeps.every((end) => previous?.includes(end))
      const next = Math.min(...sleeps)
      if (stable && sleeps.length > 0) {
        yield* TestClock.setTime(next)
        previous = undefined
      } else {
        previous = inFlight === 0 ? sleeps : undefined
        yield* nextTurn
      }
    }
    const exit = yield* Fiber.join(fiber)
    return { code: ExitCode.forExit(exit), stdout: out.join(""), stderr: err.join("") } satisfies Result
  })

/**
 * Runs the BUILT bundle, `cf-accounts ...args`, as a subprocess with exactly `env`
 * (plus PATH): nothing leaks in from the environment the tests run in. stdin is
 * empty and not a terminal. For the smoke tests of the bundle.
 */
export const runBundle = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Effect.Effect<Result> =>
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

/**
 * `cf-accounts create --name NAME -o json` against `emulator` while its answer to the
 * POST is lost (an HTML page in place of the JSON; the account is made): the create
 * finds its account by name. The emulator keeps real time, so its `date` headers are
 * moved a second back to stand in for the create's one-second wait, which passes on
 * the TestClock.
 */
export const createWithLostAnswer = (emulator: { readonly url: string; readonly token: string; readonly origin: string }, name: string) =>
  withFaults(
    emulator.origin,
    [{ route: "POST /accounts", kind: "bad_body", body: "html", times: 1 }],
    runCli(["create", "--name", name, "-o", "json"], envFor(emulator), {}, { serverBehind: 1000 })
  )
