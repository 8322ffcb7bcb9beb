/**
 * A finding row as the API shows it: its exception parsed.
 */
import * as JsonColumn from "../db/JsonColumn.js"
import type * as Responses from "./Responses.js"

export const finding = <Row extends { readonly exception: string | null }>(
  row: Row
): Omit<Row, "exception"> & { readonly exception: Responses.ExceptionRef | null } => ({
  ...row,
  // Written by `Findings.stage` from the engine's exception (an `ExceptionRecord`).
  exception: JsonColumn.parse(row.exception) as Responses.ExceptionRef | null
})
