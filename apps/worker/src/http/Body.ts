/**
 * Reading a request body as a JSON object, limited in bytes while it is read: the body is
 * read and counted chunk by chunk, and reading stops at the first byte past the limit
 * (a declared `Content-Length` over it is refused before anything is read).
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { CurrentRequest } from "./CurrentRequest.js"

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
export const readBytes = (limit: number) =>
  Effect.gen(function* () {
    const { request } = yield* CurrentRequest
    const declared = Number(request.headers.get("content-length") ?? "")
    if (Number.isFinite(declared) && declared > limit) return yield* new BodyTooLargeError({ limit })
    // No body, or a body that breaks off: either way there is no JSON object to read.
    if (request.body === null) return yield* notAnObject()
    const reader = request.body.getReader()
    const chunks: Array<Uint8Array> = []
    let size = 0
    while (true) {
      const next = yield* Effect.tryPromise({ try: () => reader.read(), catch: notAnObject })
      if (next.done) return concat(chunks, size)
      size += next.value.byteLength
      if (size > limit) {
        // Stop reading: the rest of the body is never buffered.
        yield* Effect.ignore(Effect.tryPromise(() => reader.cancel()))
        return yield* new BodyTooLargeError({ limit })
      }
      chunks.push(next.value)
    }
  })

/** The body as a JSON object (UTF-8, at most `limit` bytes). */
export const readJsonObject = (limit: number) =>
  Effect.gen(function* () {
    const bytes = yield* readBytes(limit)
    const body = yield* Effect.try({
      try: () => JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown,
      catch: notAnObject
    })
    if (body === null || typeof body !== "object" || Array.isArray(body)) return yield* notAnObject()
    return body
  })
