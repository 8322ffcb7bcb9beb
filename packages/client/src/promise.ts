/**
 * A Promise facade over the Effect service, for code that does not use Effect:
 * the same implementation through one `ManagedRuntime`, rejecting with the same
 * error classes, lists as async iterables.
 *
 * @example
 * import { createAccountsClient } from "@cf-accounts/client/promise"
 * // CLOUDFLARE_API_TOKEN (or another credential) and CLOUDFLARE_BASE_URL from the environment
 * const client = createAccountsClient()
 * for await (const account of client.all()) console.log(account.name)
 * await client.close()
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import * as AccountsClient from "./AccountsClient.js"
import type * as ClientOptions from "./ClientOptions.js"

type Service = AccountsClient.Service

type Promised<F> = F extends (...args: infer Args) => Effect.Effect<infer A, infer _E, infer _R>
  ? (...args: Args) => Promise<A>
  : never

/**
 * @since 0.1.0
 */
export interface PromiseAccountsClient {
  readonly create: Promised<Service["create"]>
  readonly list: Promised<Service["list"]>
  readonly get: Promised<Service["get"]>
  readonly update: Promised<Service["update"]>
  readonly patch: Promised<Service["patch"]>
  readonly delete: Promised<Service["delete"]>
  readonly move: Promised<Service["move"]>
  readonly batchMove: Promised<Service["batchMove"]>
  readonly listOrganizations: Promised<Service["listOrganizations"]>
  readonly getProfile: Promised<Service["getProfile"]>
  readonly updateProfile: Promised<Service["updateProfile"]>
  /** Rejects with `IncompleteListingError` when the listing stays inconsistent (see `AccountsClient.pages`). */
  readonly pages: (params?: AccountsClient.StreamParams) => AsyncIterable<AccountsClient.AccountsPage>
  readonly all: (params?: AccountsClient.StreamParams) => AsyncIterable<AccountsClient.AccountsPage["result"][number]>
  /** Releases the runtime. */
  readonly close: () => Promise<void>
}

/**
 * Every option may be left out: what is not given is read from the same
 * `CLOUDFLARE_*` variables as `AccountsClient.layerConfig()`.
 *
 * @since 0.1.0
 */
export interface PromiseClientOptions extends Partial<ClientOptions.ClientOptions> {
  /** The HTTP client to use; default `fetch`. */
  readonly httpClient?: HttpClient.HttpClient | undefined
}

/**
 * Creates a client whose methods return Promises. Failures reject with the
 * error classes of `@cf-accounts/core` (e.g. `NotFoundError`). Options not
 * given come from the environment as with `AccountsClient.layerConfig()`
 * (`ClientOptions.fromConfig`): credentials (`CLOUDFLARE_API_TOKEN`, ...) and
 * `CLOUDFLARE_BASE_URL`; explicit options win. Missing or conflicting
 * credentials reject the first call with `ConfigurationError`.
 *
 * @since 0.1.0
 */
export const createAccountsClient = (options: PromiseClientOptions = {}): PromiseAccountsClient => {
  const { httpClient, ...overrides } = options
  const layer = AccountsClient.layerConfig(overrides).pipe(
    Layer.provide(httpClient === undefined ? FetchHttpClient.layer : Layer.succeed(HttpClient.HttpClient, httpClient))
  )
  const runtime = ManagedRuntime.make(layer)

  const run = <A, E>(f: (client: Service) => Effect.Effect<A, E>): Promise<A> =>
    runtime.runPromiseExit(Effect.flatMap(AccountsClient.AccountsClient, f)).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      throw Cause.squash(exit.cause)
    })

  const iterate = <A, E>(f: (client: Service) => Stream.Stream<A, E>): AsyncIterable<A> => ({
    [Symbol.asyncIterator]: () => {
      let iterator: AsyncIterator<A> | undefined
      const start = async () => {
        if (iterator === undefined) {
          const rt = await runtime.runtime()
          // The iterable rejects with `Cause.squash` of a failure: the typed error itself.
          const stream = Stream.unwrap(Effect.map(AccountsClient.AccountsClient, f))
          iterator = Stream.toAsyncIterableRuntime(stream, rt)[Symbol.asyncIterator]()
        }
        return iterator
      }
      return {
        next: async () => (await start()).next(),
        return: async (value?: unknown) => {
          const it = await start()
          return it.return === undefined ? { done: true as const, value: undefined as A } : it.return(value)
        }
      }
    }
  })

  return {
    create: (...args) => run((c) => c.create(...args)),
    list: (...args) => run((c) => c.list(...args)),
    get: (...args) => run((c) => c.get(...args)),
    update: (...args) => run((c) => c.update(...args)),
    patch: (...args) => run((c) => c.patch(...args)),
    delete: (...args) => run((c) => c.delete(...args)),
    move: (...args) => run((c) => c.move(...args)),
    batchMove: (...args) => run((c) => c.batchMove(...args)),
    listOrganizations: (...args) => run((c) => c.listOrganizations(...args)),
    getProfile: (...args) => run((c) => c.getProfile(...args)),
    updateProfile: (...args) => run((c) => c.updateProfile(...args)),
    pages: (params) => iterate((c) => c.pages(params)),
    all: (params) => iterate((c) => c.all(params)),
    close: () => runtime.dispose()
  }
}
