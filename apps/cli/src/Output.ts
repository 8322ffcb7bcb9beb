/**
 * Output formats: `table` for people, `json` (exactly one JSON document on stdout;
 * a list is an array) and `ndjson` (one object per line, as it arrives) for scripts.
 * Lists can be written as a stream, so memory stays flat however long they are.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Terminal from "./internal/terminal.js"
import { Stdio } from "./Stdio.js"

/**
 * @since 0.1.0
 */
export type Format = "table" | "json" | "ndjson"

/**
 * How a kind of row is shown in a table: column headers, and the cells of one row.
 *
 * @since 0.1.0
 */
export interface Columns<A> {
  readonly headers: ReadonlyArray<string>
  /** Fixed widths for every column but the last, so rows can be printed as they arrive. */
  readonly widths: ReadonlyArray<number>
  readonly cells: (row: A) => ReadonlyArray<string>
}

/**
 * Makes a value safe to show in a table cell: the terminal sanitiser (escape
 * sequences, controls and bidi overrides removed, so a crafted account name
 * cannot rewrite the screen or reorder what is shown), on one line.
 *
 * @since 0.1.0
 */
export const cell = (value: unknown): string => {
  if (value === undefined || value === null) return "-"
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value)
  return Terminal.sanitizeLine(text)
}

/**
 * One table line: every cell padded to its column's width, the last one as is.
 *
 * @since 0.1.0
 */
export const renderRow = (widths: ReadonlyArray<number>, cells: ReadonlyArray<string>): string =>
  cells
    .map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c))
    .join("  ")
    .trimEnd()

/**
 * A whole table with a header line.
 *
 * @since 0.1.0
 */
export const renderTable = <A>(columns: Columns<A>, rows: ReadonlyArray<A>): string => {
  const lines = [renderRow(columns.widths, columns.headers), ...rows.map((r) => renderRow(columns.widths, columns.cells(r)))]
  return lines.join("\n") + "\n"
}

const flatten = (value: unknown, prefix: string, into: Array<[string, string]>): void => {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value)
    if (entries.length === 0 && prefix !== "") into.push([prefix, "{}"])
    // Keys come from the server too (fields core does not model are kept): one line, sanitised.
    for (const [key, inner] of entries) {
      const safe = Terminal.sanitizeLine(key)
      flatten(inner, prefix === "" ? safe : `${prefix}.${safe}`, into)
    }
    return
  }
  into.push([prefix, cell(value)])
}

/**
 * An object as `key  value` lines; nested objects use dotted keys.
 *
 * @since 0.1.0
 */
export const renderRecord = (value: unknown): string => {
  const pairs: Array<[string, string]> = []
  flatten(value, "", pairs)
  const width = Math.max(0, ...pairs.map(([k]) => k.length))
  return pairs.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n") + "\n"
}

/**
 * Writes one value: a record table, a pretty JSON document, or one JSON line.
 *
 * @since 0.1.0
 */
export const printOne = (
  format: Format,
  value: unknown,
  table: (value: unknown) => string = renderRecord
): Effect.Effect<void, never, Stdio> =>
  Effect.flatMap(Stdio, (stdio) =>
    stdio.out(
      format === "table" ? table(value) : format === "json" ? Terminal.json(value, 2) + "\n" : Terminal.json(value) + "\n"
    )
  )

/**
 * What runs before and after each row of a stream is written.
 *
 * @since 0.1.0
 */
export interface RowHooks {
  readonly before: Effect.Effect<void>
  readonly after: (count: number) => Effect.Effect<void>
}

const noHooks: RowHooks = { before: Effect.void, after: () => Effect.void }

/**
 * Writes a stream of rows in `format`, each as it arrives: table rows with fixed
 * column widths, a JSON array written element by element, or one line per row.
 * `hooks` run around each row (a progress line clears itself before a row reaches
 * the same terminal, and redraws after). Returns the number of rows.
 *
 * @since 0.1.0
 */
export const printStream = <A, E, R>(
  format: Format,
  columns: Columns<A>,
  rows: Stream.Stream<A, E, R>,
  hooks: RowHooks = noHooks
): Effect.Effect<number, E, R | Stdio> =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    let count = 0
    if (format === "table") yield* stdio.out(renderRow(columns.widths, columns.headers) + "\n")
    if (format === "json") yield* stdio.out("[")
    yield* Stream.runForEach(rows, (row) => {
      count++
      const text =
        format === "table"
          ? renderRow(columns.widths, columns.cells(row)) + "\n"
          : format === "json"
            ? (count === 1 ? "\n  " : ",\n  ") + Terminal.json(row)
            : Terminal.json(row) + "\n"
      return Effect.zipRight(Effect.zipRight(hooks.before, stdio.out(text)), hooks.after(count))
      // When the stream fails half-way, the JSON array is still closed, so stdout stays one
      // valid (if incomplete) document; the error goes to stderr and the exit code says so.
    }).pipe(Effect.onExit(() => (format === "json" ? stdio.out(count === 0 ? "]\n" : "\n]\n") : Effect.void)))
    return count
  })

/**
 * Writes a finite list of rows.
 *
 * @since 0.1.0
 */
export const printList = <A>(format: Format, columns: Columns<A>, rows: ReadonlyArray<A>): Effect.Effect<void, never, Stdio> =>
  Effect.asVoid(printStream(format, columns, Stream.fromIterable(rows)))
