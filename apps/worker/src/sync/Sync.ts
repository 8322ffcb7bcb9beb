/**
 * Inventory sync. Every account is streamed through the client into staging rows keyed
 * by the sync id; only a sync that saw every page is applied to the snapshot (one D1
 * transaction: upsert, mark deletions, refresh findings). An account is marked deleted
 * only when the API answers 404 for it, never merely for missing from the listing, and
 * inaccessible when it answers 403 (the token lost access to it). A failed sync is
 * recorded with its error and leaves the previous snapshot as it was.
 *
 * When the first page reports more accounts than `SYNC_FANOUT_THRESHOLD`, the remaining
 * pages are split into ranges sent to the sync queue; each range is one invocation, and
 * whichever finishes the last range applies the sync. Each range is read with the client's
 * `pageRange`, which checks every page against page 1's `total_count` as `pages` does, and
 * the sync is applied only when the distinct accounts staged are exactly that count: a
 * tenant that changes during a fanned-out sync fails it (the next one tries again).
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
import type { Account } from "@cf-accounts/core/Account"
import type { PermissionDeniedError } from "@cf-accounts/core/CloudflareError"
import * as Arr from "effect/Array"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as Accounts from "../db/Accounts.js"
import { Database, type DatabaseError, statement } from "../db/Database.js"
import * as RateBudget from "../db/RateBudget.js"
import * as Syncs from "../db/Syncs.js"
import * as Failure from "../Failure.js"
import * as Findings from "../findings/Findings.js"
import { IdGenerator, now } from "../Ids.js"
import { ack, type Outcome, retry } from "../Outcome.js"
import { SyncQueue } from "../Queues.js"
import { Settings } from "../Settings.js"
import type { SyncMessage } from "./SyncMessage.js"

/** Another sync is still running. */
export class SyncInProgressError extends Data.TaggedError("SyncInProgressError")<{ readonly syncId: string }> {
  override get message(): string {
    return `sync ${this.syncId} is still running`
  }
}

/**
 * A fanned-out sync whose ranges, each consistent on its own, together staged another
 * number of distinct accounts than page 1's `total_count`: accounts moved between ranges
 * while they were read.
 */
export class SyncIncompleteError extends Data.TaggedError("SyncIncompleteError")<{
  readonly staged: number
  readonly total: number
}> {
  override get message(): string {
    return `the page ranges listed ${this.staged} distinct accounts, not the ${this.total} the first page reported: accounts changed during the sync; the next sync tries again`
  }
}

/** Page ranges `[from..to]` of at most `size` pages each. */
export const pageRanges = (
  from: number,
  to: number,
  size: number
): ReadonlyArray<{ readonly firstPage: number; readonly lastPage: number }> => {
  const ranges: Array<{ firstPage: number; lastPage: number }> = []
  for (let first = from; first <= to; first += size) ranges.push({ firstPage: first, lastPage: Math.min(to, first + size - 1) })
  return ranges
}

const reload = (syncId: string) =>
  Effect.flatMap(Syncs.get(syncId), (row) =>
    Option.match(row, {
      onNone: () => Effect.dieMessage(`sync ${syncId} vanished`),
      onSome: Effect.succeed
    })
  )

/** Requests made without asking the shared budget first are charged afterwards, best effort. */
const chargeBudget = (requests: number) =>
  RateBudget.charge(requests).pipe(
    Effect.catchAll((error) => Effect.logWarning(`could not charge the request budget: ${error.message}`))
  )

const sentence = (parts: ReadonlyArray<string | null>): string | null => {
  const present = parts.filter((part) => part !== null)
  return present.length === 0 ? null : `${present.join("; ")}.`
}

/** Accounts per staging statement when kept accounts are staged (one JSON parameter each). */
const STAGE_CHUNK = 100

/** What `GET /accounts/{account_id}` said about a deletion candidate. */
type CandidateCheck =
  | { readonly _tag: "Gone" }
  | { readonly _tag: "Inaccessible" }
  | { readonly _tag: "Exists"; readonly account: Account }

