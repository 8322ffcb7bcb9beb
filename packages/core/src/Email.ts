/**
 * An email address as accepted on input (`abuse_contact_email`, `business_email`).
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"

/** Whitespace (any Unicode space or line break) and control or format characters (ESC, NUL, zero-width). */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u

/**
 * Why `s` is not an address Cloudflare would accept, or `undefined` when it is one.
 * Deliberately simple: one `@`, a local part, a domain of at least two non-empty
 * dot-separated labels, no whitespace or control characters, at most 254
 * characters (the longest address SMTP can carry) with a local part of at most 64.
 */
const problem = (s: string): string | undefined => {
  if (INVISIBLE.test(s)) return "must not contain whitespace or control characters"
  const parts = s.split("@")
  if (parts.length !== 2) return "must contain exactly one '@'"
  const [local = "", domain = ""] = parts
  if (local.length === 0) return "must have a local part before '@'"
  if (local.length > 64) return "must have a local part of at most 64 characters"
  const labels = domain.split(".")
  if (labels.length < 2 || labels.some((label) => label.length === 0)) {
    return "must have a dotted domain after '@' (e.g. example.test)"
  }
  return undefined
}

/**
 * An email address as a caller supplies it. A failure names the rule broken,
 * e.g. `must contain exactly one '@'`.
 *
 * @example
 * import { Email, Input } from "@cf-accounts/core"
 * Input.decode(Email.Email, "abuse_contact_email")("ops@example.test") // succeeds
 * Input.decode(Email.Email, "abuse_contact_email")("ops\n@example.test") // InvalidInputError
 *
 * @since 0.2.0
 */
export const Email = Schema.String.pipe(
  Schema.maxLength(254, { message: () => "must be at most 254 characters" }),
  Schema.filter((s) => problem(s) ?? true),
  Schema.annotations({ identifier: "Email" })
)

/** @since 0.2.0 */
export type Email = typeof Email.Type
