/**
 * Test harness: the BUILT worker (`dist/index.js`, from `wrangler deploy --dry-run`) in
 * Miniflare's workerd with local D1 (migrations applied here) and Queues, pointed at an
 * emulator on 127.0.0.1 started in this Node process.
 *
 * A test calls the worker in one of two ways:
 *
 * - `worker.api((client) => client.accounts.list({ urlParams: { limit: 5 } }))`: the typed
 *   client `HttpApiClient` builds from the API's definition (`WorkerApi.ts`), over Miniflare's
 *   `dispatchFetch`, with the admin token unless `{ auth }` says otherwise. It resolves with
 *   the answer decoded by the definition's schema for its status, and rejects on anything
 *   else (another status, a body that breaks its schema), so the schemas are checked by every
 *   test. Pass `withResponse: true` to the endpoint to get `[value, response]` when a test
 *   checks the status or headers. `worker.apiError(Errors.NotFound, (client) => ...)` is the
 *   same call expected to fail: it resolves with the failure decoded as that class (the class
 *   the definition gives the answer's status) and rejects otherwise.
 * - `worker.call(path, init)`: a raw `fetch` for what the typed client cannot send: malformed
 *   input, odd paths, other methods, other credentials, and checks of the raw answer. Its
 *   paths come from `pathTo` (the definition's), or from `PREFIX` when the odd path is the point.
 */
import type * as Errors from "../../src/api/Errors.js"
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Account } from "@cf-accounts/core/Account"
import type { startEmulator } from "@cf-accounts/emulator/start"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpApiClient from "@effect/platform/HttpApiClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import { Miniflare } from "miniflare"
import type * as Responses from "../../src/api/Responses.js"
import type { JobRequest } from "../../src/jobs/JobRequest.js"
import { WorkerApi } from "../../src/api/WorkerApi.js"

export { PREFIX, pathTo } from "../../src/api/WorkerApi.js"

/** The origin the tests call the worker at (Miniflare answers any). */
export const ORIGIN = "http://worker.test"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..")
export const ADMIN_TOKEN = "test-admin-token-4f1c2b"
/** The date pinned in wrangler.jsonc, so the tests run what `wrangler deploy` ships. */
export const COMPATIBILITY_DATE = (() => {
  const match = /"compatibility_date":\s*"(\d{4}-\d{2}-\d{2})"/.exec(readFileSync(join(root, "wrangler.jsonc"), "utf8"))
  if (match?.[1] === undefined) throw new Error("wrangler.jsonc has no compatibility_date")
  return match[1]
})()

export type Emulator = Awaited<ReturnType<typeof startEmulator>>
/** What the worker is pointed at: the emulator, or a server answering real shapes (`RealApi.ts`). */
export type Upstream = Pick<Emulator, "url" | "token">

/** Every migration's statements, in order (comments stripped, split on `;`). */
export const migrationStatements = (): ReadonlyArray<string> =>
  readdirSync(join(root, "migrations"))
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .flatMap((name) =>
      readFileSync(join(root, "migrations", name), "utf8")
        .split("\n")
        .map((line) => line.replace(/--.*$/, ""))
        .join("\n")
        .split(";")
        .map((sql) => sql.trim())
        .filter((sql) => sql !== "")
    )

export interface WorkerOptions<U extends Upstream = Emulator> {
  readonly emulator: U
  readonly vars?: Record<string, string>
  /** Let Miniflare run the queue consumers (default true). */
  readonly consumers?: boolean
  readonly adminToken?: string
  /**
   * Puts a wrapper around the real jobs queue that asks this function before each
   * `sendBatch`: `true` makes that call fail (as a queue outage would) without sending.
   */
  readonly failJobSend?: () => boolean
  /** Puts the same wrapper around the jobs queue, and tells this function of each `sendBatch` first. */
  readonly onJobSend?: (messages: ReadonlyArray<SentMessage>) => void
  /** Also listen on 127.0.0.1 (a free port), for a browser; `url` is then set. */
  readonly http?: boolean
  /**
   * Meters the worker's bindings (benches, budget tests): `DB` becomes a wrapper over the real
   * D1 database that reports every call (statements, the most bound parameters of one of them,
   * the longest SQL), and both queues become recording queues that report every `sendBatch`
   * and deliver nothing: the caller is the consumer (`entries().queue(...)`). Not with
   * `failJobSend`, `onJobSend` or `consumers`.
   */
  readonly meter?: (event: MeterEvent) => void
}

