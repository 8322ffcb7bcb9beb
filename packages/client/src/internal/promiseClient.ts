/**
 * The engine of `promise` (the public module holds its documentation).
 *
 * @internal
 */
import * as Operations from "@cf-accounts/core/Operations"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import * as AccountsClient from "./accountsClient.js"
import * as FetchTransport from "./fetchTransport.js"
import type * as ClientOptions from "./clientOptions.js"
import type { ListingWarning, StreamError, StreamParams } from "../Listing.js"

type Service = AccountsClient.Service

type Promised<F> = F extends (...args: infer Args) => Effect.Effect<infer A, infer _E, infer _R>
  ? (...args: Args) => Promise<A>
  : never

type Iterated<F> = F extends (...args: infer Args) => Stream.Stream<infer A, infer _E, infer _R>
  ? (...args: Args) => AsyncIterable<A>
  : never

/** How each member of the service is offered: an Effect as a Promise, a Stream as an async iterable. */
type Kind<F> = F extends (...args: ReadonlyArray<never>) => Effect.Effect<infer _A, infer _E, infer _R>
  ? "promise"
  : F extends (...args: ReadonlyArray<never>) => Stream.Stream<infer _A, infer _E, infer _R>
    ? "iterable"
    : "omitted"

type Offered<K extends keyof Service> = K extends Listings
  ? Listed<Service[K]>
  : Kind<Service[K]> extends "promise"
    ? Promised<Service[K]>
    : Iterated<Service[K]>

/** The listings that can warn: `all` and `pages`. */
type Listings = "all" | "pages"
const listings: ReadonlyArray<Listings> = ["all", "pages"]

type Listed<F> = F extends (params?: StreamParams) => Stream.Stream<infer A, infer _E, infer _R>
  ? (params?: PromiseStreamParams) => ListingIterable<A>
  : never

/** @internal */
export interface PromiseStreamParams extends Omit<StreamParams, "onWarning"> {
  readonly onWarning?: ((warning: ListingWarning) => void) | undefined
}

/** @internal */
export interface ListingIterable<A> extends AsyncIterable<A> {
  /**
   * The warnings of the latest iteration, filled as they arise (an `Uncounted`
   * or `BelowTotal` one when the listing completes): empty until then, and again
   * when another iteration starts.
   */
  readonly warnings: ReadonlyArray<ListingWarning>
}

/** @internal */
export type PromiseAccountsClient = {
  readonly [K in keyof Service as Kind<Service[K]> extends "omitted" ? never : K]: Offered<K>
} & {
  /** Releases the runtime. */
  readonly close: () => Promise<void>
}

/**
 * How the members that are not operations of core's table are offered; each
 * operation (`create`, `get`, ...) is a Promise. Typed by the service, so a
 * member added to it that is not an operation must be added here.
 */
const others: { readonly [K in Exclude<keyof Service, Operations.Name>]: Kind<Service[K]> } = {
  patch: "promise",
  patchWith: "promise",
  patchProfile: "promise",
  pages: "iterable",
  pageRange: "iterable",
  all: "iterable",
  concurrency: "omitted"
}

// Every operation of the table is a method of the service that returns an Effect.
const operationKinds: { readonly [K in Operations.Name]: Kind<Service[K]> } = Object.fromEntries(
  Object.keys(Operations.operations).map((name) => [name, "promise"])
) as { readonly [K in Operations.Name]: "promise" }

/** @internal */
export interface PromiseClientOptions extends Partial<ClientOptions.ClientOptions> {
  /** The HTTP client to use; default `fetch`. */
  readonly httpClient?: HttpClient.HttpClient | undefined
}

