/**
 * The engine of `Redaction` (the public module holds its documentation).
 *
 * @internal
 */

/** @internal */
export const REDACTED = "[REDACTED]"

/** @internal */
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
  "&": ["amp", "AMP"],
  "/": ["sol"],
  "=": ["equals"],
  "+": ["plus"],
  ".": ["period"],
  _: ["lowbar", "UnderBar"],
  "@": ["commat"],
  ":": ["colon"],
  '"': ["quot", "QUOT"],
  "'": ["apos"],
  "<": ["lt", "LT"],
  ">": ["gt", "GT"],
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
  // Invisible ones (default-ignorable), which may sit between a secret's characters.
  "\u00AD": ["shy"],
  "\u200B": ["ZeroWidthSpace", "NegativeVeryThinSpace", "NegativeThinSpace", "NegativeMediumSpace", "NegativeThickSpace"],
  "\u200C": ["zwnj"],
  "\u200D": ["zwj"],
  "\u200E": ["lrm"],
  "\u200F": ["rlm"],
  "\u2060": ["NoBreak"],
  "\u2061": ["af", "ApplyFunction"],
  "\u2062": ["it", "InvisibleTimes"],
  "\u2063": ["ic", "InvisibleComma"]
}

/**
 * The names among {@link NAMED} that HTML also reads without their `;` (its legacy entities:
 * `&shy` between two characters is a soft hyphen, `&amp` an ampersand). Every other name needs its
 * `;`: without one, an HTML parser leaves it as text.
 */
const WITHOUT_SEMICOLON: ReadonlySet<string> = new Set(["amp", "AMP", "quot", "QUOT", "lt", "LT", "gt", "GT", "shy"])

/** A named entity as it may appear: with its `;`, or also without one where HTML reads it so. */
const namedPattern = (name: string): string => `&${name}${WITHOUT_SEMICOLON.has(name) ? ";?" : ";"}`

const ALNUM = /^[A-Za-z0-9]$/

/** One of `patterns`, as one group when there are several. */
const oneOf = (patterns: ReadonlyArray<string>): string => (patterns.length === 1 ? (patterns[0] ?? "") : `(?:${patterns.join("|")})`)

const percentPattern = (c: string): string =>
  [...new TextEncoder().encode(c)].map((byte) => `%(?:25)*${anyCase(hex2(byte))}`).join("")

/**
 * One character of a secret as it may appear in text: as is; percent-encoded
 * once or more (`%2F`, `%252F`, any hex case, UTF-8 bytes for non-ASCII,
 * letters and digits too: `%41` for `A`); as an HTML numeric entity, hex or
 * decimal, with or without leading zeros and `;` (`&#x2F;`, `&#X02f`,
 * `&#47;`), or a named one ({@link namedPattern}: `&sol;`, `&amp`);
 * JSON-escaped (`\/`, `\"`, `\u002f`). Letters and digits take every form
 * but the named and the backslash ones (`&#x41;`, `&#65;`, `\u0041` for `A`);
 * letters (when `caseless`) in either case, in every form (`&#97;` for `A`).
 */
const charPattern = (c: string, caseless: boolean): string => {
  const alnum = ALNUM.test(c)
  const variants = alnum && caseless ? [...new Set([c.toLowerCase(), c.toUpperCase()])] : [c]
  const codes = variants.map((v) => v.codePointAt(0) ?? 0)
  const forms = [
    alnum && caseless ? anyCase(c) : escapeRegExp(c),
    ...variants.map(percentPattern),
    `&#[xX]0*${oneOf(codes.map((code) => anyCase(code.toString(16))))};?`,
    `&#0*${oneOf(codes.map(String))};?`,
    ...(NAMED[c] ?? []).map(namedPattern),
    ...(codes.every((code) => code <= 0xffff) ? [`\\\\u${oneOf(codes.map((code) => anyCase(code.toString(16).padStart(4, "0"))))}`] : []),
    ...(c === "/" || c === '"' || c === "\\" ? [`\\\\${escapeRegExp(c)}`] : []),
    ...(c === " " ? ["\\+"] : [])
  ]
  return `(?:${forms.join("|")})`
}

/** A literal form of a secret, each character in every encoding {@link charPattern} knows. */
const textPattern = (text: string, caseless: boolean): string => [...text].map((c) => charPattern(c, caseless)).join("")

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u

/** The named entities of default-ignorable characters, by name. */
const NAMED_INVISIBLE: ReadonlyMap<string, string> = new Map(
  Object.entries(NAMED)
    .filter(([c]) => IGNORABLE.test(c))
    .flatMap(([c, names]) => names.map((name) => [name, c] as const))
)

const HEX = "[0-9A-Fa-f]"

/** A percent-encoded UTF-8 continuation byte, encoded once or more (`%8E`, `%258E`). */
const CONTINUATION = `%(?:25)*[89ABab]${HEX}`

