/**
 * Opaque pagination cursors: base64url text of the last row's key. A cursor travels as that
 * text (the query parameter's schema only checks it), and the handler reads the key back.
 */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"

export const encode = (key: string): string => Encoding.encodeBase64Url(key)

/** The key a cursor checked by {@link schema} holds. */
export const decode = (cursor: string): string => Either.getOrElse(Encoding.decodeBase64UrlString(cursor), () => "")

/** A cursor whose key matches `pattern`: a `next_cursor` of a previous page, passed back as it is. */
export const schema = (pattern: RegExp) =>
  Schema.String.pipe(
    Schema.filter(
      (text) => {
        const decoded = Encoding.decodeBase64UrlString(text)
        return Either.isRight(decoded) && pattern.test(decoded.right)
      },
      { message: () => "must be a next_cursor value from a previous page" }
    )
  )
