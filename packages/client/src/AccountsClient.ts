/**
 * The Accounts API as an Effect service: all ten operations, each validated
 * before anything is sent, traced as a span, rate limited, retried by the
 * {@link RetryPolicy} and timed out per attempt and overall.
 *
 * @since 0.1.0
 */
import * as Account from "@cf-accounts/core/Account"
import * as AccountProfile from "@cf-accounts/core/AccountProfile"
import {
  type CloudflareApiError,
  type ConfigurationError,
  IncompleteListingError,
  InvalidInputError,
  type OutcomeUnknownError,
  type ResponseDecodeError,
  type TimeoutError,
  type TransportError
} from "@cf-accounts/core/CloudflareError"
import * as Envelope from "@cf-accounts/core/Envelope"
import type * as Ids from "@cf-accounts/core/Ids"
import * as Move from "@cf-accounts/core/Move"
import * as Organization from "@cf-accounts/core/Organization"
import type { ResultInfo } from "@cf-accounts/core/ResultInfo"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as AccountsRequest from "./AccountsRequest.js"
import * as ClientOptions from "./ClientOptions.js"
import * as Credentials from "./Credentials.js"
import * as CreateReconciliation from "./internal/createReconciliation.js"
import * as ErrorMapping from "./internal/errorMapping.js"
import * as Pagination from "./internal/pagination.js"
import * as RateLimiter from "./RateLimiter.js"
import * as RetryPolicy from "./RetryPolicy.js"

/**
 * What any request can fail with once it was sent.
 *
 * @since 0.1.0
 */
export type ApiError = CloudflareApiError | TransportError | TimeoutError | ResponseDecodeError

/**
 * What a call can fail with: bad input (nothing sent), or an {@link ApiError}.
 *
 * @since 0.1.0
 */
export type CallError = InvalidInputError | ApiError

/**
 * @since 0.1.0
 */
export interface CreateInput {
  readonly name: string
  readonly type?: "standard" | "enterprise" | undefined
  readonly unit?: { readonly id?: string | undefined } | undefined
}

/**
 * @since 0.1.0
 */
export interface ListParams {
  readonly name?: string | undefined
  readonly page?: number | undefined
  readonly per_page?: number | undefined
  readonly direction?: "asc" | "desc" | undefined
}

/**
 * @since 0.1.0
 */
export type PageParams = Omit<ListParams, "page">

/**
 * Parameters of `pages`/`all`: the listing's parameters (`per_page` defaults to
 * 50) and its bounds.
 *
 * - `maxPasses` (default 3): passes in all. A pass that is not a consistent
 *   snapshot (see the README's Pagination section) is restarted from page 1
 *   after 1 s, then 2 s; after the last one the stream fails with
 *   `IncompleteListingError`.
 * - `maxPages`: pages one pass may fetch. Default: the pages the first
 *   `total_count` needs plus a tenth (at least 2); 10,000 when the server sends
 *   no `total_count`. Needing more is an `IncompleteListingError`.
 *
 * @example
 * // fail at once on the first inconsistency, never fetch more than 100 pages
 * client.all({ per_page: 50, maxPasses: 1, maxPages: 100 })
 *
 * @since 0.2.0
 */
export interface StreamParams extends PageParams {
  readonly maxPasses?: number | undefined
  readonly maxPages?: number | undefined
}

/**
 * Parameters of `pageRange`: pages `from` to `to` (inclusive) of the listing
 * with these `name`, `direction` and `per_page`, whose page 1 reported
 * `total_count` `total`.
 *
 * @example
 * // pages 2 to 11 of a listing whose page 1 said 1,000 accounts
 * client.pageRange({ per_page: 50, direction: "asc", from: 2, to: 11, total: 1000 })
 *
 * @since 0.1.0
 */
export interface PageRangeParams extends PageParams {
  readonly per_page: number
  readonly from: number
  readonly to: number
  readonly total: number
}

/**
 * What `pages`/`all` can fail with: a {@link CallError}, or an
 * `IncompleteListingError` when the listing stayed inconsistent through every
 * pass or ran past `maxPages`.
 *
 * @since 0.2.0
 */
export type StreamError = CallError | IncompleteListingError

