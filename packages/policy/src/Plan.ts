/**
 * `plan`: the fleet and a policy file in, the actions that bring the fleet to
 * the file out. Pure: the time and the profiles read are parameters. A plan is
 * plain data (`Plan` encodes to JSON), so it can be saved, reviewed and applied
 * later; its `fingerprint` lets `apply` refuse it once the fleet has moved on.
 *
 * @since 0.1.0
 */
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import * as Schema from "effect/Schema"
import { AccountRef, Change } from "./Finding.js"
import * as Changes from "./internal/changes.js"
import * as Internal from "./internal/plan.js"
import type { PolicyFile } from "./PolicyFile.js"

/**
 * Create a declared account that does not exist: `name`, then what its
 * `changes` list (`type`, `organization`, `settings.*`, `profile.*`, each with
 * `before: null`).
 *
 * @since 0.1.0
 */
/** Each change a known field this kind of action writes, with a value of its type. */
const writable =
  (kind: Changes.Kind) =>
  (action: { readonly changes: ReadonlyArray<Change> }): true | ReadonlyArray<Schema.FilterIssue> => {
    const issues = action.changes.flatMap((change, index): Array<Schema.FilterIssue> => {
      const problem = Changes.problem(kind, change)
      return problem === undefined ? [] : [{ path: ["changes", index, problem.key], message: problem.message }]
    })
    return issues.length === 0 ? true : issues
  }

export const Create = Schema.TaggedStruct("create", {
  name: Schema.String,
  changes: Schema.Array(Change)
}).pipe(Schema.filter(writable("create")), Schema.annotations({ identifier: "Create" }))

/**
 * Change an account's settings (`settings.*`), by a read-modify-write that keeps every other field.
 *
 * @since 0.1.0
 */
export const Update = Schema.TaggedStruct("update", { account: AccountRef, changes: Schema.Array(Change) }).pipe(
  Schema.filter(writable("update")),
  Schema.annotations({ identifier: "Update" })
)

/**
 * Move an account to another organization (`organization`).
 *
 * @since 0.1.0
 */
export const Move = Schema.TaggedStruct("move", { account: AccountRef, changes: Schema.Array(Change) }).pipe(
  Schema.filter(writable("move")),
  Schema.annotations({ identifier: "Move" })
)

/**
 * Change fields of an account's business profile (`profile.*`).
 *
 * @since 0.1.0
 */
export const Profile = Schema.TaggedStruct("profile", { account: AccountRef, changes: Schema.Array(Change) }).pipe(
  Schema.filter(writable("profile")),
  Schema.annotations({ identifier: "Profile" })
)

/** @since 0.1.0 */
export const Action = Schema.Union(Create, Update, Move, Profile).annotations({ identifier: "Action" })

/** @since 0.1.0 */
export type Action = typeof Action.Type

/**
 * What the file asks that the engine will not do, per account: rename an
 * account, change its type, create an account declared by an id that does not
 * exist, pick between accounts sharing a declared name, or compare a profile it
 * was not given.
 *
 * @since 0.1.0
 */
export const Conflict = Schema.Struct({ account: Schema.String, detail: Schema.String }).annotations({
  identifier: "Conflict"
})

/** @since 0.1.0 */
export type Conflict = typeof Conflict.Type

/**
 * The state of every account the plan touches, as digests (`accounts`), the
 * names it creates, which must still be free (`absent`), and the accounts it
 * touches that a declaration matched by name (`named`), whose name no other
 * account may have taken since (a plan saved before `named` existed has none).
 *
 * @since 0.1.0
 */
export const Fingerprint = Schema.Struct({
  accounts: Schema.Array(Schema.Struct({ id: Schema.String, name: Schema.String, digest: Schema.String })),
  absent: Schema.Array(Schema.String),
  named: Schema.optional(Schema.Array(Schema.Struct({ name: Schema.String, id: Schema.String })))
}).annotations({ identifier: "Fingerprint" })

/** @since 0.1.0 */
export type Fingerprint = typeof Fingerprint.Type

