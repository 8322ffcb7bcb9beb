/**
 * The engine of `FetchTransport`: an `HttpClient` over `fetch`, made with
 * `HttpClient.make` as `FetchHttpClient` is, so every request takes one path:
 * the span, `traceparent`, the abort on interruption and the release of an
 * unread body are `@effect/platform`'s. What differs from `FetchHttpClient` is
 * the response: its body is read by one promise kept on it (`text`, `json` and
 * `urlParamsBody` share it) instead of a cached effect per getter; and the
 * context the transport was built in is read at each request (its `Fetch` and
 * `RequestInit` apply unless the request's own fiber has them) instead of
 * being merged into it.
 *
 * @internal
 */
import * as Cookies from "@effect/platform/Cookies"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/**
 * A response whose body is read at most once, by a promise kept on the
 * response. Like `FetchHttpClient`'s, a body read as text cannot then be read
 * as bytes, a form or a stream.
 */
class Response extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private textRead: Promise<string> | undefined
  private bytesRead: Promise<ArrayBuffer> | undefined
  private formRead: Promise<FormData> | undefined
  private headersRead: Headers.Headers | undefined
  private cookiesRead: Cookies.Cookies | undefined
  readonly request: HttpClientRequest.HttpClientRequest
  private readonly source: globalThis.Response

  constructor(request: HttpClientRequest.HttpClientRequest, source: globalThis.Response) {
    super()
    this.request = request
    this.source = source
  }

  get status(): number {
    return this.source.status
  }

  get headers(): Headers.Headers {
    this.headersRead ??= Headers.fromInput(this.source.headers)
    return this.headersRead
  }

  get cookies(): Cookies.Cookies {
    this.cookiesRead ??= Cookies.fromSetCookie(this.source.headers.getSetCookie())
    return this.cookiesRead
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /** The body, read by `start` once (the request's abort on interruption is `HttpClient.make`'s). */
  private read<A>(start: () => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.tryPromise({ try: start, catch: (cause) => this.decodeError(cause) })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.read(() => {
      this.textRead ??= this.source.text()
      return this.textRead
    })
  }

  /** The text as `parse` reads it; a throw is a Decode error. */
  private parsed<A>(parse: (text: string) => A): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Either.match(Either.try(() => parse(text)), {
        onLeft: (cause) => Effect.fail(this.decodeError(cause)),
        onRight: Effect.succeed
      })
    )
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return this.parsed((text): unknown => (text === "" ? null : JSON.parse(text)))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return this.parsed((text) => UrlParams.fromInput(new URLSearchParams(text)))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read(() => {
      this.bytesRead ??= this.source.arrayBuffer()
      return this.bytesRead
    })
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.read(() => {
      this.formRead ??= this.source.formData()
      return this.formRead
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    const body = this.source.body
    if (body === null) {
      return Stream.fail(
        new HttpClientError.ResponseError({
          request: this.request,
          response: this,
          reason: "EmptyBody",
          description: "can not create stream from empty body"
        })
      )
    }
    return Stream.fromReadableStream(
      () => body,
      (cause) => this.decodeError(cause)
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

/**
 * The transport. `built` is the context it was made in: its `Fetch` and
 * `RequestInit` apply unless the request's own fiber has them.
 *
 * @internal
 */
export const make = (built: Context.Context<never> = Context.empty()): HttpClient.HttpClient =>
  HttpClient.make((request, url, signal, fiber) => {
    const context = fiber.currentContext
    const fetch = Option.getOrElse(
      Option.orElse(Context.getOption(context, FetchHttpClient.Fetch), () => Context.getOption(built, FetchHttpClient.Fetch)),
      () => globalThis.fetch
    )
    const options = Option.getOrElse(
      Option.orElse(Context.getOption(context, FetchHttpClient.RequestInit), () =>
        Context.getOption(built, FetchHttpClient.RequestInit)
      ),
      (): globalThis.RequestInit => ({})
    )
    const merged =
      options.headers === undefined ? request.headers : Headers.merge(Headers.fromInput(options.headers), request.headers)
    // `fetch` counts the body itself.
    const headers = merged["content-length"] === undefined ? merged : Headers.remove(merged, "content-length")
    const send = (body: NonNullable<globalThis.RequestInit["body"]> | null) =>
      Effect.tryPromise({
        try: () =>
          fetch(url, {
            ...options,
            method: request.method,
            headers,
            body,
            signal,
            ...(request.body._tag === "Stream" ? { duplex: "half" } : {})
          }),
        catch: (cause) => new HttpClientError.RequestError({ request, reason: "Transport", cause })
      }).pipe(Effect.map((source): HttpClientResponse.HttpClientResponse => new Response(request, source)))
    switch (request.body._tag) {
      case "Raw":
      case "Uint8Array":
        return send(request.body.body as NonNullable<globalThis.RequestInit["body"]>)
      case "FormData":
        return send(request.body.formData)
      case "Stream":
        return Effect.flatMap(Stream.toReadableStreamEffect(request.body.stream), send)
      default:
        return send(null)
    }
  })

/** @internal */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(HttpClient.HttpClient, Effect.map(Effect.context<never>(), make))
