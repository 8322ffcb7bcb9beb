/**
 * Removes secret values from text before it leaves the process.
 */

/** Secrets shorter than this are not scrubbed (too likely to match ordinary text). */
const MIN_SECRET_LENGTH = 6

/** @internal */
export const makeScrubber = (secrets: ReadonlyArray<string | undefined>): ((text: string) => string) => {
  const values = secrets
    .filter((s): s is string => s !== undefined && s.trim().length >= MIN_SECRET_LENGTH)
    .map((s) => s.trim())
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length)
  if (values.length === 0) return (text) => text
  return (text) => {
    let result = text
    for (const value of values) {
      if (result.includes(value)) result = result.split(value).join("[REDACTED]")
    }
    return result
  }
}
