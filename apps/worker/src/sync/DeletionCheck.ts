/**
 * The deletion check of a sync about to be applied: every live account of the previous
 * snapshot that the sync did not stage is fetched, and only a 404 marks it deleted. An inline
 * sync checks in its own invocation (`run`); a fanned-out one pages its checks over the sync
 * queue like its page ranges (`plan`, then `checkChunk` per message, then `collect`).
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
import type { Account } from "@cf-accounts/core/Account"
import type { PermissionDeniedError } from "@cf-accounts/core/CloudflareError"
import * as Arr from "effect/Array"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../db/Accounts.js"
import * as RateBudget from "../db/RateBudget.js"
import * as Syncs from "../db/Syncs.js"
import type * as Policy from "../findings/Policy.js"
import { SyncQueue } from "../platform/Queues.js"
import { Settings } from "../platform/Settings.js"
import * as Failure from "../platform/Failure.js"
import { cost, type DeletionCheckMessage } from "../platform/SyncMessage.js"
import * as Stage from "./Stage.js"

const clauses = (parts: ReadonlyArray<string | null>): ReadonlyArray<string> => parts.filter((part) => part !== null)

/** Accounts per staging statement when kept accounts are staged (one JSON parameter each). */
const STAGE_CHUNK = 100

/**
 * A fanned-out sync checks at most this percent of the accounts its listing reported (and never
 * fewer than `SYNC_MAX_DELETE_CHECKS`): more missing at once (a mass disappearance, more likely a
 * token that lost an organisation or an API fault than churn) is checked by no sync, which says so.
 */
export const MASS_DISAPPEARANCE_PERCENT = 10

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

