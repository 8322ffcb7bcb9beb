/**
 * The refusal of a saved plan whose accounts changed since it was made.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One difference between the fleet a plan was made from and the fleet now.
 *
 * @since 0.1.0
 */
export const FleetChange = Schema.Struct({
  /** The account's name, or the name a planned create needs free. */
  account: Schema.String,
  id: Schema.optional(Schema.String),
  detail: Schema.String
}).annotations({ identifier: "FleetChange" })

/** @since 0.1.0 */
export type FleetChange = typeof FleetChange.Type

/**
 * `apply` refused the plan: an account it touches changed (or is gone) since
 * the plan was made, or an account it creates now exists. Nothing was sent;
 * make a new plan.
 *
 * @since 0.1.0
 */
export class StalePlanError extends Schema.TaggedError<StalePlanError>()("StalePlanError", {
  changes: Schema.Array(FleetChange)
}) {
  override get message(): string {
    const each = this.changes.map((c) => `${c.account}${c.id === undefined ? "" : ` (${c.id})`} ${c.detail}`)
    return `the fleet changed since the plan was made, so nothing was applied: ${each.join("; ")}`
  }
}
