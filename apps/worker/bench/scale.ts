/**
 * The worker at fleet scale (issue 24), run by `bench/sync.ts` for sizes above 20,000: the
 * built worker in Miniflare's workerd against the emulator, every invocation metered.
 *
 * The bench is the queue consumer: the worker's queues are recording queues and its D1 a
 * metering wrapper (`Harness.ts`, `meter`), and the bench delivers each message itself, one
 * invocation at a time (sync ranges one per batch, job items 10 per batch: wrangler.jsonc's
 * `max_batch_size`), honouring each message's `delaySeconds`. So every figure belongs to one
 * invocation:
 *
 * - API requests: the emulator's request count before and after it (no other caller meanwhile);
 * - D1: statements per call (`batch` length), bound parameters of one statement, SQL length;
 * - queue: messages per `sendBatch`;
 * - wall time: around the call from Node (Miniflare's dispatch included);
 * - CPU: the workerd process's user + system time (`/proc/<pid>/stat`, 10 ms ticks) over the
 *   invocation. Local D1 (SQLite) runs in the same process, so this is an upper bound of the
 *   Worker's own CPU time, which Miniflare does not report.
 */
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { startEmulator } from "@cf-accounts/emulator/start"
import type { AccountId } from "@cf-accounts/core/Ids"
import type * as Effect from "effect/Effect"
import {
  cloudflare,
  emulatorAccounts,
  jobRequest,
  type MeterEvent,
  startWorker,
  type WorkerClient
} from "../test/support/Harness.ts"

/** What one invocation did. */
interface Invocation {
  wallMs: number
  cpuMs: number
  apiRequests: number
  d1Statements: number
  maxBatch: number
  maxParams: number
  maxSqlBytes: number
  maxSendBatch: number
}

/** One scenario: its wall time and the maxima of its invocations. */
export interface ScaleRow {
  readonly scenario: string
  readonly wallMs: number
  readonly invocations: number
  readonly max: Invocation
  readonly note: string
}

interface Pending {
  readonly queue: "jobs" | "sync"
  readonly body: unknown
  readonly readyAt: number
  readonly attempts: number
}

const empty = (): Invocation => ({
  wallMs: 0,
  cpuMs: 0,
  apiRequests: 0,
  d1Statements: 0,
  maxBatch: 0,
  maxParams: 0,
  maxSqlBytes: 0,
  maxSendBatch: 0
})