/** One call to a metered binding (see `WorkerOptions.meter`). */
export type MeterEvent =
  | {
      readonly kind: "d1"
      /** Statements in the call: 1, or a `batch`'s length. */
      readonly statements: number
      readonly maxParams: number
      readonly maxSqlBytes: number
    }
  | { readonly kind: "send"; readonly queue: "jobs" | "sync"; readonly messages: ReadonlyArray<SentMessage> }

/**
 * The metering wrappers: D1 over `INNER`, each call reported to `METER` while it runs (in
 * parallel, so it adds little to the call's time); a queue that only reports its batches.
 */
const D1_METER = `
const report = (env, event) => env.METER.fetch("http://meter/", { method: "POST", body: JSON.stringify({ kind: "d1", ...event }) })
const size = (statements) => ({
  statements: statements.length,
  maxParams: Math.max(0, ...statements.map((s) => s.params)),
  maxSqlBytes: Math.max(0, ...statements.map((s) => new TextEncoder().encode(s.sql).length))
})
const wrap = (env, inner, sql, params) => ({
  inner,
  sql,
  params,
  bind: (...values) => wrap(env, inner.bind(...values), sql, values.length),
  async first(column) { const [r] = await Promise.all([inner.first(column), report(env, size([{ sql, params }]))]); return r },
  async all() { const [r] = await Promise.all([inner.all(), report(env, size([{ sql, params }]))]); return r },
  async run() { const [r] = await Promise.all([inner.run(), report(env, size([{ sql, params }]))]); return r },
  async raw(options) { const [r] = await Promise.all([inner.raw(options), report(env, size([{ sql, params }]))]); return r }
})
export default function (env) {
  return {
    prepare: (sql) => wrap(env, env.INNER.prepare(sql), sql, 0),
    async batch(statements) {
      const [r] = await Promise.all([env.INNER.batch(statements.map((s) => s.inner)), report(env, size(statements))])
      return r
    },
    exec: (sql) => env.INNER.exec(sql)
  }
}
`
const RECORDING_QUEUE = `
export default function (env) {
  return {
    async send(body, options) {
      return this.sendBatch([{ body, ...(options ?? {}) }])
    },
    async sendBatch(messages, options) {
      const sent = messages.map((m) => ({ body: m.body, delaySeconds: m.delaySeconds ?? options?.delaySeconds ?? 0 }))
      await env.METER.fetch("http://meter/", { method: "POST", body: JSON.stringify({ kind: "send", queue: env.NAME, messages: sent }) })
    }
  }
}
`

/** One message of a `sendBatch` to the jobs queue, as the worker asked for it. */
export interface SentMessage {
  readonly body: unknown
  readonly delaySeconds: number
}

/** The wrapper of `failJobSend`: the real queue (`QUEUE`) behind a gate answered in Node (`GATE`), told of each batch. */
const FLAKY_QUEUE = `
export default function (env) {
  return {
    async send(body, options) {
      return this.sendBatch([{ body, ...(options ?? {}) }])
    },
    async sendBatch(messages, options) {
      const sent = messages.map((m) => ({ body: m.body, delaySeconds: m.delaySeconds ?? options?.delaySeconds ?? 0 }))
      const verdict = await (await env.GATE.fetch("http://gate/", { method: "POST", body: JSON.stringify(sent) })).text()
      if (verdict === "fail") throw new Error("injected queue failure")
      return env.QUEUE.sendBatch(messages, options)
    }
  }
}
`

/** The typed client of the worker's API, as `HttpApiClient` builds it from `WorkerApi`. */
export type WorkerClient = Effect.Effect.Success<ReturnType<typeof clientOver>>

/** `@effect/platform`'s fetch client, which calls the `FetchHttpClient.Fetch` it is given. */
const fetchClient = Effect.runSync(Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer))

const clientOver = (httpClient: HttpClient.HttpClient) => HttpApiClient.makeWith(WorkerApi, { httpClient, baseUrl: ORIGIN })

/** How a typed call authenticates: the admin token unless `auth` is another token, or `null` for none. */
export interface CallOptions {
  readonly auth?: string | null
}

/** A failure of a typed call, as a test's failure message shows it (status and body when there is one). */
const describeFailure = (failure: unknown): Effect.Effect<string> =>
  failure instanceof HttpClientError.ResponseError
    ? failure.response.text.pipe(
        Effect.orElseSucceed(() => ""),
        Effect.map((text) => `${failure.message}: ${text}`)
      )
    : Effect.succeed(
        failure instanceof Error ? failure.message : `${failure?.constructor?.name ?? "failure"} ${JSON.stringify(failure)}`
      )

