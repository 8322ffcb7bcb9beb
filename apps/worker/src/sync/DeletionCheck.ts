/**
 * The deletion check of a sync about to be applied: every live account of the previous
 * snapshot that the sync did not stage is fetched, and only a 404 marks it deleted.
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
import type * as Syncs from "../db/Syncs.js"
import type * as Policy from "../findings/Policy.js"
import { Settings } from "../platform/Settings.js"
import * as Stage from "./Stage.js"

const clauses = (parts: ReadonlyArray<string | null>): ReadonlyArray<string> => parts.filter((part) => part !== null)

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
export const run = Effect.fn("DeletionCheck.run")(function* (
  syncId: string,
  totalCount: number | null,
  auditor: Policy.Auditor
) {
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
      warnings: clauses([
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
  yield* RateBudget.chargeAfterwards(candidates.ids.length)
  const existing = Arr.filterMap(found, (check) => (check._tag === "Exists" ? Option.some(check.account) : Option.none()))
  for (const chunk of Arr.chunksOf(existing, STAGE_CHUNK)) yield* Stage.stage(syncId, chunk, auditor)
  const checks = Arr.zip(candidates.ids, found)
  const unlisted: Accounts.Unlisted = { deleted: idsWhere(checks, "Gone"), inaccessible: idsWhere(checks, "Inaccessible") }
  const inaccessible = unlisted.inaccessible.length
  const check: Syncs.DeletionCheck = {
    candidates: candidates.total,
    inaccessible,
    skipped: false,
    warnings: clauses([
      shortfall,
      existing.length === 0 ? null : `${existing.length} accounts missing from the listing still exist and were kept`,
      inaccessible === 0
        ? null
        : `${inaccessible} accounts missing from the listing answered 403 and were marked inaccessible to the worker's token`
    ])
  }
  return { unlisted, check }
})
