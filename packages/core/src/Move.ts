/**
 * Moving accounts between organizations (`POST /accounts/{account_id}/move` and
 * `POST /accounts/move`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AccountId, OrganizationId } from "./Ids.js"
import { readOptional } from "./internal/tolerant.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * Body of `POST /accounts/{account_id}/move`.
 *
 * @since 0.1.0
 */
export const MoveAccount = Schema.Struct({
  destination_organization_id: OrganizationId
}).annotations({ identifier: "MoveAccount" })

/** @since 0.1.0 */
export type MoveAccount = typeof MoveAccount.Type

/**
 * @since 0.1.0
 */
export const MoveAccountResult = Schema.Struct(
  {
    account_id: Schema.String,
    source_organization_id: readOptional(Schema.String),
    destination_organization_id: Schema.String
  },
  UnknownFields
).annotations({ identifier: "MoveAccountResult" })

/** @since 0.1.0 */
export type MoveAccountResult = typeof MoveAccountResult.Type

/**
 * Body of `POST /accounts/move`: at least one account id.
 *
 * @since 0.1.0
 */
export const BatchMoveAccounts = Schema.Struct({
  account_ids: Schema.NonEmptyArray(AccountId).annotations({
    // An empty list would otherwise read "account_ids.0: is missing"; a bad id keeps
    // its own message and index (`override: false` on a composite defers to it).
    message: (issue) =>
      Array.isArray(issue.actual) && issue.actual.length === 0
        ? { message: "must list at least one account id", override: true }
        : { message: "must be a non-empty list of account ids", override: false }
  }),
  destination_organization_id: OrganizationId
}).annotations({ identifier: "BatchMoveAccounts" })

/** @since 0.1.0 */
export type BatchMoveAccounts = typeof BatchMoveAccounts.Type

/**
 * The outcome of one move.
 *
 * @since 0.1.0
 */
export const MoveStatus = Schema.Struct(
  {
    tag: Schema.String,
    moved: Schema.Boolean,
    message: readOptional(Schema.String)
  },
  UnknownFields
).annotations({ identifier: "MoveStatus" })

/** @since 0.1.0 */
export type MoveStatus = typeof MoveStatus.Type

/**
 * `statuses` of a batch move. The spec describes one status object (`tag`,
 * `moved`, `message`) for the whole batch; further keys (such as one entry per
 * account id, which the emulator sends) are kept.
 *
 * @since 0.1.0
 */
export const BatchMoveStatuses = MoveStatus.annotations({ identifier: "BatchMoveStatuses" })

/**
 * @since 0.1.0
 */
export const BatchMoveResult = Schema.Struct(
  {
    statuses: BatchMoveStatuses
  },
  UnknownFields
).annotations({ identifier: "BatchMoveResult" })

/** @since 0.1.0 */
export type BatchMoveResult = typeof BatchMoveResult.Type
