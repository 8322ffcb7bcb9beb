/**
 * Policy rules. Each is a SQL condition over the `accounts` columns that holds when an
 * account breaks the rule; constant text, never built from input.
 */
import type { SettingsShape } from "../Settings.js"

export interface Rule {
  readonly id: "enforce-twofactor" | "abuse-contact"
  readonly detail: string
  /** Holds for a row of `accounts` that breaks the rule. */
  readonly violation: string
  readonly enabled: (settings: SettingsShape) => boolean
}

export const EnforceTwofactor: Rule = {
  id: "enforce-twofactor",
  detail: "settings.enforce_twofactor is not true",
  violation: "coalesce(enforce_twofactor, 0) = 0",
  enabled: (s) => s.rules.enforceTwofactor
}

export const AbuseContact: Rule = {
  id: "abuse-contact",
  detail: "settings.abuse_contact_email is not set",
  violation: "coalesce(trim(abuse_contact_email), '') = ''",
  enabled: (s) => s.rules.abuseContact
}

export const all: ReadonlyArray<Rule> = [EnforceTwofactor, AbuseContact]

export const ids = all.map((rule) => rule.id)
