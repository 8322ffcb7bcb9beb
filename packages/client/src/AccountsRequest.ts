/**
 * Pure, validated descriptions of the ten Accounts API requests: the one place
 * where routes, query parameters and bodies are built. Each function checks its
 * raw input with core's schemas (failing with `InvalidInputError` naming the
 * field) and percent-encodes path segments regardless. The client sends these;
 * the CLI's `--dry-run` prints them.
 *
 * @since 0.1.0
 */
import { AccountChanges } from "@cf-accounts/core/Account"
import type * as Account from "@cf-accounts/core/Account"
import type { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import type * as Ids from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as Operations from "@cf-accounts/core/Operations"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { fillAccountId } from "./internal/path.js"
import * as Merge from "./Merge.js"

/**
 * @since 0.1.0
 */
export type Method = Operations.Method

/**
 * One request, ready to send.
 *
 * @since 0.1.0
 */
export interface RequestSpec {
  readonly method: Method
  /** The route template, e.g. `/accounts/{account_id}`: safe to log. */
  readonly route: string
  /** The path with its segments filled in and percent-encoded. */
  readonly path: string
  readonly urlParams: Readonly<Record<string, string>>
  /** The JSON body, already encoded. */
  readonly body?: unknown
  /** The account the request is about, when there is one (for spans). */
  readonly accountId?: Ids.AccountId
}

/**
 * The route templates, as the spec names them (from core's `Operations`).
 *
 * @since 0.1.0
 */
export const routes = {
  accounts: Operations.list.route,
  account: Operations.get.route,
  move: Operations.move.route,
  batchMove: Operations.batchMove.route,
  organizations: Operations.listOrganizations.route,
  profile: Operations.getProfile.route
} as const

/** The request for `operation`: method and route from the table, the path filled in. */
const request = (
  operation: Operations.Any,
  parts: { readonly accountId?: Ids.AccountId; readonly urlParams?: Record<string, string>; readonly body?: unknown }
): RequestSpec => ({
  method: operation.method,
  route: operation.route,
  path: parts.accountId === undefined ? operation.route : fillAccountId(operation.route, parts.accountId),
  urlParams: parts.urlParams ?? {},
  ...(parts.body === undefined ? {} : { body: parts.body }),
  ...(parts.accountId === undefined ? {} : { accountId: parts.accountId })
})

/**
 * The body of `operation`: `input` checked with the operation's input schema
 * (or, `asSent`, only as the server checks it), encoded with its body schema.
 * `field` names the input in errors.
 */
const bodyOf = (
  operation: Operations.Any,
  input: unknown,
  options: { readonly field?: string; readonly asSent?: boolean } = {}
): Effect.Effect<{ readonly decoded: unknown; readonly body: unknown }, InvalidInputError> => {
  const schema: Schema.Schema<unknown, unknown> = operation.body ?? Schema.Unknown
  const check = options.asSent === true ? schema : (operation.input ?? schema)
  return Effect.flatMap(Input.decode(check, options.field)(input), (decoded: unknown) =>
    // The input schema encodes to the same JSON as the body schema, and the value was
    // just decoded, so encoding cannot fail.
    Effect.map(Effect.orDie(Schema.encode(schema)(decoded)), (body) => ({ decoded, body }))
  )
}

/** A request that takes only an account id. */
const byAccountId =
  (operation: Operations.Any) =>
  (id: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
    Effect.map(accountId(id), (accountId) => request(operation, { accountId }))

/**
 * Checks an account id (`account_id`): 32 hexadecimal characters.
 *
 * @since 0.1.0
 */
export const accountId = (input: unknown): Effect.Effect<Ids.AccountId, InvalidInputError> =>
  Input.decode(Operations.get.path.account_id, "account_id")(input)

/**
 * `POST /accounts`.
 *
 * @since 0.1.0
 */
export const create = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(bodyOf(Operations.create, input), ({ body }) => request(Operations.create, { body }))

/**
 * `GET /accounts` (one page).
 *
 * @since 0.1.0
 */
export const list = (params: unknown = {}): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const { query } = Operations.list
    const decoded = yield* Input.decode(query.params)(params ?? {})
    // Just decoded with the same fields, so encoding to URL form cannot fail.
    const encoded = yield* Effect.orDie(Schema.encode(query.url)(decoded))
    const urlParams: Record<string, string> = {}
    for (const [name, value] of Object.entries(encoded)) if (value !== undefined) urlParams[name] = value
    return request(Operations.list, { urlParams })
  })

/**
 * `GET /accounts/{account_id}`.
 *
 * @since 0.1.0
 */
export const get: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(Operations.get)

/**
 * `PUT /accounts/{account_id}`: the body is the whole account (id, name, type,
 * settings, and any field core does not model), as the spec requires. Checked
 * as a caller supplies it (`UpdateAccountInput`: the abuse contact must be an email).
 *
 * @since 0.1.0
 */
export const update = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(bodyOf(Operations.update, input), ({ body, decoded }) =>
    // Decoded with the operation's input schema, whose `id` is an AccountId.
    request(Operations.update, { accountId: (decoded as Account.UpdateAccount).id, body })
  )

/**
 * Checks the changes of a read-modify-write (`AccountChanges`): a name, settings,
 * an abuse contact that is an email. Fails with `InvalidInputError` naming the field.
 *
 * @since 0.2.0
 */
export const changes = (input: unknown): Effect.Effect<Account.AccountChanges, InvalidInputError> =>
  Input.decode(AccountChanges)(input)

/**
 * `PUT /accounts/{account_id}` as a read-modify-write: `current` (as read) with
 * `changes` applied by {@link Merge.account}. Only the changes are checked as
 * input; values echoed from the server are sent back as they are.
 *
 * @since 0.2.0
 */
export const patch = (current: Account.Account, input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const merged = Merge.account(current, yield* changes(input))
    // Echoed values are checked only as the server checks them (the body schema), not as input.
    const { body } = yield* bodyOf(Operations.update, merged, { field: "account", asSent: true })
    return request(Operations.update, { accountId: current.id, body })
  })

const remove: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(Operations.delete)

export {
  /**
   * `DELETE /accounts/{account_id}`.
   *
   * @since 0.1.0
   */
  remove as delete
}

/**
 * `POST /accounts/{account_id}/move`.
 *
 * @since 0.1.0
 */
export const move = (id: unknown, destinationOrganizationId: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const account = yield* accountId(id)
    const { body } = yield* bodyOf(Operations.move, { destination_organization_id: destinationOrganizationId })
    return request(Operations.move, { accountId: account, body })
  })

/**
 * `POST /accounts/move`.
 *
 * @since 0.1.0
 */
export const batchMove = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(bodyOf(Operations.batchMove, input), ({ body }) => request(Operations.batchMove, { body }))

/**
 * `GET /accounts/{account_id}/organizations`.
 *
 * @since 0.1.0
 */
export const listOrganizations: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(
  Operations.listOrganizations
)

/**
 * `GET /accounts/{account_id}/profile`.
 *
 * @since 0.1.0
 */
export const getProfile: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(
  Operations.getProfile
)

/**
 * `PUT /accounts/{account_id}/profile`: all five fields, as the spec requires
 * (`business_email` an email), and any field core does not model.
 *
 * @since 0.1.0
 */
export const updateProfile = (id: unknown, profile: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const account = yield* accountId(id)
    const { body } = yield* bodyOf(Operations.updateProfile, profile)
    return request(Operations.updateProfile, { accountId: account, body })
  })
