/**
 * Fanned-out syncs. When the first page reports more accounts than `SYNC_FANOUT_THRESHOLD`,
 * the remaining pages are split into ranges sent to the sync queue; each range is one
 * invocation, and whichever finishes the last range applies the sync. Each range is read
 * with the client's `pageRange`, which checks every page against page 1's `total_count` as
 * `pages` does, and the sync is applied only when the distinct accounts staged are exactly
 * that count: a tenant that changes during a fanned-out sync fails it (the next one tries again).
 * Its deletion check is paged over the same queue once every range is in (`DeletionCheck.plan`).
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as RateBudget from "../db/RateBudget.js"
import { Database, type DatabaseError, statement } from "../platform/Database.js"
import * as Syncs from "../db/Syncs.js"
import * as Policy from "../findings/Policy.js"
import * as Failure from "../platform/Failure.js"
import { ack, type Outcome, retry } from "../platform/QueueOutcome.js"
import { SyncQueue } from "../platform/Queues.js"
import { Settings } from "../platform/Settings.js"
import { now } from "../platform/Timestamps.js"
import * as Finalize from "./Finalize.js"
import * as Stage from "./Stage.js"
import type { SyncChunkMessage, SyncMessage } from "../platform/SyncMessage.js"
import * as DeletionCheck from "./DeletionCheck.js"

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

/**
 * Fans a sync out: the pages after the first are split into ranges, recorded, and sent to the
 * sync queue, one message each. With no pages left, the sync is applied here.
 */
export const plan = Effect.fn("FanOut.plan")(function* (syncId: string, total: number) {
  const settings = yield* Settings
  const queue = yield* SyncQueue
  const totalPages = Math.ceil(total / settings.syncPageSize)
  const ranges = pageRanges(2, totalPages, settings.pagesPerMessage)
  yield* Syncs.fanOut(syncId, total, ranges)
  if (ranges.length === 0) {
    if (yield* Syncs.claimFinalize(syncId)) yield* Finalize.finalize(syncId)
    return
  }
  const messages = ranges.map(
    (range, chunk): SyncMessage => ({ type: "sync-chunk", syncId, chunk, perPage: settings.syncPageSize, ...range })
  )
  yield* queue.send(messages)
  yield* Effect.logInfo(`sync ${syncId}: ${total} accounts, fanned out as ${ranges.length} messages`)
})

/**
 * A sync that the budget's window cannot give even page 1: it is fanned out as one message for
 * page 1, sent for the next window (`readFirst`), which fans out the rest of the listing.
 */
export const defer = Effect.fn("FanOut.defer")(function* (syncId: string, delaySeconds: number) {
  const settings = yield* Settings
  const db = yield* Database
  const queue = yield* SyncQueue
  yield* db.batch("deferring a sync", [
    statement("UPDATE syncs SET mode = 'fanout', chunks_total = 1 WHERE id = ?1", syncId),
    statement("INSERT INTO sync_chunks (sync_id, chunk, first_page, last_page, status) VALUES (?1, 0, 1, 1, 'pending')", syncId)
  ])
  yield* queue.send([{ type: "sync-chunk", syncId, chunk: 0, firstPage: 1, lastPage: 1, perPage: settings.syncPageSize }], delaySeconds)
})

/**
 * An inline sync whose listing is staged but whose deletion checks the window cannot cover: it
 * becomes a fanned-out sync with no page range left, and its checks are paged (`DeletionCheck.plan`).
 */
export const deferChecks = Effect.fn("FanOut.deferChecks")(function* (syncId: string, total: number) {
  yield* Syncs.fanOut(syncId, total, [])
  if (yield* Syncs.claimFinalize(syncId)) yield* Finalize.finalize(syncId)
})

/**
 * Page 1 of a deferred sync (`defer`): staged, then the other pages are recorded and sent as
 * ranges numbered after it. A listing without `total_count` is read on here (charged afterwards).
 */
