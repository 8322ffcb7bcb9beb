/**
 * The end of a sync: applying one whose pages are all staged (after the deletion check, in
 * one D1 transaction: snapshot, deletions, findings from its staged audit), or recording one that failed.
 */
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../db/Accounts.js"
import * as Compliance from "../db/Compliance.js"
import { Database } from "../platform/Database.js"
import * as FindingsTable from "../findings/Findings.js"
import * as Policy from "../findings/Policy.js"
import * as Syncs from "../db/Syncs.js"
import * as Failure from "../platform/Failure.js"
import { now } from "../platform/Timestamps.js"
import * as DeletionCheck from "./DeletionCheck.js"
import * as Warning from "./Warning.js"

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

/** The sync's row, which must exist. */
export const reload = (syncId: string) =>
  Effect.flatMap(Syncs.get(syncId), (row) =>
    Option.match(row, {
      onNone: () => Effect.dieMessage(`sync ${syncId} vanished`),
      onSome: Effect.succeed
    })
  )

/**
 * The deletion check of a sync whose pages are all staged: inline, run here; fanned out, the
 * checks paged over the queue (`None`: they were sent, and the last of them applies the sync),
 * or what they found once all are done.
 */
const deletionCheck = (sync: Syncs.SyncRow, auditor: Policy.Auditor) =>
  Effect.gen(function* () {
    if (sync.mode !== "fanout" || sync.total_count === null) {
      return Option.some(yield* DeletionCheck.run(sync.id, sync.total_count, auditor))
    }
    if (yield* Syncs.checksPlanned(sync.id)) return Option.some(yield* DeletionCheck.collect(sync.id))
    // Before the deletion check, which stages the accounts it finds.
    const staged = yield* Accounts.stagedCount(sync.id)
    if (staged !== sync.total_count) return yield* new SyncIncompleteError({ staged, total: sync.total_count })
    const planned = yield* DeletionCheck.plan(sync, sync.total_count, auditor)
    if (Option.isSome(planned)) return planned
    // The checks were sent; when this invocation checked them all itself, it applies the sync.
    return (yield* Syncs.claimFinalize(sync.id)) ? Option.some(yield* DeletionCheck.collect(sync.id)) : Option.none()
  })

/**
 * The apply of a sync at `time`, one D1 batch (one transaction, in order): snapshot,
 * deletions, findings, its completion and compliance point, then its staging rows dropped.
 * Each statement that applies checks the sync is still unfinished (`Syncs.unfinished`), so a
 * sync marked failed meanwhile (abandoned as stale) applies nothing and stays failed.
 */
export const applying = (
  syncId: string,
  time: string,
  found: { readonly check: Syncs.DeletionCheck; readonly unlisted: Accounts.Unlisted },
  warning: string | null,
  enabled: ReadonlyArray<string>
) => [
  ...Accounts.applyStaged(syncId, time, found.unlisted),
  ...FindingsTable.refresh(syncId, enabled, time),
  Syncs.completed(syncId, time, found.check, warning),
  Compliance.record(syncId, time),
  Syncs.dropAggregateUnlessCompleted(syncId),
  Accounts.clearStaging(syncId),
  FindingsTable.clearStaged(syncId),
  Syncs.clearChunks(syncId),
  Syncs.clearCandidates(syncId)
]

/**
 * Applies a sync whose pages are all staged: deletions confirmed first, then snapshot,
 * deletions, findings, in one transaction. `listing`: what the listing could not verify (a
 * `ListingWarning`'s message each), said in the sync's warning before the deletion check's.
 * A fanned-out sync comes here twice when it has deletion candidates: once its ranges are
 * done (its checks are sent and it runs on), then once its checks are.
 */
export const finalize = Effect.fn("Finalize.finalize")(function* (syncId: string, listing: ReadonlyArray<string> = []) {
  const db = yield* Database
  const sync = yield* reload(syncId)
  const auditor = yield* Policy.auditorFor(sync)
  const checked = yield* deletionCheck(sync, auditor)
  if (Option.isNone(checked)) return
  const { check, unlisted } = checked.value
  const warning = Warning.sentence([...listing, ...check.warnings])
  const time = yield* now
  yield* db.batch("applying a sync", applying(syncId, time, { check, unlisted }, warning, Policy.enabledRules(auditor.policy)))
  if (warning !== null) yield* Effect.logWarning(`sync ${syncId}: ${warning}`)
})

/** Records a failed sync with its error; the previous snapshot stays as it was. */
export const recordFailure = (syncId: string, error: unknown) =>
  Effect.gen(function* () {
    const record = Failure.toRecord(error)
    yield* Effect.logWarning(`sync ${syncId} failed: ${record.message}`)
    yield* Syncs.failed(syncId, JSON.stringify(record), yield* now)
  })