/**
 * @since 0.1.0
 */
export interface UpdateInput {
  readonly id: string
  readonly name: string
  readonly type: "standard" | "enterprise"
  readonly settings?: Account.AccountSettings | undefined
}

/**
 * @since 0.1.0
 */
export interface PatchInput {
  readonly name?: string | undefined
  readonly settings?: Partial<Account.AccountSettings> | undefined
}

/**
 * @since 0.1.0
 */
export interface BatchMoveInput {
  readonly account_ids: ReadonlyArray<string>
  readonly destination_organization_id: string
}

/**
 * One page of `GET /accounts`.
 *
 * @since 0.1.0
 */
export interface AccountsPage {
  readonly result: ReadonlyArray<Account.Account>
  /** Absent, or with fields missing, when the server leaves them out (the spec makes them optional). */
  readonly result_info?: ResultInfo | undefined
}

/**
 * @since 0.1.0
 */
export interface Service {
  /**
   * `POST /accounts`. Never sent twice, and never returns an account that existed
   * before the call (the name is looked up first); see the README on creation.
   */
  readonly create: (input: CreateInput) => Effect.Effect<Account.Account, CallError | OutcomeUnknownError>
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
   * `GET` then `DELETE /accounts/{account_id}`: the id asked for. An account that
   * is not there fails with `NotFoundError` before any `DELETE` is sent.
   */
  readonly delete: (accountId: string) => Effect.Effect<{ readonly id: Ids.AccountId }, CallError>
  /** `POST /accounts/{account_id}/move`. */
  readonly move: (
    accountId: string,
    destinationOrganizationId: string
  ) => Effect.Effect<Move.MoveAccountResult, CallError>
  /** `POST /accounts/move`. */
  readonly batchMove: (input: BatchMoveInput) => Effect.Effect<Move.BatchMoveResult, CallError>
  /** `GET /accounts/{account_id}/organizations`. */
  readonly listOrganizations: (
    accountId: string
  ) => Effect.Effect<ReadonlyArray<Organization.Organization>, CallError>
  /** `GET /accounts/{account_id}/profile`. */
  readonly getProfile: (accountId: string) => Effect.Effect<AccountProfile.AccountProfile, CallError>
  /** `PUT /accounts/{account_id}/profile` (204, no body). */
  readonly updateProfile: (accountId: string, profile: AccountProfile.AccountProfile) => Effect.Effect<void, CallError>
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
  /** Runs `f` for each item with the client's bulk concurrency (default 8), results in order. */
  readonly forEach: <A, B, E, R>(
    items: Iterable<A>,
    f: (item: A) => Effect.Effect<B, E, R>
  ) => Effect.Effect<Array<B>, E, R>
}

/**
 * @since 0.1.0
 */
export class AccountsClient extends Context.Tag("@cf-accounts/client/AccountsClient")<AccountsClient, Service>() {}

const AccountEnvelope = Envelope.Envelope(Account.Account)
const PageEnvelope = Envelope.PagedEnvelope(Account.Account)
const AnyEnvelope = Envelope.Envelope(Schema.Unknown)
const MoveEnvelope = Envelope.Envelope(Move.MoveAccountResult)
const BatchMoveEnvelope = Envelope.Envelope(Move.BatchMoveResult)
const OrganizationsEnvelope = Envelope.Envelope(Schema.Array(Organization.Organization))
const ProfileEnvelope = Envelope.Envelope(AccountProfile.AccountProfile)

