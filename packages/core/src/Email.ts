/**
 * An email address as accepted on input (`abuse_contact_email`, `business_email`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/** Whitespace (any Unicode space or line break) and control or format characters (ESC, NUL, zero-width). */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u

/**
 * The characters of a local part: RFC 5322's `atext` (letters, digits and
 * ``!#$%&'*+/=?^_`{|}~-``), non-ASCII letters, marks and digits (RFC 6531), and dots.
 * No quotes, angle brackets, commas, spaces, `@` or `\\`.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\p{L}\p{M}\p{N}-]+$/u

/** The characters of a domain label: letters (non-ASCII too, for IDN), marks, digits and hyphens. */
const LABEL = /^[\p{L}\p{M}\p{N}-]+$/u

/**
 * Why `s` is not an address Cloudflare would accept, or `undefined` when it is one.
 * Deliberately conservative: one `@`; a local part of at most 64 `atext`
 * characters and dots, not starting or ending with a dot and without two in a row
 * (no quoted local parts); a domain of at least two dot-separated labels of
 * letters, digits and hyphens (no leading or trailing hyphen, at most 63 each; no
 * IP literals); no whitespace or control characters; at most 254 characters in all
 * (the longest address SMTP can carry).
 */
const problem = (s: string): string | undefined => {
  if (INVISIBLE.test(s)) return "must not contain whitespace or control characters"
  const parts = s.split("@")
  if (parts.length !== 2) return "must contain exactly one '@'"
  const [local = "", domain = ""] = parts
  if (local.length === 0) return "must have a local part before '@'"
  if (local.length > 64) return "must have a local part of at most 64 characters"
  if (!LOCAL.test(local)) {
    return "must have a local part of letters, digits, dots and !#$%&'*+/=?^_`{|}~- only (no quotes, brackets, commas or backslashes)"
  }
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) {
    return "must not start or end the local part with a dot or have two dots in a row"
  }
  const labels = domain.split(".")
  if (labels.length < 2 || labels.some((label) => label.length === 0)) {
    return "must have a dotted domain after '@' (e.g. example.test)"
  }
  if (!labels.every((label) => LABEL.test(label))) {
    return "must have a domain of letters, digits, hyphens and dots only (e.g. example.test)"
  }
  if (labels.some((label) => label.startsWith("-") || label.endsWith("-"))) {
    return "must not start or end a domain label with a hyphen"
  }
  if (labels.some((label) => label.length > 63)) return "must have domain labels of at most 63 characters"
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
 * @since 0.1.0
 */
export const Email = Schema.String.pipe(
  Schema.maxLength(254, { message: () => "must be at most 254 characters" }),
  Schema.filter((s) => problem(s) ?? true),
  Schema.annotations({ identifier: "Email" })
)

/** @since 0.1.0 */
export type Email = typeof Email.Type
