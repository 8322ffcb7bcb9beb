/**
 * The HTTP API. `GET /v1/health` is open; every other route needs
 * `Authorization: Bearer <ADMIN_TOKEN>`. Every answer is JSON; bad input is a 400 naming
 * the field, checked before anything is written or enqueued.
 */
import { type ConfigurationError, InvalidInputError } from "@cf-accounts/core/CloudflareError"
import { AccountId } from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type * as Redacted from "effect/Redacted"
import * as Accounts from "../db/Accounts.js"
import type { Database, DatabaseError } from "../db/Database.js"
import * as FindingsDb from "../db/Findings.js"
import * as Syncs from "../db/Syncs.js"
import * as CloudflareClient from "../CloudflareClient.js"
import { type IdGenerator, JobId, SyncId } from "../Ids.js"
import * as JobRequest from "../jobs/JobRequest.js"
import * as Jobs from "../jobs/Jobs.js"
import type { JobsQueue, QueueSendError, SyncQueue } from "../Queues.js"
import type { Settings } from "../Settings.js"
import * as Sync from "../sync/Sync.js"
import * as Auth from "./Auth.js"
import * as Cursor from "./Cursor.js"
import { error, json } from "./Json.js"
import * as Query from "./Query.js"

const DEFAULT_LIMIT = 100
const MAX_BODY_BYTES = 1_000_000

const parseJson = (text: string) =>
  Effect.try({
    try: () => JSON.parse(text) as unknown,
    catch: () => new InvalidInputError({ field: "body", rule: "must be a JSON object", value: undefined })
  })

const readBody = (request: Request) =>
  Effect.gen(function* () {
    const text = yield* Effect.promise(() => request.text())
    if (text.length > MAX_BODY_BYTES) {
      return yield* new InvalidInputError({ field: "body", rule: `must be at most ${MAX_BODY_BYTES} bytes`, value: undefined })
    }
    const body = yield* parseJson(text)
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      return yield* new InvalidInputError({ field: "body", rule: "must be a JSON object", value: undefined })
    }
    return body
  })

const parseJobRequest = (body: unknown) =>
  Effect.gen(function* () {
    const { kind } = yield* Input.decode(JobRequest.Kind)(body)
    if (kind === "move") return yield* Input.decode(JobRequest.Move)(body)
    const list = Predicate.hasProperty(body, "account_ids") && Array.isArray(body.account_ids)
    return list
      ? yield* Input.decode(JobRequest.EnforceTwofactorList)(body)
      : yield* Input.decode(JobRequest.EnforceTwofactorAll)(body)
  })

const page = <A>(rows: ReadonlyArray<A>, limit: number, key: (row: A) => string) => {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, next_cursor: rows.length > limit && last !== undefined ? Cursor.encode(key(last)) : null }
}

const parseJsonColumn = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown))

const accountView = (row: Accounts.AccountRow) => ({
  id: row.id,
  name: row.name,
  type: row.type,
  settings: parseJsonColumn(row.settings),
  managed_by: parseJsonColumn(row.managed_by),
  created_on: row.created_on,
  first_seen: row.first_seen,
  last_seen: row.last_seen,
  deleted_at: row.deleted_at,
  inaccessible_since: row.inaccessible_since,
  compliant: row.compliant === 1
})

const syncView = (row: Syncs.SyncRow) => ({
  ...row,
  deletions_skipped: row.deletions_skipped === 1,
  error: parseJsonColumn(row.error)
})

const notFound = (what: string) => error(404, "not_found", `${what} not found`)

const listAccounts = (url: URL) =>
  Effect.gen(function* () {
    const query = yield* Input.decode(Query.AccountsQuery)(Query.fromUrl(url))
    const limit = query.limit ?? DEFAULT_LIMIT
    const rows = yield* Accounts.list({
      name: query.name,
      compliant: query.compliant,
      includeDeleted: query.include_deleted ?? false,
      includeInaccessible: query.include_inaccessible ?? false,
      after: query.cursor,
      limit
    })
    const result = page(rows, limit, (row) => row.id)
    return json({ items: result.items.map(accountView), next_cursor: result.next_cursor })
  })

const getAccount = (rawId: string) =>
  Effect.gen(function* () {
    const id = yield* Input.decode(AccountId, "account_id")(rawId)
    const row = yield* Accounts.get(id)
    if (Option.isNone(row)) return notFound("account")
    const findings = yield* FindingsDb.list({ status: "all", accountId: id, limit: 100 })
    return json({
      ...accountView(row.value),
      findings: findings.map(({ account_name: _, ...finding }) => finding)
    })
  })

const listFindings = (url: URL) =>
  Effect.gen(function* () {
    const query = yield* Input.decode(Query.FindingsQuery)(Query.fromUrl(url))
    const limit = query.limit ?? DEFAULT_LIMIT
    const after = Option.map(Option.fromNullable(query.cursor), (cursor) => {
      const [accountId = "", rule = ""] = cursor.split(" ")
      return { accountId, rule }
    })
    const rows = yield* FindingsDb.list({
      status: query.status ?? "open",
      rule: query.rule,
      accountId: query.account_id,
      after: Option.getOrUndefined(after),
      limit
    })
    return json(page(rows, limit, (row) => `${row.account_id} ${row.rule}`))
  })

const runSync = Effect.gen(function* () {
  const sync = yield* Sync.start("api").pipe(Effect.provide(CloudflareClient.layer))
  const status = sync.status === "completed" ? 200 : sync.status === "failed" ? 502 : 202
  return json({ sync: syncView(sync) }, status)
})

