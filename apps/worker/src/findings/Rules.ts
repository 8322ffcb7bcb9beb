/**
 * Policy rules: what each checks, as text and as SQL, and the setting that switches it off.
 * `Findings.ts` turns them into findings after each sync. A setting the API sends as `null` is "not set", as a missing
 * one is: a `null` abuse contact breaks `abuse-contact`, a `null` `enforce_twofactor` is not
 * enforced.
 */
import type { SettingsShape } from "../platform/Settings.js"

export interface Rule {
  readonly id: "enforce-twofactor" | "abuse-contact"
  readonly detail: string
  readonly enabled: (settings: SettingsShape) => boolean
  /**
   * A SQL condition over the `accounts` columns that holds when an account breaks the rule;
   * constant text, never built from input.
   */
  readonly violation: string
  /** The job kind that fixes an account breaking it, or `null` when the worker has none. */
  readonly fix: "enforce-twofactor" | null
}

export const EnforceTwofactor: Rule = {
  id: "enforce-twofactor",
  detail: "settings.enforce_twofactor is not true",
  enabled: (s) => s.rules.enforceTwofactor,
  violation: "coalesce(enforce_twofactor, 0) = 0",
  fix: "enforce-twofactor"
}

export const AbuseContact: Rule = {
  id: "abuse-contact",
  detail: "settings.abuse_contact_email is not set",
  enabled: (s) => s.rules.abuseContact,
  violation: "coalesce(trim(abuse_contact_email), '') = ''",
  fix: null
}

export const all: ReadonlyArray<Rule> = [EnforceTwofactor, AbuseContact]

export const ids = all.map((rule) => rule.id)

/** The rules the worker can fix with a job. */
export const fixable = all.flatMap((rule) => (rule.fix === null ? [] : [rule.id]))