/** User + system CPU of every workerd process this Node process started, in ms. */
const workerdCpuMs = (): number => {
  let pids: Array<string> = []
  try {
    pids = execFileSync("pgrep", ["-P", String(process.pid)], { encoding: "utf8" }).split("\n").filter(Boolean)
  } catch {
    return 0
  }
  let ticks = 0
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("workerd")) continue
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? []
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // The process ended.
    }
  }
  return ticks * 10
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A worker whose every invocation is metered, with the bench as its queue consumer. */
const metered = async (emulator: Awaited<ReturnType<typeof startEmulator>>, vars: Record<string, string>) => {
  let current = empty()
  const pending: Array<Pending> = []
  const meter = (event: MeterEvent) => {
    if (event.kind === "d1") {
      current.d1Statements += event.statements
      current.maxBatch = Math.max(current.maxBatch, event.statements)
      current.maxParams = Math.max(current.maxParams, event.maxParams)
      current.maxSqlBytes = Math.max(current.maxSqlBytes, event.maxSqlBytes)
    } else {
      current.maxSendBatch = Math.max(current.maxSendBatch, event.messages.length)
      const now = performance.now()
      for (const m of event.messages) {
        pending.push({ queue: event.queue, body: m.body, readyAt: now + m.delaySeconds * 1000, attempts: 1 })
      }
    }
  }
  const worker = await startWorker({ emulator, consumers: false, meter, vars })
  const requestsSoFar = () => Object.values(emulator.stats().routes).reduce((sum, route) => sum + route.requests, 0)

  let scenario: { invocations: Array<Invocation>; started: number } = { invocations: [], started: 0 }
  const begin = () => {
    scenario = { invocations: [], started: performance.now() }
  }
  const invoke = async <A>(call: () => Promise<A>): Promise<A> => {
    current = empty()
    const requests = requestsSoFar()
    const cpu = workerdCpuMs()
    const started = performance.now()
    const result = await call()
    current.wallMs = performance.now() - started
    current.cpuMs = workerdCpuMs() - cpu
    current.apiRequests = requestsSoFar() - requests
    scenario.invocations.push(current)
    return result
  }
  /** Delivers what the worker queued until nothing is left (and `until` holds, if given). */
  const drain = async () => {
    const consumer = await worker.entries()
    let id = 0
    while (pending.length > 0) {
      pending.sort((a, b) => a.readyAt - b.readyAt)
      const first = pending[0] as Pending
      const wait = first.readyAt - performance.now()
      if (wait > 0) await sleep(wait)
      const now = performance.now()
      const size = first.queue === "sync" ? 1 : 10
      const batch: Array<Pending> = []
      for (let i = 0; i < pending.length && batch.length < size; ) {
        const candidate = pending[i] as Pending
        if (candidate.queue === first.queue && candidate.readyAt <= now) {
          batch.push(candidate)
          pending.splice(i, 1)
        } else i++
      }
      const messages = batch.map((m) => ({ id: `b${id++}`, timestamp: new Date(), attempts: m.attempts, body: m.body }))
      const result = await invoke(() => consumer.queue(first.queue === "sync" ? "cf-accounts-sync" : "cf-accounts-jobs", messages))
      for (const retry of result.retryMessages) {
        const index = messages.findIndex((m) => m.id === retry.msgId)
        const message = batch[index]
        if (message !== undefined) {
          pending.push({ ...message, attempts: message.attempts + 1, readyAt: performance.now() + (retry.delaySeconds ?? 0) * 1000 })
        }
      }
      if (result.retryBatch.retry) throw new Error(`a ${first.queue} batch was retried whole: ${JSON.stringify(result)}`)
    }
  }
  const end = (name: string, note = ""): ScaleRow => {
    const max = empty()
    for (const inv of scenario.invocations) {
      for (const key of Object.keys(max) as Array<keyof Invocation>) max[key] = Math.max(max[key], inv[key])
    }
    return { scenario: name, wallMs: performance.now() - scenario.started, invocations: scenario.invocations.length, max, note }
  }
  return { worker, begin, invoke, drain, end }
}

type Metered = Awaited<ReturnType<typeof metered>>

/** Starts a sync, delivers its ranges, and answers the finished sync. */
const sync = async (m: Metered) => {
  const [answer] = await m.invoke(() => m.worker.api((client) => client.syncs.start({ withResponse: true })))
  await m.drain()
  const { sync } = await m.worker.api((client) => client.syncs.get({ path: { sync_id: answer.sync.id } }))
  if (sync.status !== "completed") throw new Error(`sync ${sync.status}: ${JSON.stringify(sync.error)}`)
  return sync
}

/** The dashboard's query shapes, each as the page asks for it, through the API's typed client. */
export const QUERIES: ReadonlyArray<readonly [string, (client: WorkerClient) => Effect.Effect<unknown, unknown>]> = [
  ["overview", (client) => client.dashboard.overview()],
  ["accounts, first page", (client) => client.accounts.list({ urlParams: { limit: 50 } })],
  ["accounts, not compliant", (client) => client.accounts.list({ urlParams: { compliant: false, limit: 50 } })],
  ["accounts, by name desc", (client) => client.accounts.list({ urlParams: { sort: "name", order: "desc", limit: 50 } })],
  ["accounts, name search", (client) => client.accounts.list({ urlParams: { name: "labs 42", limit: 50 } })],
  ["accounts, open finding for a rule", (client) => client.accounts.list({ urlParams: { rule: "enforce_twofactor", limit: 50 } })],
  ["accounts, inaccessible", (client) => client.accounts.list({ urlParams: { inaccessible: true, limit: 50 } })],
  ["findings, open", (client) => client.findings.list({ urlParams: { limit: 50 } })],
  ["findings, open for a rule", (client) => client.findings.list({ urlParams: { rule: "abuse_contact_email", limit: 50 } })],
  ["findings, all statuses", (client) => client.findings.list({ urlParams: { status: "all", limit: 50 } })],
  ["fix preview", (client) => client.dashboard.fixPreview({ path: { rule: "enforce_twofactor" } })]
]

