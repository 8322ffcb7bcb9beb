/**
 * Inventory sync. Every account is streamed through the client into staging rows keyed
 * by the sync id; only a sync that saw every page is applied to the snapshot (one D1
 * transaction: upsert, mark deletions, refresh findings). An account is marked deleted
 * only when the API answers 404 for it, never merely for missing from the listing, and
 * inaccessible when it answers 403 (the token lost access to it). A failed sync is
 * recorded with its error and leaves the previous snapshot as it was. A listing whose first
 * page has no `total_count` cannot be checked against a count: the sync still completes, and
 * its `warning` says so.
 *
 * A large tenant is fanned out over the sync queue (`FanOut.ts`), its deletion check too; the
 * deletion check is in `DeletionCheck.ts`, applying and recording failures in `Finalize.ts`.
 */
import { AccountsClient, type ListingWarning, type StreamParams } from "@cf-accounts/client/AccountsClient"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as Accounts from "../db/Accounts.js"
import * as RateBudget from "../db/RateBudget.js"
import * as Syncs from "../db/Syncs.js"
import * as Policy from "../findings/Policy.js"
import { IdGenerator } from "../platform/IdGenerator.js"
import { Settings } from "../platform/Settings.js"
import { now } from "../platform/Timestamps.js"
import * as FanOut from "./FanOut.js"
import * as Finalize from "./Finalize.js"
import * as Stage from "./Stage.js"

/** Another sync is still running. */
export class SyncInProgressError extends Data.TaggedError("SyncInProgressError")<{ readonly syncId: string }> {
  override get message(): string {
    return `sync ${this.syncId} is still running`
  }
}

/**
 * Runs a sync now. Small tenants are synced within this invocation; large ones are
 * fanned out and the result says `running`. A failure is recorded, and returned as a
 * `failed` row, not as an error.
 */
/**
 * A listing warning as the sync's warning: without a count, the sync could not fan out
 * either, and read every page in this invocation.
 */
const sayInline = (warning: ListingWarning): string =>
  warning._tag === "Uncounted"
    ? `${warning.message.replace(/\.$/, "")}, and without a count the sync could not be split into ranges: it read every page inline`
    : warning.message

/** The parameters of a sync's listing, from the worker's settings. */
export const listingParams = (
  settings: Pick<Settings["Type"], "syncPageSize" | "syncRestartDelayMs">,
  onWarning: NonNullable<StreamParams["onWarning"]>
): StreamParams => ({
  per_page: settings.syncPageSize,
  direction: "asc",
  ...Option.match(settings.syncRestartDelayMs, {
    onNone: () => ({}),
    onSome: (millis) => ({ restartDelay: Duration.millis(millis) })
  }),
  onWarning
})

/**
 * How long a running sync may go on before a new one treats it as abandoned: `SYNC_STALE_MINUTES`,
 * plus, for a fanned-out sync under the shared budget, the windows its pages and deletion checks
 * need at the sync's share of each: it pauses between windows, it has not stopped. Its checks are
 * counted as recorded once they are sent (`deletion_candidates`), and as `SYNC_MAX_DELETE_CHECKS`
 * until then, or when fewer.
 */
export const staleMinutes = (
  settings: Pick<
    Settings["Type"],
    "syncStaleMinutes" | "budgetRequests" | "budgetWindowSeconds" | "syncBudgetShare" | "syncPageSize" | "maxDeleteChecks"
  >,
  running: Option.Option<Pick<Syncs.SyncRow, "mode" | "total_count"> & Partial<Pick<Syncs.SyncRow, "deletion_candidates">>>
): number => {
  if (Option.isNone(running) || running.value.mode !== "fanout" || settings.budgetRequests === 0) return settings.syncStaleMinutes
  const checks = Math.max(running.value.deletion_candidates ?? 0, settings.maxDeleteChecks)
  const requests = Math.ceil((running.value.total_count ?? 0) / settings.syncPageSize) + checks
  const share = Math.max(1, Math.floor((settings.budgetRequests * settings.syncBudgetShare) / 100))
  return settings.syncStaleMinutes + Math.ceil((Math.ceil(requests / share) * settings.budgetWindowSeconds) / 60)
}

/**
 * Whether an inline sync's deletion checks fit the window's sync share now. Those that do not
 * (a counted listing that staged every account) are paged over the queue like a fanned-out sync's.
 */