/**
 * Cloudflare also answers 403 when the credentials themselves are not valid
 * ({@link ErrorPredicates.isCredentialFailure}). That is a broken token, not one account
 * out of its reach, so it fails the sync like a 401 does.
 */
const inaccessibleOrFail = (error: PermissionDeniedError) =>
  ErrorPredicates.isCredentialFailure(error)
    ? Effect.fail(error)
    : Effect.succeed<CandidateCheck>({ _tag: "Inaccessible" })

const idsWhere = (checks: ReadonlyArray<readonly [string, CandidateCheck]>, tag: CandidateCheck["_tag"]) =>
  Arr.filterMap(checks, ([id, check]) => (check._tag === tag ? Option.some(id) : Option.none()))

/**
 * Which accounts of the previous snapshot a sync may mark deleted. Listings are checked by
 * the client (inline: `pages`; fanned out: `pageRange` per range, then the staged count against
 * page 1's), and an inconsistent one fails the sync, but a listing without total_count can end
 * early on an empty page, and an account deleted and another created between two pages leave
 * the count as it was while shifting the pages: an account missing from the listing may well
 * still exist.
 * Each live account the sync did not stage is fetched (`CONCURRENCY` at a time): a 404
 * confirms the deletion; a 403 (the token lost access to it) marks it inaccessible, not
 * deleted, and it is not checked again until a listing shows it; an account that exists is
 * staged from the answer (kept and refreshed); any other error fails the sync, a 401 too:
 * the listing just worked with the same token, so a 401 now means the token broke (was
 * revoked or expired) mid-sync, and marking every remaining candidate would hide them all.
 * Above `SYNC_MAX_DELETE_CHECKS` candidates none is fetched and none is marked deleted; the
 * upserts still apply.
 */
const checkDeletions = Effect.fn("Sync.checkDeletions")(function* (syncId: string, totalCount: number | null) {
  const settings = yield* Settings
  const client = yield* AccountsClient
  const listed = yield* Accounts.stagedCount(syncId)
  const shortfall =
    totalCount !== null && listed < totalCount ? `listed ${listed} of the ${totalCount} accounts the API reported` : null
  const candidates = yield* Accounts.deletionCandidates(syncId, settings.maxDeleteChecks + 1)
  if (candidates.total > settings.maxDeleteChecks) {
    const check: Syncs.DeletionCheck = {
      candidates: candidates.total,
      inaccessible: 0,
      skipped: true,
      warning: sentence([
        shortfall,
        `${candidates.total} accounts of the previous snapshot were not listed, more than SYNC_MAX_DELETE_CHECKS (${settings.maxDeleteChecks}): none was marked deleted`
      ])
    }
    const unlisted: Accounts.Unlisted = { deleted: [], inaccessible: [] }
    return { unlisted, check }
  }
  const found = yield* Effect.forEach(
    candidates.ids,
    (id) =>
      client.get(id).pipe(
        Effect.map((account): CandidateCheck => ({ _tag: "Exists", account })),
        Effect.catchTags({
          NotFoundError: () => Effect.succeed<CandidateCheck>({ _tag: "Gone" }),
          PermissionDeniedError: inaccessibleOrFail
        })
      ),
    { concurrency: settings.concurrency }
  )
  yield* chargeBudget(candidates.ids.length)
  const existing = Arr.filterMap(found, (check) => (check._tag === "Exists" ? Option.some(check.account) : Option.none()))
  for (const chunk of Arr.chunksOf(existing, STAGE_CHUNK)) yield* Accounts.stage(syncId, chunk)
  const checks = Arr.zip(candidates.ids, found)
  const unlisted: Accounts.Unlisted = { deleted: idsWhere(checks, "Gone"), inaccessible: idsWhere(checks, "Inaccessible") }
  const inaccessible = unlisted.inaccessible.length
  const check: Syncs.DeletionCheck = {
    candidates: candidates.total,
    inaccessible,
    skipped: false,
    warning: sentence([
      shortfall,
      existing.length === 0 ? null : `${existing.length} accounts missing from the listing still exist and were kept`,
      inaccessible === 0
        ? null
        : `${inaccessible} accounts missing from the listing answered 403 and were marked inaccessible to the worker's token`
    ])
  }
  return { unlisted, check }
})