const RUNS = 5

/**
 * The fleet-scale scenarios at `size` accounts: first sync (fan-out), re-sync after 1% deleted
 * and 1% created upstream, a two-factor job over 10,000 accounts, the dashboard's queries; then,
 * on a fresh database, a first sync paced by the real budget (1,200 requests per window, time
 * compressed to `windowSeconds` per window) with a job of 1,000 items waiting beside it.
 */
export const run = async (size: number, windowSeconds: number): Promise<ReadonlyArray<ScaleRow>> => {
  const rows: Array<ScaleRow> = []
  const emulator = await startEmulator({ seedAccounts: size, seed: 7 })
  try {
    // The production settings (wrangler.jsonc), the budget off: these scenarios measure invocations.
    // 1% deleted is 1,000 candidates at 100,000, more than SYNC_MAX_DELETE_CHECKS (500): the
    // re-sync checks them in chunks over the sync queue (a page of 50 candidates per message).
    const m = await metered(emulator, { CLIENT_RETRY_BASE_MS: "5" })
    try {
      m.begin()
      const first = await sync(m)
      rows.push(m.end("first sync (fan-out)", `${first.accounts_seen} accounts`))

      const all = await emulatorAccounts(emulator)
      const doomed = all.filter((_, i) => i % 100 === 50)
      for (const account of doomed) await cloudflare(emulator, "DELETE", `/accounts/${account.id}`)
      for (let i = 0; i < doomed.length; i++) await cloudflare(emulator, "POST", "/accounts", { name: `Fleet new ${i}` })
      m.begin()
      const again = await sync(m)
      rows.push(
        m.end(
          "re-sync, 1% deleted + 1% created",
          `${again.accounts_deleted} deleted, ${again.deletion_candidates} checked${again.warning === null ? "" : `; ${again.warning}`}`
        )
      )

      const targets = (await emulatorAccounts(emulator)).slice(0, 10_000).map((account) => account.id as AccountId)
      m.begin()
      const created = await m.invoke(() =>
        m.worker.api((client) =>
          client.jobs.create({ ...jobRequest({ kind: "enforce-twofactor", account_ids: targets }), withResponse: true })
        )
      )
      const jobId = created[0].job.id
      await m.drain()
      const job = (await m.worker.api((client) => client.jobs.get({ path: { job_id: jobId } }))).job
      rows.push(m.end(`two-factor job, ${targets.length} accounts`, JSON.stringify(job.counts)))

      for (const [name, query] of QUERIES) {
        const times: Array<number> = []
        m.begin()
        for (let i = 0; i < RUNS; i++) {
          const started = performance.now()
          // Rejects on any answer but the endpoint's success.
          await m.invoke(() => m.worker.api(query))
          times.push(performance.now() - started)
        }
        const row = m.end(`dashboard: ${name}`)
        const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0
        rows.push({ ...row, wallMs: median, note: `median of ${RUNS}` })
      }
    } finally {
      await m.worker.dispose()
    }

    // Paced: the real budget (1,200 per window; SYNC_BUDGET_SHARE 75) with windows of
    // `windowSeconds` instead of 300, and a job of 1,000 items (2,000 requests) waiting.
    const paced = await metered(emulator, {
      BUDGET_REQUESTS: "1200",
      BUDGET_WINDOW_SECONDS: String(windowSeconds),
      CLIENT_RETRY_BASE_MS: "5"
    })
    try {
      const ids = (await emulatorAccounts(emulator)).slice(0, 1_000).map((account) => account.id as AccountId)
      paced.begin()
      await paced.invoke(() =>
        paced.worker.api((client) => client.jobs.create(jobRequest({ kind: "enforce-twofactor", account_ids: ids })))
      )
      const done = await sync(paced)
      const row = paced.end("paced first sync + 1,000-item job", "")
      const windows = row.wallMs / 1000 / windowSeconds
      rows.push({
        ...row,
        note: `${done.accounts_seen} accounts; ${windowSeconds} s windows: ${windows.toFixed(1)} windows, ~${Math.ceil(
          (windows * 300) / 60
        )} min at 300 s`
      })
    } finally {
      await paced.worker.dispose()
    }
  } finally {
    await emulator.close()
  }
  return rows
}
