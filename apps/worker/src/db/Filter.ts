/**
 * A `WHERE` clause built one condition at a time, each value bound as a
 * numbered parameter (`?1`, `?2`, ...), never spliced into the SQL.
 */

/** @internal */
export interface Filter {
  /** Binds `value` and returns its placeholder. */
  readonly param: (value: unknown) => string
  /** Adds a condition; conditions are joined with `AND`. */
  readonly where: (condition: string) => void
  /** ` WHERE a AND b`, or nothing without conditions. */
  readonly clause: () => string
  /** The bound values, in placeholder order. */
  readonly params: ReadonlyArray<unknown>
}

/** @internal */
export const make = (): Filter => {
  const conditions: Array<string> = []
  const params: Array<unknown> = []
  return {
    param: (value) => {
      params.push(value)
      return `?${params.length}`
    },
    where: (condition) => {
      conditions.push(condition)
    },
    clause: () => (conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`),
    params
  }
}
