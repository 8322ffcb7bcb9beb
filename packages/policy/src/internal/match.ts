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
    : compiles(entry) && new RegExp(`^(?:${entry})$`).test(account.name)
