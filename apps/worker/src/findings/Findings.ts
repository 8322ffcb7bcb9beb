/**
 * Findings are derived from the snapshot after each completed sync: an open finding per
 * account and enabled rule it breaks, resolved when it complies again (or is deleted,
 * or the rule is switched off). The findings of an account the token can no longer see
 * (`inaccessible_since`) are left as they were, open ones open with their `last_seen`
 * no longer advancing: its settings cannot be read, so it is not known to comply. Only the
 * upsert needs to leave it out: its stored settings no longer change, so an open finding of
 * it still matches the violation and is not resolved.
 */
import { type Statement, statement } from "../db/Database.js"
import type { SettingsShape } from "../Settings.js"
import * as Rules from "./Rules.js"

/** Statements that bring `findings` and `accounts.compliant` up to date, at time `now`. */
export const refresh = (settings: SettingsShape, now: string): ReadonlyArray<Statement> => {
  const statements: Array<Statement> = []
  for (const rule of Rules.all) {
    if (rule.enabled(settings)) {
      statements.push(
        statement(
          `INSERT INTO findings (account_id, rule, status, detail, first_seen, last_seen, resolved_at)
           SELECT id, ?1, 'open', ?2, ?3, ?3, NULL FROM accounts
           WHERE deleted_at IS NULL AND inaccessible_since IS NULL AND ${rule.violation}
           ON CONFLICT (account_id, rule) DO UPDATE SET
             first_seen = CASE WHEN findings.status = 'open' THEN findings.first_seen ELSE excluded.first_seen END,
             status = 'open', detail = excluded.detail, last_seen = excluded.last_seen, resolved_at = NULL`,
          rule.id,
          rule.detail,
          now
        ),
        statement(
          `UPDATE findings SET status = 'resolved', resolved_at = ?2
           WHERE rule = ?1 AND status = 'open' AND account_id NOT IN
             (SELECT id FROM accounts WHERE deleted_at IS NULL AND ${rule.violation})`,
          rule.id,
          now
        )
      )
    } else {
      statements.push(
        statement(
          "UPDATE findings SET status = 'resolved', resolved_at = ?2 WHERE rule = ?1 AND status = 'open'",
          rule.id,
          now
        )
      )
    }
  }
  statements.push(
    statement(
      `UPDATE accounts SET compliant = CASE WHEN EXISTS
         (SELECT 1 FROM findings f WHERE f.account_id = accounts.id AND f.status = 'open') THEN 0 ELSE 1 END`
    )
  )
  return statements
}
