/**
 * The HTTP API: its route table, over the Web `Request` and `Response` (`Resource.ts` matches
 * paths). `GET /v1/health` is open; every other route needs the admin token or Cloudflare
 * Access (`Authentication.ts`), checked before any route is matched; the dashboard's own read
 * handlers are in `DashboardRoutes.ts`. Every answer is JSON (its schema in `Responses.ts`);
 * bad input is a 400 naming the field, checked before anything is written or enqueued.
 */
import { AccountId } from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import type * as Redacted from "effect/Redacted"
import * as Accounts from "../db/Accounts.js"
import * as FindingsTable from "../findings/Findings.js"
import * as JsonColumn from "../db/JsonColumn.js"
import * as Syncs from "../db/Syncs.js"
import * as CloudflareClient from "../platform/CloudflareApi.js"
import { JobId, SyncId } from "../platform/IdGenerator.js"
import * as JobRequest from "../jobs/JobRequest.js"
import * as IdempotencyKey from "../jobs/IdempotencyKey.js"
import * as Jobs from "../jobs/Jobs.js"
import * as RequestHash from "../jobs/RequestHash.js"
import * as Sync from "../sync/Sync.js"
import * as AccountListing from "./AccountListing.js"
import * as Authentication from "./Authentication.js"
import * as Body from "./Body.js"
import * as CurrentRequest from "./CurrentRequest.js"
import * as Cursor from "./Cursor.js"
import * as DashboardRoutes from "./DashboardRoutes.js"
import { error, json } from "./Json.js"
import * as Query from "./Query.js"
import { find, handlerFor, type Resource, resource } from "./Resource.js"
import * as Responses from "./Responses.js"

const DEFAULT_LIMIT = 100
const MAX_BODY_BYTES = 1_000_000

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

// The JSON columns hold what the sync wrote from a decoded account, so they have the schema's shape.
const accountView = (row: Accounts.AccountRow): Responses.Account => ({
  ...(JsonColumn.parse(row.account) as Record<string, unknown> | null),
  id: row.id,
  name: row.name,
  type: row.type,
  settings: JsonColumn.parse(row.settings) as Responses.Account["settings"],
  managed_by: JsonColumn.parse(row.managed_by) as Responses.Account["managed_by"],
  created_on: row.created_on,
  first_seen: row.first_seen,
  last_seen: row.last_seen,
  deleted_at: row.deleted_at,
  inaccessible_since: row.inaccessible_since,
  compliant: row.compliant === 1
})

// `mode` and `error` are written only by the sync (`'inline'`/`'fanout'`, `Failure.toRecord`).
const syncView = (row: Syncs.SyncRow): Responses.Sync => ({
  ...row,
  mode: row.mode as Responses.Sync["mode"],
  deletions_skipped: row.deletions_skipped === 1,
  error: JsonColumn.parse(row.error) as Responses.Sync["error"]
})

const notFound = (what: string) => error(404, "not_found", `${what} not found`)

const listAccounts = Effect.gen(function* () {
  const result = yield* AccountListing.page(yield* CurrentRequest.url, DEFAULT_LIMIT)
  return json(Responses.AccountsPage, { items: result.items.map(accountView), next_cursor: result.next_cursor })
})

const getAccount = Effect.gen(function* () {
  const id = yield* Input.decode(AccountId, "account_id")(yield* CurrentRequest.param("account_id"))
  const row = yield* Accounts.get(id)
  if (Option.isNone(row)) return notFound("account")
  const findings = yield* FindingsTable.list({ status: "all", accountId: id, limit: 100 })
  return json(Responses.AccountDetail, {
    ...accountView(row.value),
    findings: findings.map(({ account_name: _, ...finding }) => finding)
  })
})

const listFindings = Effect.gen(function* () {
  const query = yield* Input.decode(Query.FindingsQuery)(Query.fromUrl(yield* CurrentRequest.url))
  const limit = query.limit ?? DEFAULT_LIMIT
  const after = Option.map(Option.fromNullable(query.cursor), (cursor) => {
    const [accountId = "", rule = ""] = cursor.split(" ")
    return { accountId, rule }
  })
  const rows = yield* FindingsTable.list({
    status: query.status ?? "open",
    rule: query.rule,
    accountId: query.account_id,
    after: Option.getOrUndefined(after),
    limit
  })
  return json(Responses.FindingsPage, page(rows, limit, (row) => `${row.account_id} ${row.rule}`))
})

const runSync = Effect.gen(function* () {
  const sync = yield* Sync.start("api").pipe(Effect.provide(CloudflareClient.layer))
  const status = sync.status === "completed" ? 200 : sync.status === "failed" ? 502 : 202
  return json(Responses.SyncBody, { sync: syncView(sync) }, status)
})

const listSyncs = Effect.gen(function* () {
  const query = yield* Input.decode(Query.SyncsQuery)(Query.fromUrl(yield* CurrentRequest.url))
  const rows = yield* Syncs.recent(query.limit ?? 20)
  return json(Responses.SyncsList, { items: rows.map(syncView) })
})

const getSync = Effect.gen(function* () {
  const id = yield* Input.decode(SyncId, "sync_id")(yield* CurrentRequest.param("sync_id"))
  const row = yield* Syncs.get(id)
  return Option.match(row, {
    onNone: () => notFound("sync"),
    onSome: (sync) => json(Responses.SyncBody, { sync: syncView(sync) })
  })
})

