/**
 * The policy the worker audits with: the newest version of the file stored through
 * `policy.put` (`db/PolicyVersions.ts`), checked by the policy engine's `Load.parse`, or,
 * while none is stored, the default policy ({@link defaultText}). Every rule, its text, its
 * findings and its automatic fix come from the engine (`@cf-accounts/policy`); this module only
 * stores, reads and hands the policy over.
 */
import type { Account } from "@cf-accounts/core/Account"
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Audit from "@cf-accounts/policy/Audit"
import * as Finding from "@cf-accounts/policy/Finding"
import * as Load from "@cf-accounts/policy/Load"
import { Policy, PolicyFile } from "@cf-accounts/policy/PolicyFile"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as PolicyVersions from "../db/PolicyVersions.js"
import type { Database, DatabaseError } from "../platform/Database.js"
import { Settings, type SettingsShape } from "../platform/Settings.js"
import { now } from "../platform/Timestamps.js"

/** The policy's rules, as the engine names them. */
export type RuleId = Finding.RuleId
export const ruleIds = Finding.ruleIds

/**
 * The default policy, used while no version is stored: today's two rules, each switched by
 * its var (`RULE_ENFORCE_TWOFACTOR`, `RULE_ABUSE_CONTACT`, both `true` by default). Once a
 * version is stored, those vars are not read.
 */
export const defaultText = (rules: SettingsShape["rules"]): string =>
  [
    "# The worker's default policy: no version is stored yet (storing one replaces it).",
    "# RULE_ENFORCE_TWOFACTOR and RULE_ABUSE_CONTACT switch its two rules until then.",
    "policy:",
    `  enforce_twofactor: ${rules.enforceTwofactor}`,
    `  abuse_contact_email: ${rules.abuseContact}`,
    ""
  ].join("\n")

/** A version of the policy, or the default (`version: null`, no author or time). */
export interface Current {
  readonly version: number | null
  readonly text: string
  readonly file: PolicyFile
  /** `token`, or the Cloudflare Access email of whoever stored it. */
  readonly createdBy: string | null
  readonly createdAt: string | null
}

const encodeFile = Schema.encodeSync(PolicyFile)
const decodeFile = Schema.decodeUnknown(PolicyFile)

const fromRow = (row: PolicyVersions.VersionRow): Effect.Effect<Current> =>
  // The worker wrote `file` from a file the engine had parsed; a row that does not decode is a bug.
  Effect.map(Effect.orDie(decodeFile(JSON.parse(row.file))), (file) => ({
    version: row.version,
    text: row.text,
    file,
    createdBy: row.created_by,
    createdAt: row.created_at
  }))

const fallback: Effect.Effect<Current, never, Settings> = Effect.gen(function* () {
  const settings = yield* Settings
  const text = defaultText(settings.rules)
  const file = yield* Effect.orDie(Load.parse(text, { source: "default policy" }))
  return { version: null, text, file, createdBy: null, createdAt: null }
})

/** The newest stored version, or the default. */
export const current: Effect.Effect<Current, DatabaseError, Database | Settings> = Effect.flatMap(
  PolicyVersions.latest,
  (row) => Option.match(row, { onNone: () => fallback, onSome: fromRow })
)

/** Version `version` (which must exist: a sync names one it read), or the default for `null`. */
export const atVersion = (version: number | null): Effect.Effect<Current, DatabaseError, Database | Settings> =>
  version === null
    ? fallback
    : Effect.flatMap(PolicyVersions.get(version), (row) =>
        Option.match(row, { onNone: () => Effect.dieMessage(`policy version ${version} vanished`), onSome: fromRow })
      )

/** Version `version` if stored. */
export const find = (version: number) =>
  Effect.flatMap(PolicyVersions.get(version), (row) =>
    Option.match(row, { onNone: () => Effect.succeedNone, onSome: (r) => Effect.asSome(fromRow(r)) })
  )

/**
 * Checks `text` with the engine (a bad file fails with its `PolicyFileError`, each problem at
 * `body:line:column`, and nothing is stored), then stores it as the next version. The parsed
 * file, stored beside the text, is held to `maxBytes` as JSON like the text: YAML aliases can
 * expand a small text into a much larger file, which is refused (`InvalidInputError` on the
 * body), nothing stored.
 */
export const store = Effect.fn("Policy.store")(function* (text: string, createdBy: string, maxBytes: number) {
  const file = yield* Load.parse(text, { source: "body" })
  const json = JSON.stringify(encodeFile(file))
  const bytes = new TextEncoder().encode(json).length
  if (bytes > maxBytes) {
    return yield* new InvalidInputError({
      field: "body",
      rule: `must be at most ${maxBytes} bytes as JSON once parsed (YAML aliases expand): it is ${bytes}`,
      value: undefined
    })
  }
  const stored = yield* PolicyVersions.append({
    text,
    file: json,
    createdBy,
    createdAt: yield* now
  })
  if (Option.isNone(stored)) return yield* Effect.dieMessage("the stored policy version was not returned")
  return yield* fromRow(stored.value)
})

