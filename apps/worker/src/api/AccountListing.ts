/**
 * `accounts.list`: the snapshot filtered (name, compliant, rule, inaccessible), sorted by
 * id or name (in natural order), a page at a time, with the number of accounts the filter
 * matches. The cursor carries the sort it was made for, so a cursor
 * from another sort is a 400 rather than a page that skips or repeats accounts.
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Effect from "effect/Effect"
import * as Accounts from "../db/Accounts.js"
import * as Cursor from "./Cursor.js"
import type * as Query from "./Query.js"

/**
 * The cursor text for a page ending at `row`: the bare id for the default order (id,
 * ascending); else the id, the sort and order, and sorted by name the name's sort key.
 */
const cursorKey = (row: Accounts.AccountRow, sort: Accounts.AccountSort, order: Accounts.SortOrder) =>
  sort === "id" && order === "asc" ? row.id : `${row.id} ${sort} ${order}${sort === "name" ? ` ${row.name_key ?? ""}` : ""}`

const parseCursor = (key: string, sort: Accounts.AccountSort, order: Accounts.SortOrder) =>
  Effect.gen(function* () {
    const [id = "", cursorSort = "id", cursorOrder = "asc"] = key.split(" ", 3)
    if (cursorSort !== sort || cursorOrder !== order) {
      return yield* new InvalidInputError({
        field: "cursor",
        rule: `comes from a listing sorted by ${cursorSort} ${cursorOrder}; pass the same sort and order`,
        value: undefined
      })
    }
    const nameKey = sort === "name" ? key.slice(id.length + sort.length + order.length + 3) : undefined
    return { id, nameKey }
  })

/** One page of accounts, the cursor of the next page (null on the last), and how many match the filter in all. */
export const page = (query: typeof Query.AccountsQuery.Type, defaultLimit: number) =>
  Effect.gen(function* () {
    if (query.inaccessible !== undefined && query.include_inaccessible !== undefined) {
      return yield* new InvalidInputError({
        field: "inaccessible",
        rule: "cannot be combined with include_inaccessible",
        value: undefined
      })
    }
    const limit = query.limit ?? defaultLimit
    const sort = query.sort ?? "id"
    const order = query.order ?? "asc"
    const after = query.cursor === undefined ? undefined : yield* parseCursor(Cursor.decode(query.cursor), sort, order)
    const filter: Accounts.AccountFilter = {
      name: query.name,
      compliant: query.compliant,
      rule: query.rule,
      includeDeleted: query.include_deleted ?? false,
      includeInaccessible: query.inaccessible === true ? "only" : (query.include_inaccessible ?? false)
    }
    const [rows, total] = yield* Effect.all([Accounts.list({ ...filter, sort, order, after, limit }), Accounts.count(filter)])
    const items = rows.slice(0, limit)
    const last = items[items.length - 1]
    const next_cursor = rows.length > limit && last !== undefined ? Cursor.encode(cursorKey(last, sort, order)) : null
    return { items, next_cursor, total }
  })