/**
 * A default-ignorable code point as is, or a candidate for one in an encoding: a percent-encoded
 * UTF-8 sequence of two to four bytes (every such code point is outside ASCII), a JSON `\uXXXX`
 * escape (a surrogate pair, or one unit), a numeric HTML entity (`&#x200E;`, `&#8206;`), or a
 * named one ({@link NAMED}). A candidate is decoded and kept only when it is one such code point
 * ({@link isInvisible}): the pattern stays small, and every code point of the property is found.
 */
const INVISIBLE = new RegExp(
  [
    "\\p{Default_Ignorable_Code_Point}",
    // One alternative per first character, so a position that starts none is passed over at once.
    `%(?:25)*(?:[CDcd]${HEX}${CONTINUATION}|[Ee]${HEX}(?:${CONTINUATION}){2}|[Ff][0-7](?:${CONTINUATION}){3})`,
    `\\\\u(?:[Dd][89ABab]${HEX}{2}\\\\u[Dd][C-Fc-f]${HEX}{2}|${HEX}{4})`,
    `&(?:#(?:[xX]${HEX}+|[0-9]+);?|${[...NAMED_INVISIBLE.keys()].map((name) => namedPattern(name).slice(1)).join("|")})`
  ].join("|"),
  "gu"
)

/**
 * The code point of a percent-encoded UTF-8 sequence (a match of {@link INVISIBLE}: a lead byte and
 * its continuation bytes); -1 for an overlong or out-of-range one, which a decoder rejects.
 */
const utf8CodePoint = (found: string): number => {
  // Each piece after a `%` ends with the byte's two hex digits (`25` before them: encoded again).
  const [lead = 0, ...rest] = found
    .split("%")
    .slice(1)
    .map((piece) => Number.parseInt(piece.slice(-2), 16))
  const code = rest.reduce((acc, byte) => (acc << 6) | (byte & 0x3f), lead & (0x7f >> (rest.length + 1)))
  const least = [0x80, 0x800, 0x10000][rest.length - 1] ?? Infinity
  return code < least || code > 0x10ffff ? -1 : code
}

/** The code point (as a string) `found` (a match of {@link INVISIBLE}) stands for; "" for none. */
const decodeInvisible = (found: string): string => {
  if (found.startsWith("%")) {
    const code = utf8CodePoint(found)
    return code < 0 ? "" : String.fromCodePoint(code)
  }
  if (found.startsWith("\\u")) {
    return String.fromCharCode(...found.split("\\u").slice(1).map((unit) => Number.parseInt(unit, 16)))
  }
  if (found.startsWith("&#")) {
    const hex = found[2] === "x" || found[2] === "X"
    const code = Number.parseInt(found.slice(hex ? 3 : 2).replace(";", ""), hex ? 16 : 10)
    return code <= 0x10ffff ? String.fromCodePoint(code) : ""
  }
  if (found.startsWith("&")) return NAMED_INVISIBLE.get(found.slice(1).replace(/;$/, "")) ?? ""
  return found
}

/**
 * Whether a match of {@link INVISIBLE} is an invisible character: a default-ignorable code point
 * (zero-width space, joiners, soft hyphen, word joiner, byte-order mark, bidirectional marks and
 * isolates, variation selectors, tags, ...), as is or in an encoding: percent-encoded (its UTF-8
 * bytes, any hex case, once or more), JSON-escaped (`\u200e`), an HTML entity (`&#x200E;`,
 * `&#8206;`, `&lrm;`).
 */
const isInvisible = (found: string): boolean => IGNORABLE.test(decodeInvisible(found))

/**
 * Where `text`'s invisible characters are ({@link isInvisible}), as `[start, end)`, in order. An
 * `exec` loop, not `matchAll`: a text dense with encoded characters has a candidate every few
 * characters, and the iterator's match arrays cost several times the matching.
 */
const invisibleIn = (text: string): ReadonlyArray<readonly [number, number]> => {
  const ranges: Array<readonly [number, number]> = []
  INVISIBLE.lastIndex = 0
  for (let match = INVISIBLE.exec(text); match !== null; match = INVISIBLE.exec(text)) {
    if (isInvisible(match[0])) ranges.push([match.index, match.index + match[0].length])
  }
  return ranges
}

/**
 * `text` with each match of `pattern` (a global pattern) replaced by
 * `[REDACTED]`, matched in the text as it reads with its invisible characters
 * taken out, so that a secret with such characters between its own is found.
 * A match takes the invisible characters inside it along; those outside every
 * match are kept.
 */
const replaceVisible = (text: string, pattern: RegExp): string => {
  const invisible = invisibleIn(text)
  if (invisible.length === 0) return text.replace(pattern, REDACTED)
  // The visible text, and where each of its characters is in `text` (one past the end last).
  let visible = ""
  const at: Array<number> = []
  let from = 0
  for (const [start, end] of [...invisible, [text.length, text.length] as const]) {
    visible += text.slice(from, start)
    for (let i = from; i < start; i++) at.push(i)
    from = end
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

/** @internal */
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
