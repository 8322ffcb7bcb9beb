/**
 * Policy rules: what each checks and the setting that switches it off. Their SQL conditions
 * are in `db/FindingsTable.ts`. A setting the API sends as `null` is "not set", as a missing
 * one is: a `null` abuse contact breaks `abuse-contact`, a `null` `enforce_twofactor` is not
 * enforced.
 */
import type { SettingsShape } from "../Settings.js"

export interface Rule {
  readonly id: "enforce-twofactor" | "abuse-contact"
  readonly detail: string
  readonly enabled: (settings: SettingsShape) => boolean
}

export const EnforceTwofactor: Rule = {
  id: "enforce-twofactor",
  detail: "settings.enforce_twofactor is not true",
  enabled: (s) => s.rules.enforceTwofactor
}

export const AbuseContact: Rule = {
  id: "abuse-contact",
  detail: "settings.abuse_contact_email is not set",
  enabled: (s) => s.rules.abuseContact
}

export const all: ReadonlyArray<Rule> = [EnforceTwofactor, AbuseContact]

export const ids = all.map((rule) => rule.id)
