/**
 * An `HttpClient` over the global `fetch` for this client, made with
 * `HttpClient.make` as `FetchHttpClient` is (spans, `traceparent` and aborts
 * are `@effect/platform`'s), whose responses read their body in one async
 * step. It reads `FetchHttpClient.Fetch` and `FetchHttpClient.RequestInit` as
 * that client does. Any other `HttpClient` works with the client too.
 *
 * @example
 * import { AccountsClient, FetchTransport } from "@cf-accounts/client"
 * import * as Layer from "effect/Layer"
 * const Live = AccountsClient.layerConfig().pipe(Layer.provide(FetchTransport.layer))
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Layer from "effect/Layer"
import * as internal from "./internal/fetchTransport.js"

/**
 * The transport as the `HttpClient` service.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = internal.layer
