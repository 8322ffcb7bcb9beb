/**
 * Removing credential values from text before it is shown: the client uses it
 * on everything that goes into an error, the CLI on everything it writes.
 *
 * @since 0.1.0
 */

/**
 * What a removed value is replaced with.
 *
 * @since 0.1.0
 */
export const REDACTED = "[REDACTED]"

/**
 * @since 0.1.0
 */
export interface RedactorOptions {
  /**
   * Secrets shorter than this (after trimming) are left alone, because a very
   * short value is too likely to match ordinary text. Default 1: every
   * non-empty secret is removed.
   */
  readonly minLength?: number
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/** A secret as it may appear in text: as is, percent-encoded, JSON-escaped. */
const secretForms = (secret: string): ReadonlyArray<string> => [
  secret,
  encodeURIComponent(secret),
  JSON.stringify(secret).slice(1, -1)
]

const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/gi

/**
 * A function that replaces, in any text, every given secret with
 * `[REDACTED]`: as is, percent-encoded (`a/b` as `a%2Fb` or `a%2fb`) or
 * JSON-escaped, in any letter case; and the value of any `Bearer …` token,
 * known or not. Longer secrets are matched first, so one that contains
 * another is replaced whole. `undefined`, empty and (see
 * {@link RedactorOptions.minLength}) too-short secrets are ignored; secrets
 * are trimmed first.
 *
 * @example
 * ```ts
 * import { makeRedactor } from "@cf-accounts/client/Redaction"
 *
 * const redact = makeRedactor([process.env.CLOUDFLARE_API_TOKEN])
 * console.error(redact(message))
 * ```
 *
 * @since 0.1.0
 */
export const makeRedactor = (
  secrets: ReadonlyArray<string | undefined>,
  options?: RedactorOptions
): ((text: string) => string) => {
  const minLength = Math.max(1, options?.minLength ?? 1)
  const forms = [
    ...new Set(
      secrets
        .filter((s): s is string => s !== undefined)
        .map((s) => s.trim())
        .filter((s) => s.length >= minLength)
        .flatMap(secretForms)
    )
  ].sort((a, b) => b.length - a.length)
  const known = forms.length === 0 ? undefined : new RegExp(forms.map(escapeRegExp).join("|"), "gi")
  return (text) => {
    const withoutKnown = known === undefined ? text : text.replace(known, REDACTED)
    return withoutKnown.replace(BEARER, `Bearer ${REDACTED}`)
  }
}