/** The file as JSON (what `policy.get` shows beside the text). */
export const fileJson = (file: PolicyFile): unknown => encodeFile(file)

/** The policy's rules (the file's `policy`, or none). */
export const rulesOf = (file: PolicyFile): Policy => file.policy ?? {}

/** What a sync audits with: the rules, and the time exceptions are judged at (the sync's start). */
export interface Auditor {
  readonly version: number | null
  readonly policy: Policy
  readonly now: number
}

/** The auditor of a sync, from the version it recorded when it started. */
export const auditorFor = (sync: {
  readonly policy_version: number | null
  readonly started_at: string
}): Effect.Effect<Auditor, DatabaseError, Database | Settings> =>
  Effect.map(atVersion(sync.policy_version), (policy) => ({
    version: policy.version,
    policy: rulesOf(policy.file),
    now: Date.parse(sync.started_at)
  }))

/** An auditor with the current policy (the newest version, or the default), judging exceptions now. */
export const currentAuditor: Effect.Effect<Auditor, DatabaseError, Database | Settings> = Effect.gen(function* () {
  const policy = yield* current
  return { version: policy.version, policy: rulesOf(policy.file), now: yield* Clock.currentTimeMillis }
})

/** Every finding of `accounts` under the auditor's policy (the engine's `Audit.audit`). */
export const audit = (auditor: Auditor, accounts: ReadonlyArray<Account>): ReadonlyArray<Finding.Finding> =>
  Audit.audit(accounts, auditor.policy, auditor.now)

/** Whether a rule is switched on (present and not `false`). */
export const isEnabled = (policy: Policy, rule: RuleId): boolean => policy[rule] !== undefined && policy[rule] !== false

/** The rules switched on. */
export const enabledRules = (policy: Policy): ReadonlyArray<RuleId> => ruleIds.filter((rule) => isEnabled(policy, rule))

/**
 * An account that breaks every rule that has an automatic fix: no two-factor, no abuse
 * contact, no organization. The engine reports a fix for it under exactly the rules that have
 * one in `policy`, so which rules can be fixed is read from the engine, not restated.
 */
const probe = {
  id: "00000000000000000000000000000000",
  name: "",
  type: "",
  settings: { enforce_twofactor: false, abuse_contact_email: null },
  managed_by: null
} as unknown as Account // The engine reads only these fields of an account (`id`, `name`, `type`, `settings`, `managed_by`).

/** The rules whose automatic fix `policy` allows (on, and for the abuse contact with a `fix_to`). */
export const fixableRules = (policy: Policy): ReadonlyArray<RuleId> => {
  const findings = Audit.audit([probe], { ...policy, exceptions: [] }, 0)
  return ruleIds.filter((rule) => findings.some((finding) => finding.rule === rule && (finding.fix ?? []).length > 0))
}

/** The changes the engine's automatic fix for `rule` makes to `account` now: none when it complies or an exception excuses it. */
export const fixFor = (account: Account, rule: RuleId, policy: Policy, time: number): ReadonlyArray<Finding.Change> =>
  Audit.audit([account], policy, time).flatMap((finding) =>
    finding.rule === rule && Finding.isOpen(finding) ? (finding.fix ?? []) : []
  )

/** The engine's description of each rule (the policy file schema's `description` of its key). */
const descriptions: ReadonlyMap<string, string> = new Map(
  // `Policy` is a struct: its AST is a type literal with one property signature per key.
  (Policy.ast as AST.TypeLiteral).propertySignatures.map((signature) => [String(signature.name), Option.getOrElse(AST.getDescriptionAnnotation(signature), () => "")])
)

export interface RuleView {
  readonly id: RuleId
  readonly detail: string
  readonly enabled: boolean
  /** Whether the worker can fix it with a job under this policy. */
  readonly fix: boolean
}

/** Every rule of the engine: its text, whether `policy` switches it on, whether it can be fixed. */
export const rules = (policy: Policy): ReadonlyArray<RuleView> => {
  const fixable = fixableRules(policy)
  return ruleIds.map((id) => ({
    id,
    detail: descriptions.get(id) ?? id,
    enabled: isEnabled(policy, id),
    fix: fixable.includes(id)
  }))
}

/**
 * Whether an exception has expired at `time`. The engine holds an exception through its
 * `expires` day (UTC) and does not export that check, so it is written here once, the same way.
 */
export const hasExpired = (expires: string, time: number): boolean => {
  const [y = 0, m = 1, d = 1] = expires.split("-").map(Number)
  return time >= Date.UTC(y, m - 1, d + 1)
}
