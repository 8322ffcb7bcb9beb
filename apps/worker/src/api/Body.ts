/**
 * Reading a request body as a JSON object, limited in bytes while it is read: the body is
 * counted chunk by chunk, and reading stops at the first chunk past the limit (a declared
 * `Content-Length` over it is refused before anything is read).
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** The body has more bytes than `limit` (413). */
export class BodyTooLargeError extends Data.TaggedError("BodyTooLargeError")<{ readonly limit: number }> {
  override get message(): string {
    return `the request body must be at most ${this.limit} bytes (UTF-8)`
  }
}

const notAnObject = () => new InvalidInputError({ field: "body", rule: "must be a JSON object", value: undefined })

const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The body's bytes, failing with {@link BodyTooLargeError} as soon as more than `limit` have arrived. */
export const readBytes = (request: HttpServerRequest.HttpServerRequest, limit: number) => {
  const declared = Number(request.headers["content-length"] ?? "")
  if (Number.isFinite(declared) && declared > limit) return Effect.fail(new BodyTooLargeError({ limit }))
  return request.stream.pipe(
    // No body, or a body that breaks off: either way there is no JSON object to read.
    Stream.mapError(notAnObject),
    // Failing here stops the stream, which cancels the body: the rest is never buffered.
    Stream.runFoldEffect({ chunks: [] as Array<Uint8Array>, size: 0 }, (read, chunk) => {
      const size = read.size + chunk.byteLength
      if (size > limit) return Effect.fail(new BodyTooLargeError({ limit }))
      read.chunks.push(chunk)
      return Effect.succeed({ chunks: read.chunks, size })
    }),
    Effect.map(({ chunks, size }) => concat(chunks, size))
  )
}

/** The body as a JSON object (UTF-8, at most `limit` bytes). */
export const readJsonObject = (request: HttpServerRequest.HttpServerRequest, limit: number) =>
  Effect.gen(function* () {
    const bytes = yield* readBytes(request, limit)
    const body = yield* Effect.try({
      try: () => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown,
      catch: notAnObject
    })
    if (body === null || typeof body !== "object" || Array.isArray(body)) return yield* notAnObject()
    return body
  })