/** @internal */
export const createAccountsClient = (options: PromiseClientOptions = {}): PromiseAccountsClient => {
  const { httpClient, ...overrides } = options
  const layer = AccountsClient.layerConfig(overrides).pipe(
    Layer.provide(httpClient === undefined ? FetchTransport.layer : Layer.succeed(HttpClient.HttpClient, httpClient)),
    // A library's own lines (a listing's warning, a restart) go to stderr, never into a
    // program's stdout: Effect's default logger writes with console.log.
    Layer.provideMerge(Logger.replace(Logger.defaultLogger, Logger.withConsoleError(Logger.stringLogger)))
  )
  const runtime = ManagedRuntime.make(layer)

  // The service, once the runtime has made it: later calls skip looking it up.
  let service: Service | undefined
  const run = <A, E>(f: (client: Service) => Effect.Effect<A, E>): Promise<A> =>
    runtime
      .runPromiseExit(
        service === undefined
          ? Effect.flatMap(AccountsClient.AccountsClient, (made) => {
              service = made
              return f(made)
            })
          : f(service)
      )
      .then((exit) => {
        if (Exit.isSuccess(exit)) return exit.value
        throw Cause.squash(exit.cause)
      })

  // Chunk by chunk through the runtime (a page of accounts at a time), item by item to the
  // caller from the chunk in hand: one resolved promise per item, no generator to resume.
  // As with a generator, each `next` and `return` waits for the one before it to settle.
  const iterate = <A, E>(f: (client: Service) => Stream.Stream<A, E>): AsyncIterable<A> => ({
    [Symbol.asyncIterator]: (): AsyncIterator<A> => {
      const done: IteratorResult<A> = { done: true, value: undefined }
      let chunks: AsyncIterator<Chunk.Chunk<A>> | undefined
      let items: ReadonlyArray<A> = []
      let index = 0
      // After the end, a failure or `return`: done from then on.
      let finished = false
      const pull = async (): Promise<IteratorResult<A>> => {
        if (chunks === undefined) {
          const rt = await runtime.runtime()
          const stream = Stream.chunks(Stream.unwrap(Effect.map(AccountsClient.AccountsClient, f)))
          chunks = Stream.toAsyncIterableRuntime(stream, rt)[Symbol.asyncIterator]()
        }
        for (;;) {
          // The iterable rejects with `Cause.squash` of a failure: the typed error itself.
          const next = await chunks.next().catch((error: unknown) => {
            finished = true
            throw error
          })
          if (next.done === true) {
            finished = true
            return done
          }
          items = Chunk.toReadonlyArray(next.value)
          index = 0
          if (items.length > 0) return { done: false, value: items[index++]! }
        }
      }
      const take = (): Promise<IteratorResult<A>> =>
        finished ? Promise.resolve(done) : index < items.length ? Promise.resolve({ done: false, value: items[index++]! }) : pull()
      const close = async (): Promise<IteratorResult<A>> => {
        finished = true
        items = []
        await chunks?.return?.()
        return done
      }
      let last: Promise<unknown> | undefined
      /** `operation` once the one before it has settled. */
      const queued = (operation: () => Promise<IteratorResult<A>>): Promise<IteratorResult<A>> => {
        const result = (last ?? Promise.resolve()).then(operation, operation)
        const settled = result.then(
          () => undefined,
          () => undefined
        )
        last = settled
        void settled.then(() => {
          if (last === settled) last = undefined
        })
        return result
      }
      return {
        next: () => (last === undefined && !finished && index < items.length ? take() : queued(take)),
        return: () => queued(close)
      }
    }
  })

  /**
   * `all`/`pages` as an iterable whose `warnings` holds those of its latest
   * iteration; each warning also goes to the caller's `onWarning`, or is logged.
   */
  const listing = (name: Listings) => (params: PromiseStreamParams = {}) => {
    const { onWarning, ...rest } = params
    let warnings: Array<ListingWarning> = []
    const iterable = iterate((c): Stream.Stream<unknown, StreamError> => {
      const mine: Array<ListingWarning> = []
      warnings = mine
      return c[name]({
        ...rest,
        onWarning: (warning) =>
          Effect.zipRight(
            Effect.sync(() => mine.push(warning)),
            onWarning === undefined ? Effect.logWarning(warning.message) : Effect.sync(() => onWarning(warning))
          )
      })
    })
    return {
      [Symbol.asyncIterator]: () => iterable[Symbol.asyncIterator](),
      get warnings(): ReadonlyArray<ListingWarning> {
        return warnings
      }
    }
  }

  const offered: Record<string, unknown> = { close: () => runtime.dispose() }
  for (const [name, kind] of Object.entries({ ...operationKinds, ...others }) as Array<[keyof Service, "promise" | "iterable" | "omitted"]>) {
    // Each member is called on the service the runtime provides, with the caller's arguments.
    const call = (c: Service, args: ReadonlyArray<unknown>) => (c[name] as (...args: ReadonlyArray<unknown>) => never)(...args)
    if (kind === "promise") offered[name] = (...args: ReadonlyArray<unknown>) => run((c) => call(c, args))
    if (kind === "iterable") {
      offered[name] = (listings as ReadonlyArray<string>).includes(name)
        ? listing(name as Listings)
        : (...args: ReadonlyArray<unknown>) => iterate((c) => call(c, args))
    }
  }
  // Built from the operations and `others`, which the compiler checks against the service member by member.
  return offered as PromiseAccountsClient
}
