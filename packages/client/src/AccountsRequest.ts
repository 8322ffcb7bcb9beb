/**
 * Pure, validated descriptions of the ten Accounts API requests: the one place
 * where routes, query parameters and bodies are built. Each function checks its
 * raw input with core's schemas (failing with `InvalidInputError` naming the
 * field) and percent-encodes path segments regardless. The client sends these;
 * the CLI's `--dry-run` prints them.
 *
 * @since 0.1.0
 */
import * as Account from "@cf-accounts/core/Account"
import * as AccountProfile from "@cf-accounts/core/AccountProfile"
import type { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Ids from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as ListAccountsParams from "@cf-accounts/core/ListAccountsParams"
import * as Move from "@cf-accounts/core/Move"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { fillAccountId } from "./internal/path.js"
import * as Merge from "./Merge.js"

/**
 * @since 0.1.0
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

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
 * The route templates, as the spec names them.
 *
 * @since 0.1.0
 */
export const routes = {
  accounts: "/accounts",
  account: "/accounts/{account_id}",
  move: "/accounts/{account_id}/move",
  batchMove: "/accounts/move",
  organizations: "/accounts/{account_id}/organizations",
  profile: "/accounts/{account_id}/profile"
} as const

const encodeBody = <A, I>(schema: Schema.Schema<A, I>, value: A): Effect.Effect<I> =>
  // The value was just decoded with the same schema, so encoding cannot fail.
  Effect.orDie(Schema.encode(schema)(value))

/** A request about one account: its path is `route` with the id filled in. */
const forAccount = (method: Method, route: string, id: Ids.AccountId): RequestSpec => ({
  method,
  route,
  path: fillAccountId(route, id),
  urlParams: {},
  accountId: id
})

/** A request that takes only an account id. */
const byAccountId =
  (method: Method, route: string) =>
  (id: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
    Effect.map(accountId(id), (id) => forAccount(method, route, id))

/**
 * Checks an account id (`account_id`): 32 hexadecimal characters.
 *
 * @since 0.1.0
 */
export const accountId = (input: unknown): Effect.Effect<Ids.AccountId, InvalidInputError> =>
  Input.decode(Ids.AccountId, "account_id")(input)

/**
 * `POST /accounts`.
 *
 * @since 0.1.0
 */
export const create = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const decoded = yield* Input.decode(Account.CreateAccount)(input)
    return {
      method: "POST",
      route: routes.accounts,
      path: routes.accounts,
      urlParams: {},
      body: yield* encodeBody(Account.CreateAccount, decoded)
    } as const
  })

/**
 * `GET /accounts` (one page).
 *
 * @since 0.1.0
 */
export const list = (params: unknown = {}): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const decoded = yield* Input.decode(ListAccountsParams.ListAccountsParams)(params ?? {})
    const urlParams: Record<string, string> = {}
    if (decoded.name !== undefined) urlParams["name"] = decoded.name
    if (decoded.page !== undefined) urlParams["page"] = String(decoded.page)
    if (decoded.per_page !== undefined) urlParams["per_page"] = String(decoded.per_page)
    if (decoded.direction !== undefined) urlParams["direction"] = decoded.direction
    return { method: "GET", route: routes.accounts, path: routes.accounts, urlParams } as const
  })

/**
 * `GET /accounts/{account_id}`.
 *
 * @since 0.1.0
 */
export const get: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId("GET", routes.account)

/**
 * `PUT /accounts/{account_id}`: the body is the whole account (id, name, type,
 * settings, and any field core does not model), as the spec requires. Checked
 * as a caller supplies it (`UpdateAccountInput`: the abuse contact must be an email).
 *
 * @since 0.1.0
 */
export const update = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const decoded = yield* Input.decode(Account.UpdateAccountInput)(input)
    return { ...forAccount("PUT", routes.account, decoded.id), body: yield* encodeBody(Account.UpdateAccount, decoded) }
  })

/**
 * Checks the changes of a read-modify-write (`AccountChanges`): a name, settings,
 * an abuse contact that is an email. Fails with `InvalidInputError` naming the field.
 *
 * @since 0.2.0
 */
export const changes = (input: unknown): Effect.Effect<Account.AccountChanges, InvalidInputError> =>
  Input.decode(Account.AccountChanges)(input)

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
    const decoded = yield* Input.decode(Account.UpdateAccount, "account")(merged)
    return { ...forAccount("PUT", routes.account, decoded.id), body: yield* encodeBody(Account.UpdateAccount, decoded) }
  })

const remove: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId("DELETE", routes.account)

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
    const body = yield* Input.decode(Move.MoveAccount)({ destination_organization_id: destinationOrganizationId })
    return { ...forAccount("POST", routes.move, account), body: yield* encodeBody(Move.MoveAccount, body) }
  })

/**
 * `POST /accounts/move`.
 *
 * @since 0.1.0
 */
export const batchMove = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const decoded = yield* Input.decode(Move.BatchMoveAccounts)(input)
    return {
      method: "POST",
      route: routes.batchMove,
      path: routes.batchMove,
      urlParams: {},
      body: yield* encodeBody(Move.BatchMoveAccounts, decoded)
    } as const
  })

/**
 * `GET /accounts/{account_id}/organizations`.
 *
 * @since 0.1.0
 */
export const listOrganizations: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(
  "GET",
  routes.organizations
)

/**
 * `GET /accounts/{account_id}/profile`.
 *
 * @since 0.1.0
 */
export const getProfile: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(
  "GET",
  routes.profile
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
    const decoded = yield* Input.decode(AccountProfile.AccountProfileInput)(profile)
    return {
      ...forAccount("PUT", routes.profile, account),
      body: yield* encodeBody(AccountProfile.AccountProfile, decoded)
    }
  })
