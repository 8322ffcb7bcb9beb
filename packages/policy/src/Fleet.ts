/**
 * Reading what `plan` and `apply` need through the client: every account, and
 * the profiles of the declared accounts that declare one.
 *
 * @since 0.1.0
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import * as Effect from "effect/Effect"
import * as Listing from "./internal/listing.js"
import type { PolicyFile } from "./PolicyFile.js"
import type { UnverifiedListingError } from "./UnverifiedListingError.js"

/**
 * Every account, as the client's confirmed listing (`all({ confirm: true })`:
 * two consecutive passes that list exactly the same accounts). A listing that
 * completed with a warning (what it could not verify, such as no
 * `total_count`) may be partial, and a plan made from it could create a
 * declared account it did not see: that fails with {@link UnverifiedListingError}.
 *
 * @example
 * import { Fleet } from "@cf-accounts/policy"
 * const accounts = yield* Fleet.accounts
 *
 * @since 0.1.0
 */
export const accounts: Effect.Effect<
  ReadonlyArray<Account.Account>,
  AccountsClient.StreamError | UnverifiedListingError,
  AccountsClient.AccountsClient
> = Listing.accounts.pipe(Effect.withSpan("Fleet.accounts"))

/**
 * The current profile of each existing declared account whose declaration has
 * a `profile` (matched as `plan` matches: by id, else by a unique name), by
 * account id: `plan`'s `profiles` option. One `GET` per such account, at the
 * client's bulk concurrency.
 *
 * @example
 * import { Fleet, Plan } from "@cf-accounts/policy"
 * const fleet = yield* Fleet.accounts
 * const profiles = yield* Fleet.profiles(fleet, file)
 * const plan = Plan.plan(fleet, file, { now: new Date(), profiles })
 *
 * @since 0.1.0
 */
export const profiles = (
  fleet: ReadonlyArray<Account.Account>,
  file: PolicyFile
): Effect.Effect<ReadonlyMap<string, AccountProfile.AccountProfile>, AccountsClient.CallError, AccountsClient.AccountsClient> =>
  Effect.gen(function* () {
    const client = yield* AccountsClient.AccountsClient
    const ids = new Set<string>()
    for (const declaration of file.accounts ?? []) {
      if (declaration.profile === undefined) continue
      const matches =
        declaration.id !== undefined
          ? fleet.filter((account) => account.id === declaration.id)
          : fleet.filter((account) => account.name === declaration.name)
      if (matches.length === 1) ids.add(matches[0]!.id)
    }
    const read = yield* AccountsClient.forEach(ids, (id) =>
      Effect.map(client.getProfile(id), (profile) => [id, profile] as const)
    )
    return new Map(read)
  }).pipe(Effect.withSpan("Fleet.profiles"))
