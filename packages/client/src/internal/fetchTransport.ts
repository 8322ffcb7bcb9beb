/**
 * The engine of {@link FetchTransport}: an `HttpClient` over `fetch` whose
 * common request (no tracer, a body that is not a stream) is one async step to
 * send and one to read the body. `FetchHttpClient` spends as much CPU again on
 * each call: its body getters build a cached effect and run a fiber to make
 * it, and every request passes an uninterruptible region and a match before
 * the response is handed out. A traced request or a streamed body goes to
 * `FetchHttpClient` itself, so spans, `traceparent` and streaming stay theirs.
 *
 * Both read `FetchHttpClient.Fetch` and `FetchHttpClient.RequestInit` from the
 * context at each request, so a caller's `fetch`, redirect mode or other
 * `RequestInit` applies to either path.
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
import * as FiberRef from "effect/FiberRef"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

/**
 * Aborts the request of a response that was dropped with its body unread, so
 * the connection is not held until the process ends.
 */
const unread: Pick<FinalizationRegistry<AbortController>, "register" | "unregister"> =
  typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry<AbortController>((controller) => controller.abort())
    : // A runtime without it: an unread body is left to the runtime, as with any `fetch`.
      { register: () => undefined, unregister: () => false }

/**
 * A response whose body is read at most once, by a promise kept on the
 * response: `text`, `json` and `urlParamsBody` share it. Interrupting a read
 * aborts the request. Like `FetchHttpClient`'s, a body read as text cannot
 * then be read as bytes, a form or a stream.
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
  private readonly controller: AbortController

  constructor(request: HttpClientRequest.HttpClientRequest, source: globalThis.Response, controller: AbortController) {
    super()
    this.request = request
    this.source = source
    this.controller = controller
    unread.register(this, controller, this)
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

  /** The body, read by `start` once; interrupting the wait aborts the request. */
  private read<A>(start: () => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async<A, HttpClientError.ResponseError>((resume) => {
      unread.unregister(this)
      start().then(
        (value) => resume(Effect.succeed(value)),
        (cause: unknown) => resume(Effect.fail(this.decodeError(cause)))
      )
      return Effect.sync(() => this.controller.abort())
    })
  }

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
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
    return Stream.suspend(() => {
      unread.unregister(this)
      return Stream.ensuring(
        Stream.fromReadableStream(() => body, (cause) => this.decodeError(cause)),
        Effect.sync(() => this.controller.abort())
      )
    })
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

const fetchKey = FetchHttpClient.Fetch.key
const requestInitKey = FetchHttpClient.RequestInit.key

/** The body as `fetch` takes it; a stream body never gets here (see {@link make}). */
const bodyOf = (request: HttpClientRequest.HttpClientRequest): NonNullable<globalThis.RequestInit["body"]> | null => {
  switch (request.body._tag) {
    case "Raw":
    case "Uint8Array":
      return request.body.body as NonNullable<globalThis.RequestInit["body"]>
    case "FormData":
      return request.body.formData
    default:
      return null
  }
}

/**
 * The transport over `platform`, `FetchHttpClient`'s client, which takes the
 * traced requests and the streamed bodies. `built` is the context the
 * transport was made in: its `Fetch` and `RequestInit` apply unless the
 * request's own fiber has them.
 *
 * @internal
 */
export const make = (platform: HttpClient.HttpClient, built: Context.Context<never> = Context.empty()): HttpClient.HttpClient =>
  HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (effect) =>
      Effect.flatMap(effect, (request) =>
        Effect.withFiberRuntime<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((fiber) => {
          if (
            request.body._tag === "Stream" ||
            (fiber.getFiberRef(FiberRef.currentTracerEnabled) &&
              !fiber.getFiberRef(HttpClient.currentTracerDisabledWhen)(request))
          ) {
            return Effect.mapInputContext(platform.execute(request), (context: Context.Context<never>) => Context.merge(built, context))
          }
          const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
          if (Either.isLeft(url)) {
            return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
          }
          const context = fiber.getFiberRef(FiberRef.currentContext)
          const fetch = (context.unsafeMap.get(fetchKey) ?? built.unsafeMap.get(fetchKey) ?? globalThis.fetch) as typeof globalThis.fetch
          const options = (context.unsafeMap.get(requestInitKey) ?? built.unsafeMap.get(requestInitKey) ?? {}) as globalThis.RequestInit
          const merged =
            options.headers === undefined
              ? request.headers
              : Headers.merge(Headers.fromInput(options.headers), request.headers)
          // `fetch` counts the body itself.
          const headers = merged["content-length"] === undefined ? merged : Headers.remove(merged, "content-length")
          return Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
            const controller = new AbortController()
            fetch(url.right, { ...options, method: request.method, headers, body: bodyOf(request), signal: controller.signal }).then(
              (source) => resume(Effect.succeed(new Response(request, source, controller))),
              (cause: unknown) => resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
            )
            return Effect.sync(() => controller.abort())
          })
        })
      ),
    Effect.succeed
  )

/** @internal */
export const layer = Layer.effect(
  HttpClient.HttpClient,
  Effect.zipWith(Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer), Effect.context<never>(), make)
)