const formatWait = (wait: Duration.Duration): string => {
  const ms = Math.round(Duration.toMillis(wait))
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1).replace(/\.0$/, "")}s`
}

const describeFailure = (error: ApiError): string => {
  switch (error._tag) {
    case "TimeoutError":
      return "timeout"
    case "TransportError":
      return `${error.reason} error`
    default:
      return String(error.status)
  }
}

interface RunOptions<A> {
  readonly mode: RetryPolicy.Mode
  /** The value of an empty 2xx body, when one is allowed (204). */
  readonly empty?: Option.Option<A>
}

/** Per-call bookkeeping shared by its attempts. */
interface CallState {
  readonly attempts: Ref.Ref<number>
  /** An attempt failed in a way that leaves its outcome open (timeout, reset after sending, 5xx, 408). */
  readonly ambiguous: Ref.Ref<boolean>
  /** An attempt is on the wire: if the deadline interrupts it, its outcome is open too. */
  readonly inFlight: Ref.Ref<boolean>
}

/**
 * Builds the service from options; needs an `HttpClient`. Fails with a
 * `ConfigurationError` naming the option when one is not valid.
 *
 * @since 0.1.0
 */
export const make = (
  input: ClientOptions.ClientOptions
): Effect.Effect<Service, ConfigurationError, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const options = yield* ClientOptions.resolve(input)
    const limiter = options.rateLimit === false ? RateLimiter.unlimited : yield* RateLimiter.make(options.rateLimit)
    const secrets = Credentials.secretValues(options.credentials)
    const baseClient = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.prependUrl(options.baseUrl),
          HttpClientRequest.setHeaders({
            ...Credentials.toHeaders(options.credentials),
            accept: "application/json",
            "user-agent": options.userAgent
          })
        )
      )
    )
    const http = options.transformClient === undefined ? baseClient : options.transformClient(baseClient)
    const redactSecrets = Effect.locallyWith(Headers.currentRedactedNames, (names) => [
      ...names,
      ...Credentials.secretHeaderNames
    ])
    // Cloudflare's API never redirects, and a followed redirect would carry the credential
    // headers to wherever it points. Fetch-based clients get `redirect: "manual"` on every
    // request, over any `RequestInit` provided where the client was built or where it is
    // called; other clients do not follow by default. A 3xx is a RedirectError either way.
    const initAtMake = yield* Effect.serviceOption(FetchHttpClient.RequestInit)
    const neverFollow = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.flatMap(Effect.serviceOption(FetchHttpClient.RequestInit), (initAtCall) =>
        Effect.provideService(effect, FetchHttpClient.RequestInit, {
          ...Option.getOrUndefined(initAtMake),
          ...Option.getOrUndefined(initAtCall),
          redirect: "manual"
        })
      )

    const toRequest = (spec: AccountsRequest.RequestSpec): HttpClientRequest.HttpClientRequest => {
      const request = HttpClientRequest.make(spec.method)(spec.path, { urlParams: spec.urlParams })
      return spec.body === undefined ? request : HttpClientRequest.bodyUnsafeJson(request, spec.body)
    }

    /** One attempt: take a rate-limit slot, send, read, interpret; timed out per attempt. */
    const attempt = <A, I>(
      spec: AccountsRequest.RequestSpec,
      envelope: Schema.Schema<A, I>,
      empty: Option.Option<A>,
      state: CallState
    ): Effect.Effect<A, ApiError> =>
      Effect.gen(function* () {
        const context: ErrorMapping.RequestContext = { method: spec.method, route: spec.route, secrets }
        yield* limiter.take
        const n = yield* Ref.updateAndGet(state.attempts, (n) => n + 1)
        const start = yield* Clock.currentTimeMillis
        yield* Ref.set(state.inFlight, true)
        const exchange = yield* Effect.either(
          Effect.gen(function* () {
            const response = yield* neverFollow(http.execute(toRequest(spec)))
            const text = yield* response.text
            return { status: response.status, headers: response.headers, text, url: response.request.url }
          }).pipe(
            Effect.mapError((error) => ErrorMapping.fromHttpClientError(error, context)),
            Effect.timeoutFail({
              duration: options.timeout,
              onTimeout: () => ErrorMapping.timeoutError(context, options.timeout)
            }),
            redactSecrets
          )
        )
        yield* Ref.set(state.inFlight, false)
        const now = yield* Clock.currentTimeMillis
        const outcome = Either.isRight(exchange) ? String(exchange.right.status) : `failed (${describeFailure(exchange.left)})`
        yield* Effect.logDebug(`HTTP ${spec.method} ${spec.route} ${outcome} in ${now - start}ms (attempt ${n})`)
        if (Either.isLeft(exchange)) return yield* exchange.left
        return yield* ErrorMapping.interpret(context, exchange.right, envelope, { empty, now })
      })

    /**
     * Attempts with retries inside, the overall deadline outside. A final failure
     * goes to `recover` with whether the outcome of some attempt is open.
     */
    const execute = <A, I, B, E>(
      spec: AccountsRequest.RequestSpec,
      envelope: Schema.Schema<A, I>,
      runOptions: RunOptions<A>,
      recover: (error: ApiError, ambiguous: boolean) => Effect.Effect<B, E>
    ): Effect.Effect<A | B, E> =>
      Effect.gen(function* () {
        const state: CallState = {
          attempts: yield* Ref.make(0),
          ambiguous: yield* Ref.make(false),
          inFlight: yield* Ref.make(false)
        }
        const schedule = RetryPolicy.schedule<ApiError>(
          options.retry,
          (error) => RetryPolicy.shouldRetry(options.retry, runOptions.mode, error),
          ({ delay, error, retry }) =>
            Effect.logDebug(
              `retrying ${spec.method} ${spec.route} in ${formatWait(delay)} after ${describeFailure(error)} (attempt ${
                retry + 2
              } of ${options.retry.maxAttempts})`
            )
        )
        return yield* attempt(spec, envelope, runOptions.empty ?? Option.none(), state).pipe(
          Effect.tapError((error) => (RetryPolicy.isAmbiguous(error) ? Ref.set(state.ambiguous, true) : Effect.void)),
          Effect.retry(schedule),
          Effect.timeoutFail({
            duration: options.deadline,
            onTimeout: () => ErrorMapping.timeoutError({ method: spec.method, route: spec.route, secrets }, options.deadline)
          }),
          Effect.catchAll((error) =>
            Effect.flatMap(
              Effect.zipWith(Ref.get(state.ambiguous), Ref.get(state.inFlight), (a, b) => a || b),
              (ambiguous) => recover(error, ambiguous)
            )
          )
        )
      })

    const run = <A, I>(
      spec: AccountsRequest.RequestSpec,
      envelope: Schema.Schema<A, I>,
      runOptions: RunOptions<A>
    ): Effect.Effect<A, ApiError> => execute(spec, envelope, runOptions, Effect.fail)

    const annotate = (spec: AccountsRequest.RequestSpec) =>
      Effect.annotateCurrentSpan({
        "http.request.method": spec.method,
        "http.route": spec.route,
        ...(spec.accountId === undefined ? {} : { "cloudflare.account_id": spec.accountId })
      })

    const idempotent = { mode: "idempotent" } as const

    const listPage = (spec: AccountsRequest.RequestSpec): Effect.Effect<AccountsPage, ApiError> =>
      Effect.map(run(spec, PageEnvelope, idempotent), ({ result, result_info }) => ({ result, result_info }))

    const list = Effect.fn("AccountsClient.list")(function* (params?: ListParams) {
      const spec = yield* AccountsRequest.list(params ?? {})
      yield* annotate(spec)
      return yield* listPage(spec)
    })

    const positive = (field: string, value: number | undefined) =>
      value === undefined || (Number.isSafeInteger(value) && value >= 1)
        ? Effect.void
        : Effect.fail(new InvalidInputError({ field, rule: "must be a whole number of at least 1", value }))

    /** Page `page` of the listing `base`, as a span named `span`. */
    const fetchPage = (span: string, base: PageParams) => (page: number) =>
      Effect.flatMap(AccountsRequest.list({ ...base, page }), (spec) =>
        listPage(spec).pipe(Effect.withSpan(span, { attributes: { "http.route": spec.route, page } }))
      )

    const incomplete = (first: AccountsRequest.RequestSpec) => (summary: Pagination.Summary) =>
      new IncompleteListingError({ method: first.method, route: first.route, ...summary, totals: [...summary.totals] })

    const pages = (params?: StreamParams): Stream.Stream<AccountsPage, StreamError> =>
      Stream.unwrap(
        Effect.gen(function* () {
          const { maxPasses = 3, maxPages, ...listParams } = params ?? {}
          yield* positive("maxPasses", maxPasses)
          yield* positive("maxPages", maxPages)
          const base = { ...listParams, per_page: listParams.per_page ?? 50 }
          // Validates the parameters once, before the first request.
          const first = yield* AccountsRequest.list(base)
          return Pagination.pages(fetchPage("AccountsClient.pages", base), {
            perPage: base.per_page,
            prefetch: options.prefetch,
            maxPasses,
            maxPages,
            restartDelay: Duration.seconds(1),
            onRestart: (pass, reason, delay) =>
              Effect.logWarning(
                `${first.method} ${first.route} listing inconsistent (${reason}); restarting in ${formatWait(
                  delay
                )} (pass ${pass} of ${maxPasses})`
              ),
            incomplete: incomplete(first)
          })
        })
      )

    const pageRange = (params: PageRangeParams): Stream.Stream<AccountsPage, StreamError> =>
      Stream.unwrap(
        Effect.gen(function* () {
          const { from, to, total, ...base } = params
          yield* positive("from", from)
          yield* positive("to", to)
          if (to < from) return yield* new InvalidInputError({ field: "to", rule: `must be at least from (${from})`, value: to })
          if (!Number.isSafeInteger(total) || total < 0) {
            return yield* new InvalidInputError({ field: "total", rule: "must be a whole number of at least 0", value: total })
          }
          // Validates the parameters once, before the first request.
          const first = yield* AccountsRequest.list(base)
          return Pagination.range(fetchPage("AccountsClient.pageRange", base), {
            perPage: base.per_page,
            prefetch: options.prefetch,
            from,
            to,
            total,
            incomplete: incomplete(first)
          })
        })
      )

    const all = (params?: StreamParams): Stream.Stream<Account.Account, StreamError> =>
      Stream.flatMap(pages(params), (page) => Stream.fromIterable(page.result))

    const get = Effect.fn("AccountsClient.get")(function* (accountId: string) {
      const spec = yield* AccountsRequest.get(accountId)
      yield* annotate(spec)
      return (yield* run(spec, AccountEnvelope, idempotent)).result
    })

    const update = Effect.fn("AccountsClient.update")(function* (account: UpdateInput) {
      const spec = yield* AccountsRequest.update(account)
      yield* annotate(spec)
      return (yield* run(spec, AccountEnvelope, idempotent)).result
    })

    const patch = Effect.fn("AccountsClient.patch")(function* (accountId: string, changes: PatchInput) {
      // Both checked before anything is sent; then read, merge (Merge.account), write.
      const id = yield* AccountsRequest.accountId(accountId)
      const checked = yield* AccountsRequest.changes(changes)
      const spec = yield* AccountsRequest.patch(yield* get(id), checked)
      yield* annotate(spec)
      return (yield* run(spec, AccountEnvelope, idempotent)).result
    })

    const remove = Effect.fn("AccountsClient.delete")(function* (accountId: string) {
      const spec = yield* AccountsRequest.delete(accountId)
      yield* annotate(spec)
      const id = spec.accountId!
      // The account must exist before anything is deleted: a 404 here is NotFoundError
      // with no DELETE sent. So a 404 after a DELETE attempt whose outcome is open means
      // it was there when the call began and is gone now: that attempt deleted it.
      yield* get(id)
      yield* execute(spec, AnyEnvelope, idempotent, (error, ambiguous) =>
        error._tag === "NotFoundError" && ambiguous ? Effect.void : Effect.fail(error)
      )
      return { id }
    })

    const move = Effect.fn("AccountsClient.move")(function* (accountId: string, destinationOrganizationId: string) {
      const spec = yield* AccountsRequest.move(accountId, destinationOrganizationId)
      yield* annotate(spec)
      return (yield* run(spec, MoveEnvelope, idempotent)).result
    })

    const batchMove = Effect.fn("AccountsClient.batchMove")(function* (input: BatchMoveInput) {
      const spec = yield* AccountsRequest.batchMove(input)
      yield* annotate(spec)
      return (yield* run(spec, BatchMoveEnvelope, idempotent)).result
    })

    const listOrganizations = Effect.fn("AccountsClient.listOrganizations")(function* (accountId: string) {
      const spec = yield* AccountsRequest.listOrganizations(accountId)
      yield* annotate(spec)
      return (yield* run(spec, OrganizationsEnvelope, idempotent)).result
    })

    const getProfile = Effect.fn("AccountsClient.getProfile")(function* (accountId: string) {
      const spec = yield* AccountsRequest.getProfile(accountId)
      yield* annotate(spec)
      return (yield* run(spec, ProfileEnvelope, idempotent)).result
    })

    const updateProfile = Effect.fn("AccountsClient.updateProfile")(function* (
      accountId: string,
      profile: AccountProfile.AccountProfile
    ) {
      const spec = yield* AccountsRequest.updateProfile(accountId, profile)
      yield* annotate(spec)
      yield* run(spec, Schema.Unknown, { mode: "idempotent", empty: Option.some(undefined) })
    })

    const create = Effect.fn("AccountsClient.create")(function* (input: CreateInput) {
      const spec = yield* AccountsRequest.create(input)
      yield* annotate(spec)
      // The body was built from a decoded CreateAccount, whose encoded `name` is the same string.
      const name = (spec.body as Account.CreateAccount).name
      const since = yield* Clock.currentTimeMillis
      const lookup = (name: string) => all({ name })
      // The accounts already named so: never to be taken for the one this call creates.
      const baseline = yield* CreateReconciliation.baseline(lookup, name)
      // Retried only while provably not processed; once an attempt's outcome is open
      // (including one the deadline cut short, or a 2xx whose body could not be read)
      // it is never sent again, only looked up.
      const envelope = yield* execute(
        spec,
        AccountEnvelope,
        { mode: "create" },
        (error, ambiguous): Effect.Effect<{ readonly result: Account.Account }, ApiError | OutcomeUnknownError> => {
          const answeredOk = error._tag === "ResponseDecodeError" && error.status >= 200 && error.status <= 299
          if (!ambiguous && !answeredOk) return Effect.fail(error)
          return Effect.map(
            CreateReconciliation.reconcile({
              lookup,
              name,
              baseline,
              since,
              clockSkewMillis: Duration.toMillis(options.clockSkew),
              failure: answeredOk ? `${error.status} with an unreadable body` : describeFailure(error),
              answeredOk,
              method: spec.method,
              route: spec.route
            }),
            (result) => ({ result })
          )
        }
      )
      return envelope.result
    })

    const forEach = <A, B, E, R>(items: Iterable<A>, f: (item: A) => Effect.Effect<B, E, R>) =>
      Effect.forEach(items, f, { concurrency: options.concurrency })

    return {
      create,
      list,
      get,
      update,
      patch,
      delete: remove,
      move,
      batchMove,
      listOrganizations,
      getProfile,
      updateProfile,
      pages,
      pageRange,
      all,
      forEach
    } satisfies Service
  })

/**
 * The client from options; needs an `HttpClient` (e.g. `FetchHttpClient.layer`).
 *
 * @example
 * import { AccountsClient, Credentials } from "@cf-accounts/client"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 * const Live = AccountsClient.layer({ credentials: Credentials.apiToken("...") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * @since 0.1.0
 */
export const layer = (
  options: ClientOptions.ClientOptions
): Layer.Layer<AccountsClient, ConfigurationError, HttpClient.HttpClient> => Layer.effect(AccountsClient, make(options))

/**
 * The client from `Config`: `CLOUDFLARE_API_TOKEN` (or `CLOUDFLARE_API_KEY` +
 * `CLOUDFLARE_EMAIL`, or `CLOUDFLARE_API_USER_SERVICE_KEY`) and
 * `CLOUDFLARE_BASE_URL`; `overrides` win.
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides: Partial<ClientOptions.ClientOptions> = {}
): Layer.Layer<AccountsClient, ConfigurationError, HttpClient.HttpClient> =>
  Layer.effect(AccountsClient, Effect.flatMap(ClientOptions.fromConfig(overrides), make))

/**
 * The client over a given `HttpClient`: for tests with a fake (`HttpClient.make`).
 *
 * @since 0.1.0
 */
export const layerWithHttpClient = (
  options: ClientOptions.ClientOptions,
  httpClient: HttpClient.HttpClient
): Layer.Layer<AccountsClient, ConfigurationError> =>
  Layer.provide(layer(options), Layer.succeed(HttpClient.HttpClient, httpClient))
