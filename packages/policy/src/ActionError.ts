/**
 * Why `apply` failed one action without sending its write: the errors of the
 * engine itself (the client's own errors are the others of `Apply.ActionError`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A planned create whose name an account now has: found by the lookup by exact
 * name just before the create (two applies at once, or a create by someone
 * else since the plan). Nothing was created; make a new plan.
 *
 * @since 0.1.0
 */
export class NameTakenError extends Schema.TaggedError<NameTakenError>()("NameTakenError", {
  name: Schema.String,
  ids: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `an account named ${JSON.stringify(this.name)} now exists (${this.ids.join(", ")}); nothing was created`
  }
}

/**
 * An action with a change it cannot write: a field that kind of action does not
 * change (`name` in an update), or a value of the wrong type (a string for
 * `settings.enforce_twofactor`). Only a plan edited by hand, or built in code,
 * has one. Nothing was sent for the action.
 *
 * @since 0.1.0
 */
export class UnwritableChangeError extends Schema.TaggedError<UnwritableChangeError>()("UnwritableChangeError", {
  action: Schema.String,
  field: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `the ${this.action} cannot write ${this.field}: ${this.reason}; nothing was sent for it`
  }
}
