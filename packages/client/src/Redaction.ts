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

/** `text` matched in either letter case, without the `i` flag (base64 must keep its case). */
const anyCase = (text: string): string =>
  [...text].map((c) => (c.toLowerCase() === c.toUpperCase() ? escapeRegExp(c) : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join("")

const hex2 = (n: number): string => n.toString(16).padStart(2, "0")

/** HTML's named entities for the characters a token, key or email can hold. */
const NAMED: Readonly<Record<string, ReadonlyArray<string>>> = {
  "&": ["amp"],
  "/": ["sol"],
  "=": ["equals"],
  "+": ["plus"],
  ".": ["period"],
  _: ["lowbar", "UnderBar"],
  "@": ["commat"],
  ":": ["colon"],
  '"': ["quot"],
  "'": ["apos"],
  "<": ["lt"],
  ">": ["gt"],
  "%": ["percnt"],
  "!": ["excl"],
  "#": ["num"],
  $: ["dollar"],
  "(": ["lpar"],
  ")": ["rpar"],
  "*": ["ast", "midast"],
  ",": ["comma"],
  ";": ["semi"],
  "?": ["quest"],
  "[": ["lsqb", "lbrack"],
  "]": ["rsqb", "rbrack"],
  "{": ["lcub", "lbrace"],
  "}": ["rcub", "rbrace"],
  "|": ["vert", "verbar"],
  "^": ["Hat"],
  "`": ["grave"],
  "\u00AD": ["shy"],
  "\u200B": ["ZeroWidthSpace"],
  "\u200C": ["zwnj"],
  "\u200D": ["zwj"],
  "\u2060": ["NoBreak"]
}

const ALNUM = /^[A-Za-z0-9]$/

const percentPattern = (c: string): string =>
  [...new TextEncoder().encode(c)].map((byte) => `%(?:25)*${anyCase(hex2(byte))}`).join("")

/**
 * One character of a secret as it may appear in text: as is; percent-encoded
 * once or more (`%2F`, `%252F`, any hex case, UTF-8 bytes for non-ASCII,
 * letters and digits too: `%41` for `A`); as an HTML entity (`&#x2F;`,
 * `&#47;`, `&sol;`); JSON-escaped (`\/`, `\"`, `\u002f`). Letters and digits
 * are only themselves or percent-encoded, letters (when `caseless`) in either
 * case.
 */
const charPattern = (c: string, caseless: boolean): string => {
  if (ALNUM.test(c)) {
    const cases = caseless ? [...new Set([c.toLowerCase(), c.toUpperCase()])] : [c]
    return `(?:${caseless ? anyCase(c) : c}|${cases.map(percentPattern).join("|")})`
  }
  const code = c.codePointAt(0) ?? 0
  const forms = [
    escapeRegExp(c),
    percentPattern(c),
    `&#[xX]0*${anyCase(code.toString(16))};?`,
    `&#0*${code};?`,
    ...(NAMED[c] ?? []).map((name) => `&${name};`),
    ...(code <= 0xffff ? [`\\\\u${anyCase(code.toString(16).padStart(4, "0"))}`] : []),
    ...(c === "/" || c === '"' || c === "\\" ? [`\\\\${escapeRegExp(c)}`] : []),
    ...(c === " " ? ["\\+"] : [])
  ]
  return `(?:${forms.join("|")})`
}

/** A literal form of a secret, each character in every encoding {@link charPattern} knows. */
const textPattern = (text: string, caseless: boolean): string => [...text].map((c) => charPattern(c, caseless)).join("")

/**
 * An invisible character: any default-ignorable code point (zero-width space,
 * joiners, soft hyphen, word joiner, byte-order mark, bidirectional marks,
 * variation selectors, ...), or one of the common ones in an encoding
 * {@link charPattern} knows (`%E2%80%8B`, `&shy;`, `\u200b`).
 */
const INVISIBLE = new RegExp(
  ["\\p{Default_Ignorable_Code_Point}", ...["\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"].map((c) => charPattern(c, false))].join("|"),
  "gu"
)

/**
 * `text` with each match of `pattern` (a global pattern) replaced by
 * `[REDACTED]`, matched in the text as it reads with its invisible characters
 * taken out, so that a secret with such characters between its own is found.
 * A match takes the invisible characters inside it along; those outside every
 * match are kept.
 */
const replaceVisible = (text: string, pattern: RegExp): string => {
  const invisible = [...text.matchAll(INVISIBLE)]
  if (invisible.length === 0) return text.replace(pattern, REDACTED)
  // The visible text, and where each of its characters is in `text` (one past the end last).
  let visible = ""
  const at: Array<number> = []
  let from = 0
  for (const { 0: found, index } of [...invisible, { 0: "", index: text.length }]) {
    visible += text.slice(from, index)
    for (let i = from; i < index; i++) at.push(i)
    from = index + found.length
  }
  at.push(text.length)
  let out = ""
  let kept = 0
  for (const { 0: found, index } of visible.matchAll(pattern)) {
    if (found === "") continue
    out += `${text.slice(kept, at[index])}${REDACTED}`
    kept = (at[index + found.length - 1] ?? text.length) + 1
  }
  return out + text.slice(kept)
}

/**
 * Base64 fragments shorter than this are not looked for: a fragment is matched
 * in its exact case, and a short one is too likely to occur in other base64.
 */
const MIN_BASE64_FRAGMENT = 6

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

const base64 = (bytes: ReadonlyArray<number>): string => {
  let out = ""
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    for (let j = 0; j < 4; j++) out += BASE64_ALPHABET[(n >> (18 - 6 * j)) & 63]
  }
  return out
}

/**
 * The part of the base64 encoding of `secret` that does not depend on what
 * surrounds it, for each of the three byte offsets it can start at within a
 * longer text (e.g. the key in base64 of `email:key`): the characters whose
 * six bits all come from the secret's bytes. Each also in base64url.
 */
const base64Fragments = (secret: string): ReadonlyArray<string> => {
  const bytes = [...new TextEncoder().encode(secret)]
  return [0, 1, 2].flatMap((offset) => {
    const encoded = base64([...Array<number>(offset).fill(0), ...bytes])
    const first = Math.ceil((8 * offset) / 6)
    const end = Math.floor((8 * (offset + bytes.length)) / 6)
    const fragment = encoded.slice(first, end)
    if (fragment.length < MIN_BASE64_FRAGMENT) return []
    return [fragment, fragment.replace(/\+/g, "-").replace(/\//g, "_")]
  })
}

/**
 * A `Bearer` token not known to the redactor: a value of at least 16 token
 * characters (Cloudflare's tokens have 40), so prose such as "the bearer of bad
 * news" is left alone. After `Authorization:` any value is a token.
 */
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi
const AUTHORIZATION_BEARER = /(\bAuthorization["']?\s*[:=]\s*["']?)Bearer\s+[A-Za-z0-9._~+/=-]+/gi

/**
 * A function that replaces, in any text, every given secret with
 * `[REDACTED]`, in the forms a server may echo it in:
 *
 * - as is, in any letter case;
 * - percent-encoded, by `encodeURIComponent` or `encodeURI` or in full
 *   (letters and digits too), once or more (`a/b` as `a%2Fb`, `a%2fb`,
 *   `a%252Fb`, `%61%2F%62`);
 * - as HTML entities (`&#x2F;`, `&#47;`, `&sol;`, `&amp;`);
 * - JSON-escaped (`\"`, `\\`, `\/`, `\u002F`);
 * - base64 and base64url, also inside longer base64 text at any byte offset
 *   (as in base64 of `email:key`): the characters that depend only on the
 *   secret are replaced, in their exact case;
 *
 * also with invisible characters (zero-width space, joiners, soft hyphen, word
 * joiner, byte-order mark, any default-ignorable code point; as is or encoded)
 * between its characters: they are taken out of the text before matching, and
 * kept where they are not inside a secret;
 *
 * and the value of any `Bearer …` token, known or not (one of at least 16 token
 * characters, or any after `Authorization:`). Longer secrets are
 * matched first, so one that contains another is replaced whole. `undefined`,
 * empty and (see {@link RedactorOptions.minLength}) too-short secrets are
 * ignored; secrets are trimmed first. The pattern is built once per redactor.
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
  const kept = [
    ...new Set(
      secrets
        .filter((s): s is string => s !== undefined)
        .map((s) => s.trim())
        .filter((s) => s.length >= minLength)
    )
  ]
  const forms = [
    // Matched where the text's invisible characters are taken out, so without the secret's own.
    ...kept
      .map((secret) => secret.replace(/\p{Default_Ignorable_Code_Point}/gu, ""))
      .filter((visible) => visible !== "")
      .map((visible) => ({ length: visible.length, pattern: textPattern(visible, true) })),
    ...kept.flatMap(base64Fragments).map((fragment) => ({ length: fragment.length, pattern: escapeRegExp(fragment) }))
  ].sort((a, b) => b.length - a.length)
  const known = forms.length === 0 ? undefined : new RegExp([...new Set(forms.map((f) => f.pattern))].join("|"), "g")
  return (text) => {
    const withoutKnown = known === undefined ? text : replaceVisible(text, known)
    return withoutKnown
      .replace(AUTHORIZATION_BEARER, `$1Bearer ${REDACTED}`)
      .replace(BEARER, `Bearer ${REDACTED}`)
  }
}
