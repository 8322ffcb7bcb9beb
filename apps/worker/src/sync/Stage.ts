/**
 * Staging one page of a sync: the accounts, and what the policy engine finds in them, written
 * together in one D1 batch (one transaction), so a page is staged whole or not at all.
 */
import type { Account } from "@cf-accounts/core/Account"
import * as Effect from "effect/Effect"
import * as Accounts from "../db/Accounts.js"
import * as FindingsTable from "../findings/Findings.js"
import * as Policy from "../findings/Policy.js"
import { Database, type DatabaseError } from "../platform/Database.js"

export const stage = (
  syncId: string,
  accounts: ReadonlyArray<Account>,
  auditor: Policy.Auditor
): Effect.Effect<void, DatabaseError, Database> =>
  accounts.length === 0
    ? Effect.void
    : Effect.flatMap(Database, (db) =>
        db.batch("staging accounts", [
          Accounts.stage(syncId, accounts),
          ...FindingsTable.stage(syncId, Policy.audit(auditor, accounts), auditor)
        ])
      )