/**
 * The worker's `queue` and `scheduled` entries as Miniflare runs them. `mf.getWorker()`'s own
 * type names `@cloudflare/workers-types/experimental`, which miniflare does not depend on, so it
 * does not resolve from there: these are the shapes of Miniflare's answers the tests read.
 */
export interface WorkerEntries {
  readonly queue: (
    queueName: string,
    messages: ReadonlyArray<{ readonly id: string; readonly timestamp: Date; readonly body: unknown; readonly attempts: number }>
  ) => Promise<{
    readonly outcome: string
    readonly ackAll: boolean
    readonly retryBatch: { readonly retry: boolean; readonly delaySeconds?: number }
    readonly explicitAcks: Array<string>
    readonly retryMessages: Array<{ readonly msgId: string; readonly delaySeconds?: number }>
  }>
  readonly scheduled: (options?: { readonly cron?: string; readonly scheduledTime?: Date }) => Promise<{ readonly outcome: string }>
}

export interface TestWorker<U extends Upstream = Emulator> {
  readonly mf: Miniflare
  /** The worker's queue and scheduled entries, to drive them directly. */
  readonly entries: () => Promise<WorkerEntries>
  /** The worker's origin on 127.0.0.1 when started with `http: true`. */
  readonly url: string | undefined
  readonly emulator: U
  /** The typed call: resolves with the decoded answer, rejects on any failure (see the module's comment). */
  readonly api: <A, E>(call: (client: WorkerClient) => Effect.Effect<A, E>, options?: CallOptions) => Promise<A>
  /** The typed call expected to fail with `expected`: resolves with that failure, rejects on an answer or another failure. */
  readonly apiError: <A, E, X extends E>(
    expected: abstract new (...args: never) => X,
    call: (client: WorkerClient) => Effect.Effect<A, E>,
    options?: CallOptions
  ) => Promise<X>
  /** The raw call: the admin token unless `auth` is given (`null` for none), the body JSON-parsed as `T`. */
  readonly call: <T = Errors.ErrorBody>(
    path: string,
    init?: RequestInit & { auth?: string | null }
  ) => Promise<{ status: number; body: T; text: string }>
  readonly sql: <A = Record<string, unknown>>(query: string, ...params: ReadonlyArray<unknown>) => Promise<Array<A>>
  readonly dispose: () => Promise<void>
}

