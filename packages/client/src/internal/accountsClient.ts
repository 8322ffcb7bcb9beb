/**
 * The engine of `AccountsClient` (the public module holds its documentation).
 *
 * @internal
 */
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { ConfigurationError, OutcomeUnknownError } from "@cf-accounts/core/CloudflareError"
import type * as Ids from "@cf-accounts/core/Ids"
import type * as Move from "@cf-accounts/core/Move"
import * as Operations from "@cf-accounts/core/Operations"
import type * as Organization from "@cf-accounts/core/Organization"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import * as AccountsRequest from "./accountsRequest.js"
import * as ClientOptions from "./clientOptions.js"
import * as Call from "./call.js"
import * as CreateReconciliation from "./createReconciliation.js"
import * as ReadModifyWrite from "./readModifyWrite.js"
import type * as Pagination from "./pagination.js"
import * as Streams from "./streams.js"
import * as Tracing from "./tracing.js"
import type { AccountsPage, PageRangeParams, StreamError, StreamParams } from "../Listing.js"

/** @internal */
export type ApiError = Call.ApiError

/** @internal */
export type CallError = Call.CallError

// Inputs as a caller supplies them: the encoded form of the operations' schemas
// (plain strings and numbers), checked when the call is made.

/** @internal */
export type CreateInput = Operations.InputOf<typeof Operations.create>
/** @internal */
export type ListParams = Pagination.ListParams
/** @internal */
export type PageParams = Pagination.PageParams
/** @since 0.1.0 */
/** @internal */
export type Patched = ReadModifyWrite.Patched
/** @internal */
export type Created = CreateReconciliation.Created
/** @internal */
export type UpdateInput = Operations.InputOf<typeof Operations.update>
/** @internal */
export type PatchInput = Schema.Schema.Encoded<typeof Account.AccountChanges>
/** @internal */
export type BatchMoveInput = Omit<Operations.InputOf<typeof Operations.batchMove>, "account_ids"> & {
  readonly account_ids: ReadonlyArray<string>
}
/** @internal */
export type ProfileInput = Operations.InputOf<typeof Operations.updateProfile>
/** @internal */
export type ProfileChangesInput = {
  readonly [K in keyof typeof AccountProfile.AccountProfileInput.fields]?: string | undefined
}


/** @internal */
export interface Service {
  /**
   * `POST /accounts`. Never sent twice, and never returns an account that existed
   * before the call (the name is looked up first, and the `POST` waits a second
   * after that lookup, on the `Clock`, so that its account is created after the
   * second of the lookup's `Date`); see the README on creation.
   * `source` says whether the id came from the create's answer or, after an
   * ambiguous failure, from a lookup by name ({@link Created}).
   */
  readonly create: (input: CreateInput) => Effect.Effect<Created, CallError | OutcomeUnknownError>
  /** `GET /accounts`: one page with its `result_info`. */
  readonly list: (params?: ListParams) => Effect.Effect<AccountsPage, CallError>
  /** `GET /accounts/{account_id}`. */
  readonly get: (accountId: string) => Effect.Effect<Account.Account, CallError>
  /** `PUT /accounts/{account_id}`: the whole account. */
  readonly update: (account: UpdateInput) => Effect.Effect<Account.Account, CallError>
  /**
   * Reads the account, merges `changes` (`Merge.account`), writes the whole account
   * back: every field the server sent, modelled or not, except what was changed.
   */
  readonly patch: (accountId: string, changes: PatchInput) => Effect.Effect<Account.Account, CallError>
  /**
   * The read-modify-write `patch` is made of, for changes that depend on the
   * account: reads it, calls `decide` with it, and writes back the merge
   * (`Merge.account`) of the changes `decide` gives (checked as input, like
   * `patch`'s, so a bad change fails after the read with nothing written). When
   * `decide` gives `undefined` there is nothing to change: no `PUT`, and the
   * account as read with `written: false`. At most two requests.
   *
   * @example
   * // yield* client.patchWith(id, (account) =>
   * //   account.settings?.enforce_twofactor === true ? undefined : { settings: { enforce_twofactor: true } })
   *
   * @since 0.1.0
   */
  readonly patchWith: (
    accountId: string,
    decide: (current: Account.Account) => PatchInput | undefined
  ) => Effect.Effect<Patched, CallError>
  /**
   * `GET` then `DELETE /accounts/{account_id}`: the id asked for. An account that
   * is not there fails with `NotFoundError` before any `DELETE` is sent.
   */
  readonly delete: (accountId: string) => Effect.Effect<{ readonly id: Ids.AccountId }, CallError>
  /** `POST /accounts/{account_id}/move`. */
  readonly move: (accountId: string, destinationOrganizationId: string) => Effect.Effect<Move.MoveAccountResult, CallError>
  /** `POST /accounts/move`. */
  readonly batchMove: (input: BatchMoveInput) => Effect.Effect<Move.BatchMoveResult, CallError>
  /** `GET /accounts/{account_id}/organizations`. */
  readonly listOrganizations: (accountId: string) => Effect.Effect<ReadonlyArray<Organization.Organization>, CallError>
  /** `GET /accounts/{account_id}/profile`. */
  readonly getProfile: (accountId: string) => Effect.Effect<AccountProfile.AccountProfile, CallError>
  /** `PUT /accounts/{account_id}/profile` (204, no body). */
  readonly updateProfile: (accountId: string, profile: ProfileInput) => Effect.Effect<void, CallError>
  /**
   * Reads the profile, replaces the fields given in `changes` (each checked as
   * input; anything else is an error, before the read), writes the whole profile
   * back with every other field as the server sent it; returns what was written.
   *
   * @since 0.1.0
   */
  readonly patchProfile: (
    accountId: string,
    changes: ProfileChangesInput
  ) => Effect.Effect<AccountProfile.AccountProfile, CallError>
  /**
   * Every page of `GET /accounts`, fetched ahead and emitted in order, checked as
   * one consistent listing: each account at most once, or `IncompleteListingError`.
   */
  readonly pages: (params?: StreamParams) => Stream.Stream<AccountsPage, StreamError>
  /**
   * Pages `from..to` of `GET /accounts`, fetched ahead and emitted in order, each
   * checked as `pages` checks it against the `total` page 1 reported (the same
   * `total_count`, its `page` and `per_page`, exactly the accounts the count
   * leaves for it, no id twice in the range). The first page that breaks a check
   * fails the stream with `IncompleteListingError`, without a restart: for
   * listings read in parts (one range per worker), where the caller decides.
   *
   * @since 0.1.0
   */
  readonly pageRange: (params: PageRangeParams) => Stream.Stream<AccountsPage, StreamError>
  /** Every account of `GET /accounts`, each once; see `pages`. */
  readonly all: (params?: StreamParams) => Stream.Stream<Account.Account, StreamError>
  /** How many calls bulk work runs at once (`concurrency`, default 8): see {@link forEach}. */
  readonly concurrency: number
}