/** The `Idempotency-Key` header, checked, if the request has one. */
const idempotencyKey = Effect.flatMap(CurrentRequest.header(IdempotencyKey.HEADER), (value) => {
  return value === null
    ? Effect.succeed(Option.none<string>())
    : Effect.map(Input.decode(IdempotencyKey.IdempotencyKey, IdempotencyKey.HEADER)(value), Option.some)
})

const createJob = Effect.gen(function* () {
  const key = yield* idempotencyKey
  const body = yield* Body.readJsonObject(MAX_BODY_BYTES)
  const jobRequest = yield* parseJobRequest(body)
  const idempotency = Option.isSome(key)
    ? Option.some({ key: key.value, requestHash: yield* RequestHash.hash(body) })
    : Option.none()
  const created = yield* Jobs.create(jobRequest, idempotency)
  return json(
    Responses.JobCreated,
    { job: created.job, ...(created.warning === undefined ? {} : { warning: created.warning }) },
    created.replayed ? 200 : 202,
    { location: `/v1/jobs/${created.job.id}` }
  )
})

const resumeJob = Effect.gen(function* () {
  const id = yield* Input.decode(JobId, "job_id")(yield* CurrentRequest.param("job_id"))
  const job = yield* Jobs.resume(id)
  return Option.match(job, { onNone: () => notFound("job"), onSome: (status) => json(Responses.JobBody, { job: status }) })
})

const getJob = Effect.gen(function* () {
  const id = yield* Input.decode(JobId, "job_id")(yield* CurrentRequest.param("job_id"))
  const job = yield* Jobs.status(id)
  return Option.match(job, { onNone: () => notFound("job"), onSome: (status) => json(Responses.JobBody, { job: status }) })
})

/** The routes open to anyone. */
const open = [resource("/v1/health", { GET: Effect.sync(() => json(Responses.Health, { status: "ok" })) })]

/** Every other route: only for an authenticated caller. */
const authenticated = [
  resource("/v1/accounts", { GET: listAccounts }),
  resource("/v1/accounts/:account_id", { GET: getAccount }),
  resource("/v1/accounts/:account_id/jobs", { GET: DashboardRoutes.accountJobs }),
  resource("/v1/findings", { GET: listFindings }),
  resource("/v1/sync", { POST: runSync }),
  resource("/v1/syncs", { GET: listSyncs }),
  resource("/v1/syncs/:sync_id", { GET: getSync }),
  resource("/v1/jobs", { POST: createJob }),
  resource("/v1/jobs/:job_id", { GET: getJob }),
  resource("/v1/jobs/:job_id/resume", { POST: resumeJob }),
  resource("/v1/dashboard/session", { GET: DashboardRoutes.session }),
  resource("/v1/dashboard/overview", { GET: DashboardRoutes.overview }),
  resource("/v1/dashboard/jobs", { GET: DashboardRoutes.recentJobs }),
  resource("/v1/dashboard/fix-preview/:rule", { GET: DashboardRoutes.fixPreview })
]

/** The handler `table` has for the request, with the request and its path parameters provided. */
const route = <T extends Resource<unknown, unknown>>(table: ReadonlyArray<T>, request: Request, url: URL) => {
  const found = find(table, url.pathname)
  const handler = found === undefined ? undefined : handlerFor(found.resource, request.method)
  return found === undefined || handler === undefined
    ? undefined
    : Effect.provideService(handler, CurrentRequest.CurrentRequest, { request, url, params: found.params })
}

const authorized = (request: Request, url: URL, adminToken: Redacted.Redacted<string> | undefined) =>
  Effect.gen(function* () {
    const session = yield* Authentication.authenticate(request, adminToken)
    const handler = route(authenticated, request, url) ?? Effect.sync(() => error(404, "not_found", "no such route"))
    return yield* Effect.provideService(handler, Authentication.Session, session)
  }).pipe(
    Effect.catchTags({
      UnauthenticatedError: (e) =>
        Effect.succeed(error(401, "unauthorized", e.message, {}, { "www-authenticate": "Bearer" })),
      ForbiddenOriginError: (e) => Effect.succeed(error(403, "forbidden_origin", e.message)),
      AccessUnavailableError: (e) =>
        Effect.succeed(
          error(503, "access_unavailable", e.message, {}, { "retry-after": String(e.retryAfterSeconds) })
        )
    })
  )

/** Handles one request; never fails: every error becomes a JSON response without secrets. */
export const handle = (request: Request, adminToken: Redacted.Redacted<string> | undefined) =>
  Effect.suspend(() => {
    const url = new URL(request.url)
    return route(open, request, url) ?? authorized(request, url, adminToken)
  }).pipe(
    Effect.catchTags({
      InvalidInputError: (e) => Effect.succeed(error(400, "invalid_input", e.message, { field: e.field })),
      BodyTooLargeError: (e) => Effect.succeed(error(413, "body_too_large", e.message, { field: "body" })),
      IdempotencyKeyReusedError: (e) =>
        Effect.succeed(error(422, "idempotency_key_reused", e.message, { field: IdempotencyKey.HEADER })),
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
