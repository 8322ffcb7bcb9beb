/**
 * Digests of account state, for a plan's fingerprint: the same state gives the
 * same digest whatever the order of its keys. Not a security measure (a plan is
 * the user's own file): it only has to tell a changed account from an unchanged
 * one, so a fast 53-bit hash of canonical JSON is enough and runs everywhere
 * (Node, workerd, a browser) without a crypto API.
 */

/** JSON with object keys sorted at every level. */
export const canonical = (value: unknown): string => {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null"
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`
}

/** cyrb53: a 53-bit string hash, as 14 hexadecimal characters. */
const hash = (text: string): string => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0")
}

/** The digest of an account as read, with its profile when the plan changes the profile. */
export const digest = (account: unknown, profile: unknown): string =>
  hash(canonical(profile === undefined ? { account } : { account, profile }))
