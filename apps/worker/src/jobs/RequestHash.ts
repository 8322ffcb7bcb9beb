/**
 * The fingerprint of a job creation request (`jobs.create`) kept with its `Idempotency-Key`: the SHA-256
 * (hex) of the body as canonical JSON (object keys sorted at every level, no whitespace), so
 * the same request sent with other spacing or key order has the same hash.
 */
import * as Effect from "effect/Effect"

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical)
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return Object.fromEntries(entries.map(([key, item]) => [key, canonical(item)]))
  }
  return value
}

/** The body as canonical JSON text. */
export const canonicalJson = (body: unknown): string => JSON.stringify(canonical(body))

/** SHA-256 of the canonical JSON, as 64 hex digits (Web Crypto). */
export const hash = (body: unknown): Effect.Effect<string> =>
  Effect.map(
    Effect.promise(() => crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(body)))),
    (digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("")
  )