/**
 * Applies a sync whose pages are all staged: deletions confirmed first, then snapshot,
 * deletions, findings, in one transaction.
 */
const finalize = Effect.fn("Sync.finalize")(function* (syncId: string) {
  const settings = yield* Settings
  const db = yield* Database
  const sync = yield* reload(syncId)
  if (sync.mode === "fanout" && sync.total_count !== null) {
    // Before the deletion check, which stages the accounts it finds.
    const staged = yield* Accounts.stagedCount(syncId)
    if (staged !== sync.total_count) return yield* new SyncIncompleteError({ staged, total: sync.total_count })
  }
  const { check, unlisted } = yield* checkDeletions(syncId, sync.total_count)
  const time = yield* now
  yield* db.batch("applying a sync", [
    ...Accounts.applyStaged(syncId, time, unlisted),
    ...Findings.refresh(settings, time),
    Syncs.completed(syncId, time, check),
    Accounts.clearStaging(syncId),
    statement("DELETE FROM sync_chunks WHERE sync_id = ?1", syncId)
  ])
  if (check.warning !== null) yield* Effect.logWarning(`sync ${syncId}: ${check.warning}`)
})

const recordFailure = (syncId: string, error: unknown) =>
  Effect.gen(function* () {
    const record = Failure.toRecord(error)
    yield* Effect.logWarning(`sync ${syncId} failed: ${record.message}`)
    yield* Syncs.failed(syncId, JSON.stringify(record), yield* now)
  })

/**
 * Runs a sync now. Small tenants are synced within this invocation; large ones are
 * fanned out and the result says `running`. A failure is recorded, and returned as a
 * `failed` row, not as an error.
 */
export const start = Effect.fn("Sync.start")(function* (trigger: "scheduled" | "api") {
  const settings = yield* Settings
  const client = yield* AccountsClient
  const queue = yield* SyncQueue
  const startedAt = yield* now
  const staleBefore = new Date(Date.parse(startedAt) - settings.syncStaleMinutes * 60_000).toISOString()
  yield* Syncs.abandonStale(staleBefore, startedAt)
  const active = yield* Syncs.findActive(staleBefore)
  if (Option.isSome(active)) return yield* new SyncInProgressError({ syncId: active.value.id })
  const syncId = yield* Effect.flatMap(IdGenerator, (ids) => ids.next("sync"))
  if (!(yield* Syncs.create({ id: syncId, trigger, now: startedAt }))) {
    const winner = yield* Syncs.findActive(staleBefore)
    return yield* new SyncInProgressError({ syncId: Option.match(winner, { onNone: () => "unknown", onSome: (s) => s.id }) })
  }
  yield* Effect.annotateCurrentSpan("sync.id", syncId)

  const pages = yield* Ref.make(0)
  const collect = Effect.gen(function* () {
    // The first page's total_count when it calls for fanning out. A listing without
    // total_count (optional in the spec) is read here, whole, by the client's checks.
    const fanOut = yield* Ref.make(Option.none<number>())
    const isFirst = yield* Ref.make(true)
    yield* client.pages({ per_page: settings.syncPageSize, direction: "asc" }).pipe(
      Stream.runForEachWhile((page) =>
        Effect.gen(function* () {
          yield* Ref.update(pages, (n) => n + 1)
          yield* Accounts.stage(syncId, page.result)
          const first = yield* Ref.getAndSet(isFirst, false)
          const total = page.result_info?.total_count
          if (first && total !== undefined) yield* Syncs.recordTotal(syncId, total)
          if (first && total !== undefined && total > settings.fanoutThreshold) {
            yield* Ref.set(fanOut, Option.some(total))
            return false
          }
          return true
        })
      )
    )
    const info = yield* Ref.get(fanOut)
    if (Option.isNone(info)) return yield* finalize(syncId)
    const totalPages = Math.ceil(info.value / settings.syncPageSize)
    const ranges = pageRanges(2, totalPages, settings.pagesPerMessage)
    yield* Syncs.fanOut(syncId, info.value, ranges)
    if (ranges.length === 0) {
      if (yield* Syncs.claimFinalize(syncId)) yield* finalize(syncId)
      return
    }
    const messages = ranges.map(
      (range, chunk): SyncMessage => ({ type: "sync-chunk", syncId, chunk, perPage: settings.syncPageSize, ...range })
    )
    yield* queue.send(messages)
    yield* Effect.logInfo(`sync ${syncId}: ${info.value} accounts, fanned out as ${ranges.length} messages`)
  })

  yield* collect.pipe(Effect.catchAll((error) => recordFailure(syncId, error)))
  // The pages read here were not taken from the shared budget first: charge them now.
  yield* Effect.flatMap(Ref.get(pages), chargeBudget)
  return yield* reload(syncId)
})

