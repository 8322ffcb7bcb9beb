/**
 * The fleet as `plan` and `apply` need it: the client's confirmed listing (two
 * passes that agree), refused when it completed with a warning.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import type * as Account from "@cf-accounts/core/Account"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { UnverifiedListingError } from "../UnverifiedListingError.js"

export const accounts: Effect.Effect<
  ReadonlyArray<Account.Account>,
  AccountsClient.StreamError | UnverifiedListingError,
  AccountsClient.AccountsClient
> = Effect.gen(function* () {
  const client = yield* AccountsClient.AccountsClient
  const warnings: Array<AccountsClient.ListingWarning> = []
  const onWarning = (warning: AccountsClient.ListingWarning) => Effect.sync(() => void warnings.push(warning))
  const listed = yield* Stream.runCollect(client.all({ confirm: true, onWarning }))
  if (warnings.length > 0) return yield* new UnverifiedListingError({ warnings: warnings.map((w) => w.message) })
  return Chunk.toReadonlyArray(listed)
})

/**
 * The ids of the accounts named exactly `name` now (`GET /accounts?name=`, every
 * page). A filtered listing's `total_count` does not count it (so it always
 * warns): the warning is expected, not a reason to refuse.
 */
export const named = (
  client: AccountsClient.Service,
  name: string
): Effect.Effect<ReadonlyArray<string>, AccountsClient.StreamError> =>
  Stream.runCollect(client.all({ name, onWarning: () => Effect.void })).pipe(
    Effect.map((listed) => Chunk.toReadonlyArray(listed).flatMap((account) => (account.name === name ? [account.id as string] : [])))
  )
