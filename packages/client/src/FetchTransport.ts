/**
 * An `HttpClient` over the global `fetch` for this client: it spends about
 * half of `FetchHttpClient`'s CPU on a request by reading each body in one
 * async step, and hands traced requests and streamed bodies to
 * `FetchHttpClient` itself (spans and `traceparent` unchanged). It reads
 * `FetchHttpClient.Fetch` and `FetchHttpClient.RequestInit` as that client
 * does. Any other `HttpClient` works with the client too.
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