export const startWorker = async <U extends Upstream = Emulator>(options: WorkerOptions<U>): Promise<TestWorker<U>> => {
  const consumers = options.consumers ?? true
  const { failJobSend, onJobSend } = options
  const gate =
    failJobSend === undefined && onJobSend === undefined
      ? undefined
      : async (request: Request) => {
          onJobSend?.((await request.json()) as Array<SentMessage>)
          return new Response(failJobSend?.() === true ? "fail" : "pass")
        }
  const main = {
    name: "worker",
    rootPath: root,
    scriptPath: join(root, "dist", "index.js"),
    modules: true,
    compatibilityDate: COMPATIBILITY_DATE,
    // The dashboard's files as wrangler.jsonc ships them: the worker first, files through ASSETS.
    assets: {
      directory: join(root, "dashboard", "dist"),
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true }
    },
    d1Databases: { DB: "cf-accounts-test" },
    ...(gate === undefined
      ? { queueProducers: { JOBS_QUEUE: "cf-accounts-jobs", SYNC_QUEUE: "cf-accounts-sync" } }
      : { queueProducers: { SYNC_QUEUE: "cf-accounts-sync" }, wrappedBindings: { JOBS_QUEUE: "flaky-jobs-queue" } }),
    ...(consumers
      ? {
          queueConsumers: {
            "cf-accounts-jobs": { maxBatchSize: 25, maxBatchTimeout: 0.05, maxRetries: 10, deadLetterQueue: "cf-accounts-dlq" },
            "cf-accounts-sync": { maxBatchSize: 1, maxBatchTimeout: 0.05, maxRetries: 5, deadLetterQueue: "cf-accounts-dlq" },
            "cf-accounts-dlq": { maxBatchSize: 25, maxBatchTimeout: 0.05 }
          }
        }
      : {}),
    bindings: {
      CLOUDFLARE_BASE_URL: options.emulator.url,
      CLOUDFLARE_API_TOKEN: options.emulator.token,
      ADMIN_TOKEN: options.adminToken ?? ADMIN_TOKEN,
      CLIENT_RETRY_BASE_MS: "5",
      RETRY_BASE_DELAY_SECONDS: "0",
      // The shared request budget has its own test; elsewhere it must not get in the way.
      BUDGET_REQUESTS: "0",
      ...options.vars
    }
  }
  // Listening on 127.0.0.1 is a shared option: next to `workers`, not inside one.
  const listen = options.http === true ? { host: "127.0.0.1", port: 0 } : {}
  const meter = options.meter
  if (meter !== undefined && (gate !== undefined || consumers)) {
    throw new Error("startWorker: meter needs consumers: false, and neither failJobSend nor onJobSend")
  }
  const meterService = async (request: Request) => {
    meter?.((await request.json()) as MeterEvent)
    return new Response("ok")
  }
  const { d1Databases: _d1, queueProducers: _queues, ...unbound } = main
  const mf = new Miniflare(
    meter !== undefined
      ? {
          ...listen,
          workers: [
            {
              ...unbound,
              wrappedBindings: {
                DB: "d1-meter",
                JOBS_QUEUE: { scriptName: "recording-queue", bindings: { NAME: "jobs" } },
                SYNC_QUEUE: { scriptName: "recording-queue", bindings: { NAME: "sync" } }
              }
            },
            {
              name: "d1-meter",
              modules: true,
              script: D1_METER,
              d1Databases: { INNER: "cf-accounts-test" },
              serviceBindings: { METER: meterService }
            },
            { name: "recording-queue", modules: true, script: RECORDING_QUEUE, serviceBindings: { METER: meterService } }
          ]
        }
      : gate === undefined
      ? { ...main, ...listen }
      : {
          ...listen,
          workers: [
            main,
            {
              name: "flaky-jobs-queue",
              modules: true,
              script: FLAKY_QUEUE,
              queueProducers: { QUEUE: "cf-accounts-jobs" },
              serviceBindings: { GATE: gate }
            }
          ]
        }
  )
  const url = options.http === true ? (await mf.ready).origin : undefined
  const db = options.meter === undefined ? await mf.getD1Database("DB") : await mf.getD1Database("INNER", "d1-meter")
  await db.batch(migrationStatements().map((sql) => db.prepare(sql)))
  const tokenOf = (auth: string | null | undefined) => (auth === undefined ? (options.adminToken ?? ADMIN_TOKEN) : auth)
  // The typed client's transport: Miniflare's fetch, whose Request and Response types differ from
  // Node's (the shapes used here are the same), its answer read whole into a Node Response.
  const dispatch: typeof globalThis.fetch = async (input, init) => {
    const response = await mf.dispatchFetch(String(input), {
      method: init?.method,
      headers: Object.fromEntries(new Headers(init?.headers)),
      body: init?.body
    } as never)
    const body = await response.arrayBuffer()
    const nullBody = [101, 204, 205, 304].includes(response.status)
    return new Response(nullBody ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers)
    })
  }
  const clients = new Map<string | null, WorkerClient>()
  const clientFor = (auth: string | null | undefined): WorkerClient => {
    const token = tokenOf(auth)
    let client = clients.get(token)
    if (client === undefined) {
      const http = HttpClient.transformResponse(fetchClient, Effect.provideService(FetchHttpClient.Fetch, dispatch))
      client = Effect.runSync(clientOver(token === null ? http : HttpClient.mapRequest(http, HttpClientRequest.bearerToken(token))))
      clients.set(token, client)
    }
    return client
  }
  const fail = (prefix: string, failure: unknown) =>
    Effect.flatMap(describeFailure(failure), (message) => Effect.die(new Error(`${prefix}${message}`)))
  const api: TestWorker["api"] = (f, callOptions) =>
    Effect.runPromise(Effect.catchAll(Effect.suspend(() => f(clientFor(callOptions?.auth))), (failure) => fail("", failure)))
  const apiError: TestWorker["apiError"] = (expected, f, callOptions) =>
    Effect.runPromise(
      Effect.suspend(() => f(clientFor(callOptions?.auth))).pipe(
        Effect.matchEffect({
          onSuccess: (value) => Effect.die(new Error(`expected ${expected.name}, got the answer ${JSON.stringify(value)}`)),
          onFailure: (failure) =>
            failure instanceof expected ? Effect.succeed(failure) : fail(`expected ${expected.name}, got `, failure)
        })
      )
    )
  const call = async <T = Errors.ErrorBody>(
    path: string,
    init: RequestInit & { auth?: string | null } = {}
  ): Promise<{ status: number; body: T; text: string }> => {
    const { auth, ...rest } = init
    const headers = new Headers(rest.headers as Record<string, string> | undefined)
    const token = tokenOf(auth)
    if (token !== null) headers.set("authorization", `Bearer ${token}`)
    // Miniflare's fetch types differ from Node's; the shapes used here are the same.
    const response = await mf.dispatchFetch(`${ORIGIN}${path}`, { ...rest, headers } as never)
    const text = await response.text()
    // The worker answers JSON; each test names the shape it expects.
    return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as T, text }
  }
  const sql: TestWorker["sql"] = async (query, ...params) => {
    const result = await db.prepare(query).bind(...params).all()
    return result.results as Array<never>
  }
  // The same object Miniflare answers, typed as the tests read it (see `WorkerEntries`).
  const entries = async () => (await mf.getWorker()) as unknown as WorkerEntries
  return { mf, url, emulator: options.emulator, entries, api, apiError, call, sql, dispose: () => mf.dispose() }
}