const readFirst = (message: SyncChunkMessage, auditor: Policy.Auditor) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    const client = yield* AccountsClient
    const db = yield* Database
    const queue = yield* SyncQueue
    let pages = 0
    let staged = 0
    let total: number | null = null
    yield* client.pages({ per_page: message.perPage, direction: "asc" }).pipe(
      Stream.runForEachWhile((page) =>
        Effect.gen(function* () {
          pages++
          staged += page.result.length
          yield* Stage.stage(message.syncId, page.result, auditor)
          if (pages > 1) return true
          total = page.result_info?.total_count ?? null
          return total === null
        })
      )
    )
    if (pages > 1) yield* RateBudget.chargeAfterwards(pages - 1)
    if (total !== null) {
      const ranges = pageRanges(2, Math.ceil(total / message.perPage), settings.pagesPerMessage)
      yield* db.batch("recording sync chunks", [
        statement("UPDATE syncs SET total_count = ?2, chunks_total = ?3 WHERE id = ?1", message.syncId, total, ranges.length + 1),
        ...ranges.map((range, i) =>
          statement(
            "INSERT OR IGNORE INTO sync_chunks (sync_id, chunk, first_page, last_page, status) VALUES (?1, ?2, ?3, ?4, 'pending')",
            message.syncId,
            i + 1,
            range.firstPage,
            range.lastPage
          )
        )
      ])
      yield* queue.send(
        ranges.map((range, i): SyncMessage => ({ type: "sync-chunk", syncId: message.syncId, chunk: i + 1, perPage: message.perPage, ...range }))
      )
    }
    yield* Syncs.chunkDone(message.syncId, message.chunk, staged)
  })

/** Reads one page range into staging (every page checked against page 1's `total_count`). */
const readRange = (message: SyncChunkMessage, sync: Syncs.SyncRow, auditor: Policy.Auditor) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const total = sync.total_count
    if (total === null) return yield* Effect.dieMessage(`fanned-out sync ${message.syncId} has no total_count`)
    // An inconsistent page fails the sync below.
    const staged = yield* client
      .pageRange({ per_page: message.perPage, direction: "asc", from: message.firstPage, to: message.lastPage, total })
      .pipe(Stream.runFoldEffect(0, (n, page) => Effect.as(Stage.stage(message.syncId, page.result, auditor), n + page.result.length)))
    yield* Syncs.chunkDone(message.syncId, message.chunk, staged)
  })

/**
 * Handles one message of a fanned-out sync: a page range, or a chunk of its deletion check
 * (`DeletionCheck.checkChunk`). Redelivery is harmless: a finished chunk is not run again, and
 * staging writes are keyed by (sync, account). The invocation that finishes the last chunk applies
 * the sync (or, after the last range, sends its deletion checks). A range that is not consistent
 * with page 1 (`IncompleteListingError`) fails the sync at once: it is not transient, so it is not
 * retried; a transient failure is retried by the queue up to `JOB_MAX_ATTEMPTS` deliveries.
 */
export const runChunk = Effect.fn("FanOut.runChunk")(function* (message: SyncMessage, attempts: number) {
  const settings = yield* Settings
  const sync = yield* Syncs.get(message.syncId)
  if (Option.isNone(sync) || sync.value.status !== "running") return ack
  const chunk = yield* Syncs.getChunk(message.syncId, message.chunk)
  if (Option.isNone(chunk)) return ack

  const work = Effect.gen(function* () {
    if (chunk.value.status !== "done") {
      const auditor = yield* Policy.auditorFor(sync.value)
      if (message.type === "sync-chunk" && message.firstPage === 1) yield* readFirst(message, auditor)
      else if (message.type === "sync-chunk") yield* readRange(message, sync.value, auditor)
      else yield* DeletionCheck.checkChunk(message, auditor)
    }
    if (yield* Syncs.claimFinalize(message.syncId)) {
      // Only this invocation may finish the sync now, so a failure here is final, not retried.
      yield* Finalize.finalize(message.syncId).pipe(Effect.catchAll((error) => Finalize.recordFailure(message.syncId, error)))
    }
  })

  return yield* work.pipe(
    Effect.as<Outcome>(ack),
    Effect.catchAll((error: unknown) =>
      Failure.isTransient(error) && attempts < settings.jobMaxAttempts
        ? Effect.succeed(retry(Failure.retryDelaySeconds(error, attempts, settings.retryBaseDelaySeconds)))
        : Effect.as(Finalize.recordFailure(message.syncId, error), ack)
    )
  )
})

/** A sync chunk that exhausted the queue's retries: the sync fails. */
export const deadLettered = (message: SyncMessage): Effect.Effect<void, DatabaseError, Database> =>
  Effect.gen(function* () {
    const what =
      message.type === "sync-chunk"
        ? `page range ${message.firstPage}-${message.lastPage}`
        : `deletion check of candidates ${message.first}-${message.last}`
    const record = { tag: "DeadLettered", message: `${what} was dead-lettered` }
    yield* Syncs.failed(message.syncId, JSON.stringify(record), yield* now)
  })
