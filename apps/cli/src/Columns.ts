/**
 * Table columns of the things the command line lists.
 *
 * @since 0.1.0
 */
import type { Account } from "@cf-accounts/core/Account"
import type { Organization } from "@cf-accounts/core/Organization"
import { cell, type Columns } from "./Output.js"

/**
 * Accounts: `ID  TYPE  CREATED_ON  NAME`; the name goes last, so rows line up
 * without knowing every name first (rows print as they arrive).
 *
 * @since 0.1.0
 */
export const accounts: Columns<Account> = {
  headers: ["ID", "TYPE", "CREATED_ON", "NAME"],
  widths: [32, 10, 27],
  cells: (a) => [cell(a.id), cell(a.type), cell(a.created_on), cell(a.name)]
}

/**
 * Organizations: `ID  PARENT  CREATED  NAME`.
 *
 * @since 0.1.0
 */
export const organizations: Columns<Organization> = {
  headers: ["ID", "PARENT", "CREATED", "NAME"],
  widths: [32, 32, 24],
  cells: (o) => [cell(o.id), cell(o.parent?.id), cell(o.create_time), cell(o.name)]
}

/**
 * The outcome of moving one account.
 *
 * @since 0.1.0
 */
export interface MoveOutcome {
  readonly account_id: string
  readonly moved: boolean
  readonly message?: string
}

/**
 * Move outcomes: `ACCOUNT_ID  MOVED  MESSAGE`.
 *
 * @since 0.1.0
 */
export const moves: Columns<MoveOutcome> = {
  headers: ["ACCOUNT_ID", "MOVED", "MESSAGE"],
  widths: [32, 5],
  cells: (m) => [cell(m.account_id), m.moved ? "yes" : "no", cell(m.message ?? "")]
}
