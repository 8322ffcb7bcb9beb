/**
 * Small pure checks the schema and the rules share: patterns, days, domains,
 * and which accounts an exception names.
 */

const ACCOUNT_ID = /^[0-9a-fA-F]{32}$/

/** Whether `pattern` compiles as a JavaScript regular expression. */
export const compiles = (pattern: string): boolean => {
  try {
    new RegExp(pattern)
    return true
  } catch {
    return false
  }
}

/** The longest pattern accepted. */
export const MAX_PATTERN = 256

/** How many repeating quantifiers (`*`, `+`, `{n,}`, `{n,m}` with m > 1) a pattern may have. */
export const MAX_REPEATS = 5

/** What a group holds so far: any quantifier (`?` included), any alternation, nested groups included. */
interface Frame {
  quantified: boolean
  alternates: boolean
}

/** The quantifier at `i`: its length and whether it repeats (allows more than one match); or undefined. */
const quantifierAt = (pattern: string, i: number): { readonly length: number; readonly repeats: boolean } | undefined => {
  const c = pattern[i]
  let length: number
  let repeats: boolean
  if (c === "*" || c === "+") [length, repeats] = [1, true]
  else if (c === "?") [length, repeats] = [1, false]
  else if (c === "{") {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i))
    if (m === null) return undefined
    const max = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3])
    ;[length, repeats] = [m[0].length, max > 1]
  } else return undefined
  // A lazy quantifier (`*?`) is still a quantifier.
  return { length: pattern[i + length] === "?" ? length + 1 : length, repeats }
}

/**
 * Why `pattern` may take time exponential in the length of the name it runs on
 * (JavaScript's regular expressions backtrack), or `undefined` when it is
 * accepted. A small, conservative check, not a proof; it refuses:
 *
 * - a pattern longer than {@link MAX_PATTERN} characters;
 * - a backreference (`\1`, `\k<name>`);
 * - a repeated group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that contains a
 *   quantifier or an alternation (`(a+)+`, `([a-z]+-?)*`, `(a|aa)+`), the shapes
 *   that backtrack exponentially;
 * - more than {@link MAX_REPEATS} repeating quantifiers (each can multiply the
 *   work by the name's length; names are at most 100 characters).
 *
 * `^(acme|labs)-`, `^acme-[a-z0-9-]+$`, `labs-.*` are accepted.
 */
export const unsafe = (pattern: string): string | undefined => {
  if (pattern.length > MAX_PATTERN) return `must be at most ${MAX_PATTERN} characters`
  const stack: Array<Frame> = [{ quantified: false, alternates: false }]
  let closed: Frame | undefined // the group that ends just before `i`, which a quantifier there repeats
  let repeats = 0
  let i = 0
  while (i < pattern.length) {
    const top = stack[stack.length - 1]!
    const c = pattern[i]!
    if (c === "\\") {
      const next = pattern[i + 1] ?? ""
      if (/[1-9]/.test(next) || next === "k") return "must not use a backreference (\\1, \\k<name>)"
      i += 2
      closed = undefined
      continue
    }
    if (c === "[") {
      // A character class: everything up to the first unescaped `]` after its first character is one atom.
      let j = i + 1
      if (pattern[j] === "^") j++
      if (pattern[j] === "]") j++
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1
      i = j + 1
      closed = undefined
      continue
    }
    if (c === "(") {
      stack.push({ quantified: false, alternates: false })
      i++
      closed = undefined
      continue
    }
    if (c === ")") {
      const group = stack.length > 1 ? stack.pop()! : undefined
      const parent = stack[stack.length - 1]!
      if (group !== undefined) {
        parent.quantified ||= group.quantified
        parent.alternates ||= group.alternates
      }
      closed = group
      i++
      continue
    }
    if (c === "|") {
      top.alternates = true
      closed = undefined
      i++
      continue
    }
    const quantifier = quantifierAt(pattern, i)
    if (quantifier !== undefined) {
      if (quantifier.repeats) {
        repeats++
        if (closed !== undefined && (closed.quantified || closed.alternates)) {
          return "must not repeat a group that contains a quantifier or an alternation, such as (a+)+ or (a|aa)+: matching can take time exponential in the name's length"
        }
      }
      top.quantified = true
      closed = undefined
      i += quantifier.length
      continue
    }
    closed = undefined
    i++
  }
  if (repeats > MAX_REPEATS) return `must have at most ${MAX_REPEATS} repeating quantifiers (*, +, {n,})`
  return undefined
}

/** Whether `YYYY-MM-DD` names a real day (no 2027-02-30). */
export const isCalendarDay = (day: string): boolean => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** The first instant after `day` (UTC): an exception expiring on `day` holds through it. */
export const endOfDay = (day: string): number => {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d + 1)
}

/** Whether `address`'s domain is `domain` or one of its subdomains (case-insensitive). */
export const withinDomain = (address: string, domain: string): boolean => {
  const at = address.lastIndexOf("@")
  if (at < 0) return false
  const host = address.slice(at + 1).toLowerCase()
  const wanted = domain.toLowerCase()
  return host === wanted || host.endsWith(`.${wanted}`)
}

/**
 * Whether one entry of an exception's `accounts` names this account: an id is
 * compared with the id; anything else is a regular expression that must match
 * the whole name.
 */
export const namesAccount = (entry: string, account: { readonly id: string; readonly name: string }): boolean =>
  ACCOUNT_ID.test(entry)
    ? entry.toLowerCase() === account.id.toLowerCase()
    : compiles(entry) && unsafe(entry) === undefined && new RegExp(`^(?:${entry})$`).test(account.name)