/** Fetches each candidate (`CONCURRENCY` at a time) and stages those that still exist. */
const check = Effect.fn("DeletionCheck.check")(function* (
  syncId: string,
  ids: ReadonlyArray<string>,
  auditor: Policy.Auditor
) {
  const settings = yield* Settings
  const client = yield* AccountsClient
  const found = yield* Effect.forEach(
    ids,
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
  const existing = Arr.filterMap(found, (c) => (c._tag === "Exists" ? Option.some(c.account) : Option.none()))
  for (const chunk of Arr.chunksOf(existing, STAGE_CHUNK)) yield* Stage.stage(syncId, chunk, auditor)
  return found
})

/** The check's record: how many candidates, what was kept, what was marked inaccessible. */
const summary = (candidates: number, kept: number, inaccessible: number, shortfall: string | null): Syncs.DeletionCheck => ({
  candidates,
  inaccessible,
  skipped: false,
  warnings: clauses([
    shortfall,
    kept === 0 ? null : `${kept} accounts missing from the listing still exist and were kept`,
    inaccessible === 0
      ? null
      : `${inaccessible} accounts missing from the listing answered 403 and were marked inaccessible to the worker's token`
  ])
})

const nothingUnlisted: Accounts.Unlisted = { deleted: [], inaccessible: [] }

/** Too many candidates: none is fetched or marked deleted, and the sync says why. */
const skipped = (candidates: number, why: string, shortfall: string | null) => {
  const check: Syncs.DeletionCheck = {
    candidates,
    inaccessible: 0,
    skipped: true,
    warnings: clauses([shortfall, `${candidates} accounts of the previous snapshot were not listed, ${why}: none was marked deleted`])
  }
  return { unlisted: nothingUnlisted, check }
}

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
 * Inline, every check is in this invocation, taken from the shared budget first: above
 * `SYNC_MAX_DELETE_CHECKS` candidates, or more than the window grants, none is fetched and none is
 * marked deleted; the upserts still apply. (A counted inline sync whose checks the window cannot
 * cover pages them instead: `Sync.start`.)
 */
export const run = Effect.fn("DeletionCheck.run")(function* (
  syncId: string,
  totalCount: number | null,
  auditor: Policy.Auditor
) {
  const settings = yield* Settings
  const listed = yield* Accounts.stagedCount(syncId)
  const shortfall =
    totalCount !== null && listed < totalCount ? `listed ${listed} of the ${totalCount} accounts the API reported` : null
  const candidates = yield* Accounts.deletionCandidates(syncId, settings.maxDeleteChecks + 1)
  if (candidates.total > settings.maxDeleteChecks) {
    return skipped(candidates.total, `more than SYNC_MAX_DELETE_CHECKS (${settings.maxDeleteChecks})`, shortfall)
  }
  // The checks come from the shared budget first; a window that cannot cover them all checks none.
  const grant = yield* RateBudget.take(candidates.ids.length, "all-or-none", "sync")
  if (grant.granted < candidates.ids.length) {
    return skipped(candidates.total, "and the request budget's window could not cover their checks", shortfall)
  }
  const found = yield* check(syncId, candidates.ids, auditor)
  const checks = Arr.zip(candidates.ids, found)
  const idsWhere = (tag: CandidateCheck["_tag"]) => Arr.filterMap(checks, ([id, c]) => (c._tag === tag ? Option.some(id) : Option.none()))
  const unlisted: Accounts.Unlisted = { deleted: idsWhere("Gone"), inaccessible: idsWhere("Inaccessible") }
  const kept = found.length - unlisted.deleted.length - unlisted.inaccessible.length
  return { unlisted, check: summary(candidates.total, kept, unlisted.inaccessible.length, shortfall) }
})

/** Candidate ranges `[0..total-1]` of at most `size` each, as chunks numbered from `firstChunk`. */
export const checkRanges = (total: number, size: number, firstChunk: number) =>
  Arr.makeBy(Math.ceil(total / size), (i) => ({ chunk: firstChunk + i, first: i * size, last: Math.min(total, (i + 1) * size) - 1 }))

/**
 * The deletion check of a fanned-out sync whose ranges are all staged (and claimed for
 * finalizing). No candidate: nothing to check. More than {@link MASS_DISAPPEARANCE_PERCENT} of
 * `totalCount` and more than `SYNC_MAX_DELETE_CHECKS` (or that is 0): skipped, as inline. Else
 * the candidates are frozen, in id order, and checked in chunks of at most `SYNC_PAGE_SIZE` and
 * `SYNC_MAX_DELETE_CHECKS` (and the sync's share of a budget window), one sync message each, each
 * taking its GETs from the shared budget before it runs; the chunk that finishes last applies the
 * sync. This invocation checks the first chunk itself when the window grants it (as the one that
 * fans out reads page 1), so a few candidates cost no queue hop; when that fails transiently, its
 * message is sent too, to be retried by the queue.
 */
export const plan = Effect.fn("DeletionCheck.plan")(function* (sync: Syncs.SyncRow, totalCount: number, auditor: Policy.Auditor) {
  const settings = yield* Settings
  const queue = yield* SyncQueue
  const syncId = sync.id
  const most =
    settings.maxDeleteChecks === 0
      ? 0
      : Math.max(settings.maxDeleteChecks, Math.floor((totalCount * MASS_DISAPPEARANCE_PERCENT) / 100))
  const candidates = yield* Accounts.deletionCandidates(syncId, most + 1)
  if (candidates.total === 0) return Option.some({ unlisted: nothingUnlisted, check: summary(0, 0, 0, null) })
  if (candidates.total > most) {
    const why =
      most === 0
        ? "and SYNC_MAX_DELETE_CHECKS is 0"
        : `more than SYNC_MAX_DELETE_CHECKS (${settings.maxDeleteChecks}) and than ${MASS_DISAPPEARANCE_PERCENT}% of the ${totalCount} listed`
    return Option.some(skipped(candidates.total, why, null))
  }
  const share = settings.budgetRequests === 0 ? settings.syncPageSize : yield* RateBudget.ceiling("sync")
  const size = Math.min(settings.syncPageSize, settings.maxDeleteChecks, share)
  const chunks = checkRanges(candidates.ids.length, size, sync.chunks_total)
  yield* Syncs.planChecks(syncId, candidates.ids, chunks)
  const [first, ...rest] = chunks.map((c): DeletionCheckMessage => ({ type: "deletion-check", syncId, ...c }))
  yield* Effect.logInfo(`sync ${syncId}: ${candidates.total} deletion candidates, checked as ${chunks.length} messages`)
  if (first === undefined) return Option.none()
  const now = (yield* RateBudget.take(cost(first), "all-or-none", "sync")).granted > 0
  const queued = now ? rest : [first, ...rest]
  if (queued.length > 0) yield* queue.send(queued)
  if (now) {
    yield* checkChunk(first, auditor).pipe(
      Effect.catchIf(Failure.isTransient, (error) =>
        Effect.zipRight(
          Effect.logWarning(`sync ${syncId}: deletion check ${first.first}-${first.last} queued: ${Failure.toRecord(error).message}`),
          queue.send([first])
        )
      )
    )
  }
  return Option.none()
})

/** Checks one chunk of a fanned-out sync's candidates and records what the API said, with the chunk done. */
export const checkChunk = Effect.fn("DeletionCheck.checkChunk")(function* (
  message: DeletionCheckMessage,
  auditor: Policy.Auditor
) {
  const ids = yield* Syncs.candidates(message.syncId, message.first, message.last)
  const found = yield* check(message.syncId, ids, auditor)
  const outcomes = found.map((c): Syncs.Outcome => (c._tag === "Gone" ? "gone" : c._tag === "Inaccessible" ? "inaccessible" : "exists"))
  yield* Syncs.checksDone(message.syncId, message.chunk, message.first, outcomes)
})

/** What the paged checks of a fanned-out sync found, every chunk done. */
export const collect = Effect.fn("DeletionCheck.collect")(function* (syncId: string) {
  const groups = yield* Syncs.outcomes(syncId)
  const ids = (outcome: Syncs.Outcome | null) => groups.find((g) => g.outcome === outcome)?.ids ?? []
  if (ids(null).length > 0) return yield* Effect.dieMessage(`sync ${syncId}: ${ids(null).length} deletion candidates were not checked`)
  const unlisted: Accounts.Unlisted = { deleted: ids("gone"), inaccessible: ids("inaccessible") }
  const total = unlisted.deleted.length + unlisted.inaccessible.length + ids("exists").length
  return { unlisted, check: summary(total, ids("exists").length, unlisted.inaccessible.length, null) }
})