const listSyncs = (url: URL) =>
  Effect.gen(function* () {
    const query = yield* Input.decode(Query.SyncsQuery)(Query.fromUrl(url))
    const rows = yield* Syncs.recent(query.limit ?? 20)
    return json({ items: rows.map(syncView) })
  })

const getSync = (rawId: string) =>
  Effect.gen(function* () {
    const id = yield* Input.decode(SyncId, "sync_id")(rawId)
    const row = yield* Syncs.get(id)
    return Option.match(row, { onNone: () => notFound("sync"), onSome: (sync) => json({ sync: syncView(sync) }) })
  })

const createJob = (request: Request) =>
  Effect.gen(function* () {
    const body = yield* readBody(request)
    const jobRequest = yield* parseJobRequest(body)
    const created = yield* Jobs.create(jobRequest)
    return json({ job: created }, 202, { location: `/v1/jobs/${created.id}` })
  })

const getJob = (rawId: string) =>
  Effect.gen(function* () {
    const id = yield* Input.decode(JobId, "job_id")(rawId)
    const job = yield* Jobs.status(id)
    return Option.match(job, { onNone: () => notFound("job"), onSome: (status) => json({ job: status }) })
  })

type Route = readonly [method: string, pattern: ReadonlyArray<string>, handler: (ctx: RouteContext) => Handler]
interface RouteContext {
  readonly request: Request
  readonly url: URL
  readonly params: ReadonlyArray<string>
}
type Handler = Effect.Effect<
  Response,
  InvalidInputError | ConfigurationError | DatabaseError | QueueSendError | Sync.SyncInProgressError,
  Database | IdGenerator | JobsQueue | Settings | SyncQueue
>

const routes = (): ReadonlyArray<Route> => [
  ["GET", ["v1", "accounts"], ({ url }) => listAccounts(url)],
  ["GET", ["v1", "accounts", ":"], ({ params }) => getAccount(params[0] ?? "")],
  ["GET", ["v1", "findings"], ({ url }) => listFindings(url)],
  ["POST", ["v1", "sync"], () => runSync],
  ["GET", ["v1", "syncs"], ({ url }) => listSyncs(url)],
  ["GET", ["v1", "syncs", ":"], ({ params }) => getSync(params[0] ?? "")],
  ["POST", ["v1", "jobs"], ({ request }) => createJob(request)],
  ["GET", ["v1", "jobs", ":"], ({ params }) => getJob(params[0] ?? "")]
]

const match = (pattern: ReadonlyArray<string>, segments: ReadonlyArray<string>): Option.Option<Array<string>> => {
  if (pattern.length !== segments.length) return Option.none()
  const params: Array<string> = []
  for (let i = 0; i < pattern.length; i++) {
    const segment = segments[i] ?? ""
    if (pattern[i] === ":") params.push(segment)
    else if (pattern[i] !== segment) return Option.none()
  }
  return Option.some(params)
}

// A malformed escape (`%zz`) is kept as written; the route or id check then rejects it.
const decodeSegment = (segment: string): string =>
  Either.getOrElse(Either.try(() => decodeURIComponent(segment)), () => segment)

function dispatchAuthorized(request: Request, url: URL, segments: ReadonlyArray<string>): Handler {
  return Effect.suspend((): Handler => {
    const matching = routes().flatMap(([method, pattern, handler]) =>
      Option.match(match(pattern, segments), { onNone: () => [], onSome: (params) => [{ method, handler, params }] })
    )
    if (matching.length === 0) return Effect.succeed(error(404, "not_found", "no such route"))
    const route = matching.find((r) => r.method === request.method)
    if (route === undefined) {
      const allow = matching.map((r) => r.method).join(", ")
      return Effect.succeed(error(405, "method_not_allowed", `use ${allow}`, {}, { allow }))
    }
    return route.handler({ request, url, params: route.params })
  })
}

/** Handles one request; never fails: every error becomes a JSON response without secrets. */
export const handle = (request: Request, adminToken: Redacted.Redacted<string> | undefined) =>
  Effect.gen(function* () {
    const url = new URL(request.url)
    const segments = url.pathname.split("/").filter((s) => s !== "").map(decodeSegment)
    if (segments[0] === "v1" && segments[1] === "health" && segments.length === 2) {
      return request.method === "GET"
        ? json({ status: "ok" })
        : error(405, "method_not_allowed", "use GET", {}, { allow: "GET" })
    }
    if (!(yield* Auth.isAuthorized(request.headers.get("authorization"), adminToken))) {
      return error(401, "unauthorized", "missing or invalid bearer token", {}, { "www-authenticate": "Bearer" })
    }
    return yield* dispatchAuthorized(request, url, segments)
  }).pipe(
    Effect.catchTags({
      InvalidInputError: (e) => Effect.succeed(error(400, "invalid_input", e.message, { field: e.field })),
      SyncInProgressError: (e) => Effect.succeed(error(409, "sync_in_progress", e.message, { sync_id: e.syncId })),
      ConfigurationError: (e) => Effect.succeed(error(500, "configuration", e.message)),
      QueueSendError: (e) => Effect.succeed(error(503, "queue_unavailable", e.message)),
      DatabaseError: (e) =>
        Effect.as(Effect.logError(e.message), error(500, "database", `database error while ${e.operation}`))
    }),
    Effect.catchAllCause((cause) =>
      Effect.as(Effect.logError("unhandled error", Cause.pretty(cause)), error(500, "internal", "internal error"))
    ),
    Effect.withSpan("Router.handle")
  )
