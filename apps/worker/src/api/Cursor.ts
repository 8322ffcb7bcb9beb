/**
 * Opaque pagination cursors: base64url text of the last row's key.
 */
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"

export const encode = (key: string): string => Encoding.encodeBase64Url(key)

/** A cursor whose decoded key matches `pattern`. */
export const schema = (pattern: RegExp) =>
  Schema.String.pipe(
    Schema.filter(
      (text) => {
        const decoded = Encoding.decodeBase64UrlString(text)
        return Either.isRight(decoded) && pattern.test(decoded.right)
      },
      { message: () => "must be a next_cursor value from a previous page" }
    ),
    Schema.transform(Schema.String, {
      strict: true,
      decode: (text) => Either.getOrElse(Encoding.decodeBase64UrlString(text), () => ""),
      encode: (key) => Encoding.encodeBase64Url(key)
    })
  )