/** Calls the emulator's Cloudflare API as an admin would. */
export const cloudflare = async <T>(emulator: Emulator, method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const json = (await response.json()) as { success: boolean; result: T }
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json.result
}

/** Every account the emulator holds, through its API. */
export const emulatorAccounts = async (emulator: Emulator): Promise<Array<Account>> => {
  const all: Array<Account> = []
  for (let page = 1; ; page++) {
    const result = await cloudflare<Array<Account>>(emulator, "GET", `/accounts?page=${page}&per_page=50`)
    all.push(...result)
    if (result.length < 50) return all
  }
}

export const admin = async <T>(emulator: Emulator, method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${emulator.origin}/__emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  if (!response.ok) throw new Error(`${method} /__emulator${path}: ${response.status}`)
  return (await response.json()) as T
}

/** Requests and injected faults on one emulator route. */
export const routeStats = async (emulator: Emulator, route: string): Promise<{ requests: number; faults: number }> => {
  const stats = await admin<{ routes: Record<string, { requests: number; faults: number }> }>(emulator, "GET", "/stats")
  return stats.routes[route] ?? { requests: 0, faults: 0 }
}

/** Polls `check` until it returns a value, every 25 ms, failing after `timeoutMs`. */
export const eventually = async <A>(what: string, check: () => Promise<A | undefined>, timeoutMs = 45_000): Promise<A> => {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The `cursor` URL parameter of the page after one whose `next_cursor` is `next` (none for the first page). */
export const after = (next: string | null): { readonly cursor?: string } => (next === null ? {} : { cursor: next })

/** Runs a sync inline (200, completed) and answers it. */
export const inlineSync = async (worker: TestWorker<Upstream>): Promise<Responses.Sync> => {
  const [body, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
  if (response.status !== 200) throw new Error(`a sync: expected 200 (inline), got ${response.status} ${JSON.stringify(body)}`)
  return body.sync
}

/**
 * The typed client's request for a job of `payload`, with `Idempotency-Key: key` when given.
 * (The client takes one request type per payload schema, which a `JobRequest`, their union, is not.)
 */
export const jobRequest = (payload: JobRequest, key?: string) =>
  ({ payload: payload as never, headers: key === undefined ? {} : { "idempotency-key": key } }) as const

/** Asks for a job: the answer and its status (202 a new job, 200 a replay of the key's job). */
export const requestJob = async (worker: TestWorker<Upstream>, payload: JobRequest, key?: string) => {
  const [body, response] = await worker.api((client) => client.jobs.create({ ...jobRequest(payload, key), withResponse: true }))
  return { status: response.status, body }
}

/** Creates a job (202, a new one) and answers it. */
export const createJob = async (worker: TestWorker<Upstream>, payload: JobRequest): Promise<Responses.JobAccepted["job"]> => {
  const { status, body } = await requestJob(worker, payload)
  if (status !== 202) throw new Error(`a job: expected 202 (created), got ${status} ${JSON.stringify(body)}`)
  return body.job
}

/** Starts a sync that fans out (202) and waits until it has completed or failed. */
export const fanOutSync = async (worker: TestWorker): Promise<Responses.Sync> => {
  const [body, response] = await worker.api((client) => client.syncs.start({ withResponse: true }))
  if (response.status !== 202) throw new Error(`a sync: expected 202 (fanned out), got ${response.status} ${JSON.stringify(body)}`)
  return eventually("the fanned-out sync", async () => {
    const { sync } = await worker.api((client) => client.syncs.get({ path: { sync_id: body.sync.id } }))
    return sync.status === "completed" || sync.status === "failed" ? sync : undefined
  })
}
