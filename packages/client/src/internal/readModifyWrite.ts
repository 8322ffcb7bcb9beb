/**
 * The writes that read first: `patchWith`, `patch` and `patchProfile` (read,
 * merge the changes with `Merge`, write back everything the server sent) and
 * `delete` (the account must exist before anything is deleted). `patch` is
 * `patchWith` with changes known before the read: one path for both.
 *
 * @internal
 */
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Envelope from "@cf-accounts/core/Envelope"
import type * as Ids from "@cf-accounts/core/Ids"
import * as Operations from "@cf-accounts/core/Operations"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as AccountsRequest from "./accountsRequest.js"
import type * as Call from "./call.js"
import * as Tracing from "./tracing.js"

type Read<A> = (accountId: Ids.AccountId) => Effect.Effect<A, InvalidInputError | Call.ApiError>

/** `delete` returns the id asked for; the spec allows `result: null`, so any success envelope is accepted. */
const AnyEnvelope = Envelope.Envelope(Schema.Unknown)

/** @internal */
export const make = (
  { annotate, execute }: Call.Caller,
  get: Read<Account.Account>,
  getProfile: Read<AccountProfile.AccountProfile>
) => {
  /**
   * The one read-modify-write of an account: read it, let `decide` give the
   * changes (checked as input; `undefined`: nothing to change, nothing written),
   * write back the merge (`AccountsRequest.patch`, i.e. `Merge.account`).
   */
  const readModifyWrite = (
    id: Ids.AccountId,
    decide: (current: Account.Account) => Effect.Effect<Account.AccountChanges | undefined, InvalidInputError>
  ): Effect.Effect<Patched, InvalidInputError | Call.ApiError> =>
    Effect.gen(function* () {
      const current = yield* get(id)
      const changes = yield* decide(current)
      if (changes === undefined) return { account: current, written: false }
      const spec = yield* AccountsRequest.patch(current, changes)
      yield* annotate(spec)
      return { account: (yield* execute(Operations.update, spec)).result, written: true }
    })

  const patchWith = Tracing.fn("AccountsClient.patchWith")(
    (accountId: string, decide: (current: Account.Account) => unknown) =>
      Effect.flatMap(AccountsRequest.accountId(accountId), (id) =>
        readModifyWrite(id, (current) => {
          const changes = decide(current)
          return changes === undefined ? Effect.succeed(undefined) : AccountsRequest.changes(changes)
        })
      )
  )

  const patch = Tracing.fn("AccountsClient.patch")((accountId: string, changes: unknown) =>
    Effect.gen(function* () {
      // Both checked before anything is sent; then the read-modify-write above.
      const id = yield* AccountsRequest.accountId(accountId)
      const checked = yield* AccountsRequest.changes(changes)
      return (yield* readModifyWrite(id, () => Effect.succeed(checked))).account
    })
  )

  const patchProfile = Tracing.fn("AccountsClient.patchProfile")((accountId: string, changes: unknown) =>
    Effect.gen(function* () {
      // Both checked before anything is sent; then read, merge (Merge.profile), write.
      const id = yield* AccountsRequest.accountId(accountId)
      const checked = yield* AccountsRequest.profileChanges(changes)
      const spec = yield* AccountsRequest.patchProfile(id, yield* getProfile(id), checked)
      yield* annotate(spec)
      yield* execute(Operations.updateProfile, spec)
      // Safe: patchProfile's body is the merged profile, as built just now.
      return spec.body as AccountProfile.AccountProfile
    })
  )

  const remove = Tracing.fn("AccountsClient.delete")((accountId: string) =>
    Effect.gen(function* () {
      const spec = yield* AccountsRequest.delete(accountId)
      yield* annotate(spec)
      const id = spec.accountId!
      // The account must exist before anything is deleted: a 404 here is NotFoundError
      // with no DELETE sent. So a 404 after a DELETE attempt whose outcome is open means
      // it was there when the call began and is gone now: that attempt deleted it. A 2xx
      // whose body cannot be read is an answer too: the server did delete it.
      yield* get(id)
      const settled = (error: Call.ApiError, ambiguous: boolean) =>
        (error._tag === "NotFoundError" && ambiguous) ||
        (error._tag === "ResponseDecodeError" && error.status >= 200 && error.status <= 299)
          ? Effect.void
          : Effect.fail(error)
      yield* execute(Operations.delete, spec, settled, AnyEnvelope)
      return { id }
    })
  )

  return { patch, patchWith, patchProfile, remove }
}

/**
 * What `patchWith` returns: the account as the `PUT` answered it (`written`), or
 * as read when there was nothing to change (no `PUT` sent).
 *
 * @internal
 */
export interface Patched {
  readonly account: Account.Account
  readonly written: boolean
}
