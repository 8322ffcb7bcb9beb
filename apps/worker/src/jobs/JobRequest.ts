/**
 * The body of a job creation request (`jobs.create`), checked field by field.
 */
import { AccountId, OrganizationId } from "@cf-accounts/core/Ids"
import { RuleId } from "@cf-accounts/policy/Finding"
import * as Schema from "effect/Schema"

/** At most this many account ids in one request. */
export const MAX_ACCOUNT_IDS = 10_000

const AccountIds = Schema.Array(AccountId).pipe(
  Schema.minItems(1, { message: () => "must list at least one account id" }),
  Schema.maxItems(MAX_ACCOUNT_IDS, { message: () => `must list at most ${MAX_ACCOUNT_IDS} account ids` })
)

const AllNoncompliant = Schema.Literal("all-noncompliant").annotations({
  message: () => "must be a non-empty array of account ids or 'all-noncompliant'"
})

/** The kind alone, read first so an error names the field that is wrong for that kind. */
export const Kind = Schema.Struct({
  kind: Schema.Literal("fix", "enforce-twofactor", "move").annotations({
    message: () => ({ message: "must be 'fix', 'enforce-twofactor' or 'move'", override: true })
  })
})

/** A request of one kind: a field it does not take is refused by name, not ignored. */
const strict = { parseOptions: { onExcessProperty: "error" } } as const

/**
 * `fix`: each item applies the automatic fix of `rule` (a rule of the policy engine) to one
 * account, as the engine computes it from the stored policy when the item runs. A rule the
 * current policy gives no automatic fix is refused (400 naming the rule).
 */
export const FixList = Schema.Struct({
  kind: Schema.Literal("fix"),
  rule: RuleId,
  account_ids: AccountIds
}).annotations(strict)

/** `fix` for every live account with an open finding for `rule`. */
export const FixAll = Schema.Struct({
  kind: Schema.Literal("fix"),
  rule: RuleId,
  account_ids: AllNoncompliant
}).annotations(strict)

/**
 * `enforce-twofactor`, kept from before policies: set `settings.enforce_twofactor: true` on
 * each account that lacks it, whatever the policy says. `all-noncompliant` takes the accounts
 * with an open `enforce_twofactor` finding.
 */
export const EnforceTwofactorList = Schema.Struct({
  kind: Schema.Literal("enforce-twofactor"),
  account_ids: AccountIds
}).annotations(strict)

export const EnforceTwofactorAll = Schema.Struct({
  kind: Schema.Literal("enforce-twofactor"),
  account_ids: AllNoncompliant
}).annotations(strict)

export const Move = Schema.Struct({
  kind: Schema.Literal("move"),
  account_ids: AccountIds,
  destination_organization_id: OrganizationId
}).annotations(strict)

export type JobRequest =
  | typeof FixList.Type
  | typeof FixAll.Type
  | typeof EnforceTwofactorList.Type
  | typeof EnforceTwofactorAll.Type
  | typeof Move.Type
