/**
 * Reading a server's requested wait: `retry-after-ms` (milliseconds), then
 * `Retry-After` (delta seconds or an HTTP date, relative to `now`).
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"

const DIGITS = /^\d+(\.\d+)?$/

/** @internal */
export const parse = (
  headers: Readonly<Record<string, string | undefined>>,
  now: number
): Option.Option<Duration.Duration> => {
  const ms = headers["retry-after-ms"]?.trim()
  if (ms !== undefined && DIGITS.test(ms)) return Option.some(Duration.millis(Math.ceil(Number(ms))))
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  if (DIGITS.test(value)) return Option.some(Duration.millis(Math.ceil(Number(value) * 1000)))
  const date = Date.parse(value)
  if (Number.isNaN(date)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, date - now)))
}
