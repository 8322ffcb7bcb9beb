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
import * as internal from "./internal/promiseClient.js"

/**
 * The parameters of the Promise `all`/`pages`: those of the service, with
 * `onWarning` a plain callback. Without it, a warning is also logged, to stderr
 * (the facade's log lines never go to stdout).
 *
 * @since 0.1.0
 */
export type PromiseStreamParams = internal.PromiseStreamParams

/**
 * A listing as an async iterable, with what it could not verify.
 *
 * @example
 * const accounts = client.all()
 * for await (const account of accounts) console.log(account.name)
 * for (const warning of accounts.warnings) console.warn(warning.message)
 *
 * @since 0.1.0
 */
export type ListingIterable<A> = internal.ListingIterable<A>

/**
 * The service's methods, derived from `AccountsClient.Service`: each Effect as a
 * Promise, each Stream (`pages`, `all`, ...) as an async iterable that rejects with
 * the stream's error (e.g. `IncompleteListingError`); those of `all` and `pages`
 * carry the listing's `warnings` ({@link ListingIterable}). Values (`concurrency`)
 * are left out.
 *
 * @since 0.1.0
 */
export type PromiseAccountsClient = internal.PromiseAccountsClient

/**
 * Every option may be left out: what is not given is read from the same
 * `CLOUDFLARE_*` variables as `AccountsClient.layerConfig()`.
 *
 * @since 0.1.0
 */
export type PromiseClientOptions = internal.PromiseClientOptions

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
export const createAccountsClient = internal.createAccountsClient