/** @internal */
export class AccountsClient extends Context.Tag("@cf-accounts/client/AccountsClient")<AccountsClient, Service>() {}

/** @internal */
export const make = (input: ClientOptions.ClientOptions): Effect.Effect<Service, ConfigurationError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const caller = yield* Call.make(input)
    const { annotate, method, options } = caller
    const streams = Streams.make(caller)

    const list = Tracing.fn("AccountsClient.list")((params?: ListParams) =>
      Effect.gen(function* () {
        const spec = yield* AccountsRequest.list(params ?? {})
        yield* annotate(spec)
        return yield* streams.listPage(spec)
      })
    )

    const get = method(Operations.get, AccountsRequest.get)

    const getProfile = method(Operations.getProfile, AccountsRequest.getProfile)
    const writes = ReadModifyWrite.make(caller, get, getProfile)

    const create = Tracing.fn("AccountsClient.create")((input: CreateInput) =>
      Effect.gen(function* () {
        const spec = yield* AccountsRequest.create(input)
        yield* annotate(spec)
        // The lookups by name are filtered listings, which may well end below total_count: create
        // does not rest on their completeness (an account missed before is told apart by created_on,
        // one missed after is OutcomeUnknownError), so what they could not verify is a debug line.
        const lookup = (name: string) => streams.all({ name, onWarning: (warning) => Effect.logDebug(`create: ${warning.message}`) })
        return yield* CreateReconciliation.create(caller, lookup, spec)
      })
    )

    return {
      create,
      list,
      get,
      update: method(Operations.update, AccountsRequest.update),
      patch: writes.patch,
      patchWith: writes.patchWith,
      delete: writes.remove,
      move: method(Operations.move, AccountsRequest.move),
      batchMove: method(Operations.batchMove, AccountsRequest.batchMove),
      listOrganizations: method(Operations.listOrganizations, AccountsRequest.listOrganizations),
      getProfile,
      updateProfile: method(Operations.updateProfile, AccountsRequest.updateProfile),
      patchProfile: writes.patchProfile,
      pages: streams.pages,
      pageRange: streams.pageRange,
      all: streams.all,
      concurrency: options.concurrency
    } satisfies Service
  })

/** @internal */
export const forEach = <A, B, E, R>(
  items: Iterable<A>,
  f: (item: A) => Effect.Effect<B, E, R>
): Effect.Effect<Array<B>, E, R | AccountsClient> =>
  Effect.flatMap(AccountsClient, (client) => Effect.forEach(items, f, { concurrency: client.concurrency }))

/** @internal */
export const layer = (
  options: ClientOptions.ClientOptions
): Layer.Layer<AccountsClient, ConfigurationError, HttpClient.HttpClient> => Layer.effect(AccountsClient, make(options))

/** @internal */
export const layerConfig = (
  overrides: Partial<ClientOptions.ClientOptions> = {}
): Layer.Layer<AccountsClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.effect(AccountsClient, Effect.flatMap(ClientOptions.fromConfig(overrides), make))

/** @internal */
export const layerWithHttpClient = (
  options: ClientOptions.ClientOptions,
  httpClient: HttpClient.HttpClient
): Layer.Layer<AccountsClient, ConfigurationError> =>
  Layer.provide(layer(options), Layer.succeed(HttpClient.HttpClient, httpClient))
