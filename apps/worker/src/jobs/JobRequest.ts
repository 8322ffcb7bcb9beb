/**
 * The body of a job creation request (`jobs.create`), checked field by field.
 */
import { AccountId, OrganizationId } from "@cf-accounts/core/Ids"
import * as Schema from "effect/Schema"

/** At most this many account ids in one request. */
export const MAX_ACCOUNT_IDS = 10_000

const AccountIds = Schema.Array(AccountId).pipe(
  Schema.minItems(1, { message: () => "must list at least one account id" }),
  Schema.maxItems(MAX_ACCOUNT_IDS, { message: () => `must list at most ${MAX_ACCOUNT_IDS} account ids` })
)

export const Kind = Schema.Struct({
  kind: Schema.Literal("enforce-twofactor", "move").annotations({
    message: () => "must be 'enforce-twofactor' or 'move'"
  })
})

/** `account_ids` as a list: a bad entry is named by its index (`account_ids.3`). */
export const EnforceTwofactorList = Schema.Struct({
  kind: Schema.Literal("enforce-twofactor"),
  account_ids: AccountIds
})

export const EnforceTwofactorAll = Schema.Struct({
  kind: Schema.Literal("enforce-twofactor"),
  account_ids: Schema.Literal("all-noncompliant").annotations({
    message: () => "must be a non-empty array of account ids or 'all-noncompliant'"
  })
})

export const Move = Schema.Struct({
  kind: Schema.Literal("move"),
  account_ids: AccountIds,
  destination_organization_id: OrganizationId
})

export type JobRequest = typeof EnforceTwofactorList.Type | typeof EnforceTwofactorAll.Type | typeof Move.Type
