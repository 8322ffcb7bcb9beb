/**
 * `audit`: accounts and a policy in, findings out. Pure: the time is a parameter.
 *
 * @since 0.1.0
 */
import type * as Account from "@cf-accounts/core/Account"
import type { Finding } from "./Finding.js"
import * as Rules from "./internal/rules.js"
import type { Policy } from "./PolicyFile.js"

/**
 * Every rule each account breaks, account by account in the order given, rules
 * in the order of `Finding.ruleIds`. A finding an unexpired exception excuses
 * is reported with `silencedBy`; an exception past its `expires` day (UTC)
 * excuses nothing, and the finding names it in `expiredException`. A `null` or
 * missing setting is "not set"; an account's organization is
 * `managed_by.parent_org_id`.
 *
 * @example
 * import { Audit, Finding, Load } from "@cf-accounts/policy"
 * const file = yield* Load.parse("policy: { enforce_twofactor: true }")
 * const findings = Audit.audit(accounts, file.policy ?? {}, new Date())
 * findings.filter(Finding.isOpen) // what needs attention
 *
 * @since 0.1.0
 */
export const audit = (
  accounts: Iterable<Account.Account>,
  policy: Policy,
  now: Date | number
): ReadonlyArray<Finding> => {
  const time = typeof now === "number" ? now : now.getTime()
  return Array.from(accounts).flatMap((account) => Rules.evaluate(Rules.subject(account), policy, time))
}
