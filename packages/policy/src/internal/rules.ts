/**
 * The policy's rules, written once: what each checks and what its automatic
 * fix changes. Audit reports them; plan turns the fixes into actions.
 */
import type * as Account from "@cf-accounts/core/Account"
import type { Change, ExceptionRef, Finding, RuleId } from "../Finding.js"
import type { Exception, Policy } from "../PolicyFile.js"
import * as Match from "./match.js"

/** What the rules look at in an account; a `null` or missing setting is `null`, "not set". */
export interface Subject {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly enforce_twofactor: boolean | null
  readonly abuse_contact_email: string | null
  readonly organization: string | null
}

/** An account as the rules see it. */
export const subject = (account: Account.Account): Subject => ({
  id: account.id,
  name: account.name,
  type: account.type,
  enforce_twofactor: account.settings?.enforce_twofactor ?? null,
  abuse_contact_email: blankAsNull(account.settings?.abuse_contact_email),
  organization: account.managed_by?.parent_org_id ?? null
})

const blankAsNull = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value.trim() === "" ? null : value

interface Breach {
  readonly detail: string
  readonly fix?: ReadonlyArray<Change>
}

type Check = (subject: Subject, policy: Policy) => Breach | undefined

const shown = (value: unknown) => (value === null ? "not set" : JSON.stringify(value))

const checks: Record<RuleId, Check> = {
  enforce_twofactor: (s, policy) =>
    policy.enforce_twofactor !== true || s.enforce_twofactor === true
      ? undefined
      : {
          detail: `settings.enforce_twofactor is ${shown(s.enforce_twofactor)}, the policy requires true`,
          fix: [{ field: "settings.enforce_twofactor", before: s.enforce_twofactor, after: true, reason: "enforce_twofactor" }]
        },
  abuse_contact_email: (s, policy) => {
    const rule = policy.abuse_contact_email
    if (rule === undefined || rule === false) return undefined
    const options = rule === true ? {} : rule
    const fix =
      options.fix_to === undefined
        ? {}
        : {
            fix: [
              {
                field: "settings.abuse_contact_email",
                before: s.abuse_contact_email,
                after: options.fix_to,
                reason: "abuse_contact_email" as const
              }
            ]
          }
    if (s.abuse_contact_email === null) return { detail: "settings.abuse_contact_email is not set", ...fix }
    if (options.domain !== undefined && !Match.withinDomain(s.abuse_contact_email, options.domain)) {
      return { detail: `settings.abuse_contact_email ${shown(s.abuse_contact_email)} is not within ${options.domain}`, ...fix }
    }
    return undefined
  },
  name: (s, policy) => {
    if (policy.name === undefined || policy.name === false) return undefined
    // A policy decoded from a file has a safe pattern; one built in code is checked here, never run unsafe.
    const refused = Match.unsafe(policy.name.pattern)
    if (refused !== undefined) return { detail: `name ${shown(s.name)} was not checked: policy.name.pattern ${refused}` }
    return new RegExp(policy.name.pattern).test(s.name)
      ? undefined
      : { detail: `name ${shown(s.name)} does not match ${policy.name.pattern}` }
  },
  type: (s, policy) =>
    policy.type === undefined || policy.type === false || (policy.type.allowed as ReadonlyArray<string>).includes(s.type)
      ? undefined
      : { detail: `type ${shown(s.type)} is not one of ${policy.type.allowed.join(", ")}` },
  organization: (s, policy) =>
    policy.organization === undefined || policy.organization === false || s.organization === policy.organization.id
      ? undefined
      : {
          detail:
            s.organization === null
              ? `the account is in no organization, the policy wants ${policy.organization.id}`
              : `the account is under organization ${s.organization}, the policy wants ${policy.organization.id}`,
          fix: [{ field: "organization", before: s.organization, after: policy.organization.id, reason: "organization" }]
        }
}

const ref = (exception: Exception): ExceptionRef => ({
  rule: exception.rule,
  accounts: exception.accounts,
  reason: exception.reason,
  expires: exception.expires
})

/** Every rule `subject` breaks, in rule order, with the exception that silences it or that expired. */
export const evaluate = (subject: Subject, policy: Policy, now: number): ReadonlyArray<Finding> => {
  const findings: Array<Finding> = []
  for (const [rule, check] of Object.entries(checks) as Array<[RuleId, Check]>) {
    const breach = check(subject, policy)
    if (breach === undefined) continue
    const naming = (policy.exceptions ?? []).filter(
      (exception) => exception.rule === rule && exception.accounts.some((entry) => Match.namesAccount(entry, subject))
    )
    const live = naming.find((exception) => now < Match.endOfDay(exception.expires))
    const expired = naming.find((exception) => now >= Match.endOfDay(exception.expires))
    findings.push({
      rule,
      account: { id: subject.id, name: subject.name },
      detail: live === undefined && expired !== undefined ? `${breach.detail} (exception expired ${expired.expires})` : breach.detail,
      ...(breach.fix === undefined ? {} : { fix: breach.fix }),
      ...(live === undefined ? {} : { silencedBy: ref(live) }),
      ...(live === undefined && expired !== undefined ? { expiredException: ref(expired) } : {})
    })
  }
  return findings
}