/**
 * A plan: `actions` in order (creates first, then per account update, move,
 * profile), the accounts the file does not declare (`unmanaged`: never deleted
 * or renamed; the policy's fixes still cover them), `conflicts`, `warnings`
 * (a declared account the plan creates that will break a rule of the policy
 * that has no automatic fix, such as `policy.name`: the declaration wins, as it
 * does for an existing account, and the plan says so), and the `fingerprint`.
 *
 * @since 0.1.0
 */
/** Every action's account in the fingerprint, every create's name among the names that must be free. */
const fingerprinted = (plan: {
  readonly actions: ReadonlyArray<Action>
  readonly fingerprint: Fingerprint
}): true | ReadonlyArray<Schema.FilterIssue> => {
  const ids = new Set(plan.fingerprint.accounts.map((account) => account.id))
  const absent = new Set(plan.fingerprint.absent)
  const issues = plan.actions.flatMap((action, index): Array<Schema.FilterIssue> =>
    action._tag === "create"
      ? absent.has(action.name)
        ? []
        : [{ path: ["actions", index, "name"], message: "is a create whose name is not in fingerprint.absent" }]
      : ids.has(action.account.id)
        ? []
        : [{ path: ["actions", index, "account", "id"], message: "is an account the fingerprint does not cover" }]
  )
  return issues.length === 0 ? true : issues
}

export const Plan = Schema.Struct({
  actions: Schema.Array(Action),
  unmanaged: Schema.Array(AccountRef),
  conflicts: Schema.Array(Conflict),
  /** What the plan does that the policy's rules will still report (a create breaking `policy.name`, ...). */
  warnings: Schema.optional(Schema.Array(Conflict)),
  fingerprint: Fingerprint
}).pipe(Schema.filter(fingerprinted), Schema.annotations({ identifier: "Plan" }))

/** @since 0.1.0 */
export type Plan = typeof Plan.Type

/**
 * @since 0.1.0
 */
export interface PlanOptions {
  /** The time exceptions are judged at. */
  readonly now: Date | number
  /** Only the declared accounts' changes: leave out the policy's automatic fixes. Default `false`. */
  readonly declaredOnly?: boolean | undefined
  /**
   * The current profiles of the declared accounts that declare a `profile`, by
   * account id (`Fleet.profiles` reads them). A declared profile without its
   * current profile here is a conflict, not a guess.
   */
  readonly profiles?: ReadonlyMap<string, AccountProfile.AccountProfile> | undefined
}

/**
 * The actions that bring `accounts` to `file`. Declared accounts are matched
 * by `id`, else by exact `name`, never created again; an unmatched one (with no
 * `id`) is created. Each declared field that differs becomes a change; unchanged
 * fields are left out, and an account with nothing to change has no action.
 * Unless `declaredOnly`, the policy's automatic fixes (two-factor on, the
 * abuse contact `fix_to`, a move to the organization) are added for every
 * account the policy covers that no unexpired exception excuses, where the
 * file's own declaration does not set that field (the declaration wins; the
 * audit still reports it). Names and types are never changed.
 *
 * @example
 * import { Plan } from "@cf-accounts/policy"
 * const plan = Plan.plan(accounts, file, { now: new Date(), profiles })
 * for (const action of plan.actions) console.log(action._tag, action.changes)
 *
 * @since 0.1.0
 */
export const plan = (accounts: Iterable<Account.Account>, file: PolicyFile, options: PlanOptions): Plan =>
  Internal.plan(Array.from(accounts), file, {
    now: typeof options.now === "number" ? options.now : options.now.getTime(),
    declaredOnly: options.declaredOnly ?? false,
    profiles: options.profiles ?? new Map()
  })

/**
 * Whether the plan changes nothing.
 *
 * @since 0.1.0
 */
export const isEmpty = (plan: Plan): boolean => plan.actions.length === 0

/**
 * A plan as JSON-ready data, and back (for a saved plan).
 *
 * @since 0.1.0
 */
export const encode = Schema.encodeSync(Plan)

/**
 * Decodes a saved plan strictly: unknown keys are refused, each change must be a
 * field its kind of action writes with a value of the field's type, every
 * action's account must be in the fingerprint and every create's name among its
 * `absent` names. A plan that fails is a `ParseError` naming each problem's path.
 *
 * @since 0.1.0
 */
export const decode = Schema.decodeUnknown(Plan, { errors: "all", onExcessProperty: "error" })
