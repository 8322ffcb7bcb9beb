/**
 * Bearer-token check for `/v1/*`, in constant time: both sides are hashed with SHA-256
 * and the digests compared byte by byte without an early exit, so neither the token's
 * content nor its length shows in the timing.
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const encoder = new TextEncoder()

const digest = (text: string) =>
  Effect.promise(() => crypto.subtle.digest("SHA-256", encoder.encode(text))).pipe(Effect.map((d) => new Uint8Array(d)))

export const constantTimeEquals = (a: string, b: string): Effect.Effect<boolean> =>
  Effect.zipWith(digest(a), digest(b), (x, y) => {
    let diff = 0
    for (let i = 0; i < x.length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
    return diff === 0
  })

/** `true` when the request carries `Authorization: Bearer <expected>` and a token is configured. */
export const isAuthorized = (
  authorization: string | null,
  expected: Redacted.Redacted<string> | undefined
): Effect.Effect<boolean> => {
  if (expected === undefined || Redacted.value(expected) === "") return Effect.succeed(false)
  const match = /^Bearer[ ]+(.+)$/i.exec(authorization ?? "")
  return constantTimeEquals(match?.[1]?.trim() ?? "", Redacted.value(expected))
}
