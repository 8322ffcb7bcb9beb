/**
 * The Accounts API as an Effect service: every operation of core's
 * `Operations` table, each validated before anything is sent, traced as a span,
 * rate limited, retried by the {@link RetryPolicy} and timed out per attempt and
 * overall. The engine is in `internal/call.ts`; the listing streams in
 * `internal/streams.ts`.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/accountsClient.js"

/** What any request can fail with once it was sent. @since 0.1.0 */
export type ApiError = internal.ApiError

/** What a call can fail with: bad input (nothing sent), or an {@link ApiError}. @since 0.1.0 */
export type CallError = internal.CallError

/** @since 0.1.0 */
export type CreateInput = internal.CreateInput

/** @since 0.1.0 */
export type ListParams = internal.ListParams

/** @since 0.1.0 */
export type PageParams = internal.PageParams

/** @since 0.1.0 */
export type Patched = internal.Patched

/** @since 0.1.0 */
export type Created = internal.Created

/** @since 0.1.0 */
export type UpdateInput = internal.UpdateInput

/** The changes of `patch`: a name, settings. @since 0.1.0 */
export type PatchInput = internal.PatchInput

/** `account_ids` may be any list here; an empty one is an `InvalidInputError`. @since 0.1.0 */
export type BatchMoveInput = internal.BatchMoveInput

/** @since 0.1.0 */
export type ProfileInput = internal.ProfileInput

/** The changes of `patchProfile`: any of the five profile fields. @since 0.1.0 */
export type ProfileChangesInput = internal.ProfileChangesInput

// The listing's types live in `Listing.ts`; re-exported here, where they were first published.
export type { AccountsPage, ListingWarning, PageRangeParams, StreamError, StreamParams } from "./Listing.js"

/**
 * @since 0.1.0
 */
export type Service = internal.Service

/**
 * @since 0.1.0
 */
export const AccountsClient = internal.AccountsClient
/** @since 0.1.0 */
export type AccountsClient = internal.AccountsClient

/**
 * Builds the service from options; needs an `HttpClient`. Fails with a
 * `ConfigurationError` naming the option when one is not valid.
 *
 * @since 0.1.0
 */
export const make = internal.make

/**
 * Runs `f` for each item with the client's bulk concurrency (default 8), results in order.
 *
 * @example
 * // yield* AccountsClient.forEach(ids, (id) => client.delete(id))
 *
 * @since 0.1.0
 */
export const forEach = internal.forEach

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
export const layer = internal.layer

/**
 * The client from `Config`: `CLOUDFLARE_API_TOKEN` (or `CLOUDFLARE_API_KEY` +
 * `CLOUDFLARE_EMAIL`, or `CLOUDFLARE_API_USER_SERVICE_KEY`) and
 * `CLOUDFLARE_BASE_URL`; `overrides` win.
 *
 * @since 0.1.0
 */
export const layerConfig = internal.layerConfig

/**
 * The client over a given `HttpClient`: for tests with a fake (`HttpClient.make`).
 *
 * @since 0.1.0
 */
export const layerWithHttpClient = internal.layerWithHttpClient
