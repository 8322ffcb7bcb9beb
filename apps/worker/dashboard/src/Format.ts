/**
 * Numbers and times as the page shows them. No DOM here, so the rules are tested in Node.
 */

/** `iso` as local date and time, or a dash. */
export const time = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : "—")

/** How long ago `iso` was, in days or hours. */
export const age = (iso: string, now = Date.now()): string => {
  const hours = Math.max(0, (now - new Date(iso).getTime()) / 3_600_000)
  return hours >= 48 ? `${Math.floor(hours / 24)} d` : hours >= 1 ? `${Math.floor(hours)} h` : "< 1 h"
}

/**
 * `part` of `whole` as a percentage with one decimal. Rounding never shows all or none when it
 * is not so: 4,999 of 5,000 is ">99.9%", not "100.0%"; 1 of 5,000 is "<0.1%", not "0.0%". No
 * whole: a dash.
 */
export const percent = (part: number, whole: number): string => {
  if (whole === 0) return "—"
  const text = ((part / whole) * 100).toFixed(1)
  if (text === "100.0" && part < whole) return ">99.9%"
  if (text === "0.0" && part > 0) return "<0.1%"
  return `${text}%`
}

/** A count with thousands separators: 1,953. */
export const count = (n: number, locale?: string): string => n.toLocaleString(locale ?? "en-US")

/** "Page 2 of 40 (1,953 accounts)": the page, how many there are, and how many items in all. */
export const pageOf = (page: number, pageSize: number, total: number, noun: string, locale?: string): string =>
  `Page ${count(page, locale)} of ${count(Math.max(1, Math.ceil(total / pageSize)), locale)} (${count(total, locale)} ${noun})`

const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * A chart's time label at `ms`, short enough for a phone, for points `span` ms apart in all:
 * times with seconds within an hour, times within two days, else the day.
 */
export const axisLabel = (ms: number, span: number, locale?: string, timeZone?: string): string => {
  const zone = timeZone === undefined ? {} : { timeZone }
  if (span < 2 * DAY) {
    return new Date(ms).toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", ...(span < HOUR ? { second: "2-digit" } : {}), ...zone })
  }
  return new Date(ms).toLocaleDateString(locale, { month: "short", day: "numeric", ...zone })
}

/** Which of `n` evenly spaced points get a label: the first, the last, and at most `most - 2` between. */
export const labelled = (n: number, most: number): ReadonlyArray<number> => {
  if (n <= 0) return []
  if (n <= most) return Array.from({ length: n }, (_, i) => i)
  return Array.from({ length: most }, (_, i) => Math.round((i * (n - 1)) / (most - 1)))
}