/**
 * Handles one page range of a fanned-out sync. Redelivery is harmless: a finished range
 * is not fetched again, and staging writes are keyed by (sync, account). A range that is
 * not consistent with page 1 (`IncompleteListingError`) fails the sync at once: it is not
 * transient, so it is not retried.
 */
export const runChunk = Effect.fn("Sync.runChunk")(function* (message: SyncMessage, attempts: number) {
  const settings = yield* Settings
  const client = yield* AccountsClient
  const sync = yield* Syncs.get(message.syncId)
  if (Option.isNone(sync) || sync.value.status !== "running") return ack
  const chunk = yield* Syncs.getChunk(message.syncId, message.chunk)
  if (Option.isNone(chunk)) return ack

  const total = sync.value.total_count
  if (total === null) return yield* Effect.dieMessage(`fanned-out sync ${message.syncId} has no total_count`)

  const work = Effect.gen(function* () {
    if (chunk.value.status !== "done") {
      // Every page checked against page 1's total_count; an inconsistent one fails the sync below.
      const staged = yield* client
        .pageRange({
          per_page: message.perPage,
          direction: "asc",
          from: message.firstPage,
          to: message.lastPage,
          total
        })
        .pipe(
          Stream.runFoldEffect(0, (n, page) => Effect.as(Accounts.stage(message.syncId, page.result), n + page.result.length))
        )
      yield* Syncs.chunkDone(message.syncId, message.chunk, staged)
    }
    if (yield* Syncs.claimFinalize(message.syncId)) {
      // Only this invocation may finish the sync now, so a failure here is final, not retried.
      yield* finalize(message.syncId).pipe(Effect.catchAll((error) => recordFailure(message.syncId, error)))
    }
  })

  return yield* work.pipe(
    Effect.as<Outcome>(ack),
    Effect.catchAll((error: unknown) =>
      Failure.isTransient(error) && attempts < settings.jobMaxAttempts
        ? Effect.succeed(retry(Failure.retryDelaySeconds(error, attempts, settings.retryBaseDelaySeconds)))
        : Effect.as(recordFailure(message.syncId, error), ack)
    )
  )
})

/** A sync chunk that exhausted the queue's retries: the sync fails. */
export const deadLettered = (message: SyncMessage): Effect.Effect<void, DatabaseError, Database> =>
  Effect.gen(function* () {
    const record = { tag: "DeadLettered", message: `page range ${message.firstPage}-${message.lastPage} was dead-lettered` }
    yield* Syncs.failed(message.syncId, JSON.stringify(record), yield* now)
  })
