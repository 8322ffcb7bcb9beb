/**
 * The fields a plan's actions change, which kind of action writes each, and the
 * type of its value: one table, read by the strict decoding of a saved plan
 * and by `apply` (which fails an action with a change it cannot write).
 */
import * as Account from "@cf-accounts/core/Account"
import * as AccountProfile from "@cf-accounts/core/AccountProfile"
import * as Schema from "effect/Schema"
import type { Change } from "../Finding.js"

export type Kind = "create" | "update" | "move" | "profile"

interface Field {
  readonly kinds: ReadonlyArray<Kind>
  readonly fits: (value: unknown) => boolean
  readonly what: string
}

const text = (value: unknown) => typeof value === "string"
const profile: Field = { kinds: ["create", "profile"], fits: text, what: "a string" }

export const fields: Readonly<Record<string, Field>> = {
  name: { kinds: ["create"], fits: text, what: "a string" },
  type: { kinds: ["create"], fits: Schema.is(Account.AccountType), what: "standard or enterprise" },
  organization: { kinds: ["create", "move"], fits: text, what: "a string" },
  "settings.enforce_twofactor": { kinds: ["create", "update"], fits: (v) => typeof v === "boolean", what: "true or false" },
  "settings.abuse_contact_email": { kinds: ["create", "update"], fits: text, what: "a string" },
  ...Object.fromEntries(Object.keys(AccountProfile.AccountProfileInput.fields).map((key) => [`profile.${key}`, profile]))
}

/** Why an action of `kind` cannot write `change` (with the key of the change it is about), or `undefined`. */
export const problem = (
  kind: Kind,
  change: Pick<Change, "field" | "before" | "after">
): { readonly key: "field" | "before" | "after"; readonly message: string } | undefined => {
  const field = Object.hasOwn(fields, change.field) ? fields[change.field] : undefined
  if (field === undefined) return { key: "field", message: `is not a field a plan changes (${Object.keys(fields).join(", ")})` }
  if (!field.kinds.includes(kind)) return { key: "field", message: `is not changed by a ${kind} (only by ${field.kinds.join(", ")})` }
  if (!field.fits(change.after)) return { key: "after", message: `must be ${field.what}` }
  if (change.before !== null && !field.fits(change.before)) return { key: "before", message: `must be null or ${field.what}` }
  return undefined
}
