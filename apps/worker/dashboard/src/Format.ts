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