const checksFit = (syncId: string) =>
  Effect.gen(function* () {
    const settings = yield* Settings
    const sync = yield* Finalize.reload(syncId)
    if (sync.total_count === null || (yield* Accounts.stagedCount(syncId)) !== sync.total_count) return true
    const candidates = yield* Accounts.deletionCandidates(syncId, settings.maxDeleteChecks + 1)
    if (candidates.total === 0 || candidates.total > settings.maxDeleteChecks) return true
    return candidates.total <= (yield* RateBudget.left("sync"))
  })

export const start = Effect.fn("Sync.start")(function* (trigger: "scheduled" | "api") {
  const settings = yield* Settings
  const client = yield* AccountsClient
  const startedAt = yield* now
  const running = yield* Syncs.findActive("")
  const staleBefore = new Date(Date.parse(startedAt) - staleMinutes(settings, running) * 60_000).toISOString()
  yield* Syncs.abandonStale(staleBefore, startedAt)
  const active = yield* Syncs.findActive(staleBefore)
  if (Option.isSome(active)) return yield* new SyncInProgressError({ syncId: active.value.id })
  const syncId = yield* Effect.flatMap(IdGenerator, (ids) => ids.next("sync"))
  // The policy this sync audits with, recorded with it: every page range of it uses the same.
  const policy = yield* Policy.current
  if (!(yield* Syncs.create({ id: syncId, trigger, now: startedAt, policyVersion: policy.version }))) {
    const winner = yield* Syncs.findActive(staleBefore)
    return yield* new SyncInProgressError({ syncId: Option.match(winner, { onNone: () => "unknown", onSome: (s) => s.id }) })
  }
  yield* Effect.annotateCurrentSpan("sync.id", syncId)
  const auditor: Policy.Auditor = {
    version: policy.version,
    policy: Policy.rulesOf(policy.file),
    now: Date.parse(startedAt)
  }

  // Requests come from the shared budget before they are made: page 1, then the rest of a
  // counted listing, then the deletion checks. What the window cannot cover goes over the queue.
  const first = yield* RateBudget.take(1, "all-or-none", "sync")
  if (first.granted === 0) {
    yield* FanOut.defer(syncId, first.nextWindowSeconds).pipe(Effect.catchAll((error) => Finalize.recordFailure(syncId, error)))
    return yield* Finalize.reload(syncId)
  }
  const pages = yield* Ref.make(0)
  const taken = yield* Ref.make(1)
  const collect = Effect.gen(function* () {
    // The first page's total_count when it calls for fanning out.
    const fanOut = yield* Ref.make(Option.none<number>())
    const isFirst = yield* Ref.make(true)
    // What the listing could not verify: without total_count (absent, or null, which reads as
    // absent) its end is not checked against a count, and the sync's warning says so.
    const listing = yield* Ref.make<ReadonlyArray<string>>([])
    yield* client
      .pages(listingParams(settings, (warning) => Ref.update(listing, (all) => [...all, sayInline(warning)])))
      .pipe(
        Stream.runForEachWhile((page) =>
          Effect.gen(function* () {
            yield* Ref.update(pages, (n) => n + 1)
            yield* Stage.stage(syncId, page.result, auditor)
            if (!(yield* Ref.getAndSet(isFirst, false))) return true
            const total = Option.fromNullable(page.result_info?.total_count)
            if (Option.isNone(total)) return true
            yield* Syncs.recordTotal(syncId, total.value)
            // The other pages, from the budget first: a window that cannot cover them fans out.
            const rest = Math.ceil(total.value / settings.syncPageSize) - 1
            const inline =
              total.value <= settings.fanoutThreshold && (yield* RateBudget.take(rest, "all-or-none", "sync")).granted === rest
            if (inline) {
              yield* Ref.update(taken, (n) => n + rest)
              return true
            }
            yield* Ref.set(fanOut, total)
            return false
          })
        )
      )
    const info = yield* Ref.get(fanOut)
    if (Option.isSome(info)) return yield* FanOut.plan(syncId, info.value)
    if (!(yield* checksFit(syncId))) return yield* FanOut.deferChecks(syncId, (yield* Finalize.reload(syncId)).total_count ?? 0)
    yield* Finalize.finalize(syncId, yield* Ref.get(listing))
  })

  yield* collect.pipe(Effect.catchAll((error) => Finalize.recordFailure(syncId, error)))
  // Pages the budget was not asked for (a listing without total_count, a listing read again): charged now.
  const unasked = (yield* Ref.get(pages)) - (yield* Ref.get(taken))
  if (unasked > 0) yield* RateBudget.chargeAfterwards(unasked)
  return yield* Finalize.reload(syncId)
})
