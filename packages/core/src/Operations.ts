/**
 * The operations of the Accounts API, defined once: method, route template,
 * the schemas of the path, query, body and result, the success envelope, whether
 * the success is an empty body (204), the style of the failure envelope and the
 * retry mode. The client builds and decodes requests from this table, the
 * emulator registers its handlers by it, and the conformance suite checks it
 * against the OpenAPI document.
 *
 * @example
 * import { Operations } from "@cf-accounts/core"
 * Operations.get.method // "GET"
 * Operations.get.route // "/accounts/{account_id}"
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Account from "./Account.js"
import * as AccountProfile from "./AccountProfile.js"
import * as Envelope from "./Envelope.js"
import * as Ids from "./Ids.js"
import * as ListAccountsParams from "./ListAccountsParams.js"
import * as Move from "./Move.js"
import * as Organization from "./Organization.js"

/**
 * @since 0.1.0
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE"

/**
 * How the operation's failures look: the accounts operations (`iam`) answer
 * `result: null`; the organizations-API ones (`org`) an object or no `result`.
 * Both decode with {@link Envelope.FailureEnvelope}.
 *
 * @since 0.1.0
 */
export type FailureStyle = "iam" | "org"

/**
 * `idempotent`: an attempt may be sent again after a failure whose outcome is
 * open. `create`: never sent again once an attempt's outcome is open.
 *
 * @since 0.1.0
 */
export type RetryMode = "idempotent" | "create"

/**
 * What the table says about one operation.
 *
 * @since 0.1.0
 */
export interface Definition {
  readonly name: string
  readonly method: Method
  /** The route template as the spec writes it, e.g. `/accounts/{account_id}`. */
  readonly route: string
  /** Path parameters by name. */
  readonly path?: { readonly account_id: typeof Ids.AccountId }
  /** The query: as values (`params`) and as it travels in a URL (`url`, numbers as strings). */
  readonly query?: {
    readonly params: typeof ListAccountsParams.ListAccountsParams
    readonly url: typeof ListAccountsParams.ListAccountsUrlParams
  }
  /** The JSON request body, as the server checks it. */
  readonly body?: Schema.Schema.AnyNoContext
  /** The body as a caller supplies it, when checked more strictly than `body` (it encodes to the same JSON). */
  readonly input?: Schema.Schema.AnyNoContext
  /** The success `result` (of each item, when `envelope` is `paged`); none when the success is empty. */
  readonly result?: Schema.Schema.AnyNoContext
  readonly envelope: "single" | "paged"
  /** The success is `204` with no body. */
  readonly empty: boolean
  readonly failure: FailureStyle
  readonly retry: RetryMode
}

/**
 * An operation of the table: its {@link Definition} and the success envelope
 * built from it once.
 *
 * @since 0.1.0
 */
export type Operation<D extends Definition> = D & {
  /** `METHOD route`, e.g. `GET /accounts/{account_id}`: how logs, faults and the spec name it. */
  readonly key: `${D["method"]} ${D["route"]}`
  /** The success envelope, or `undefined` when the success is empty. */
  readonly success: D["result"] extends Schema.Schema<infer A, infer I, never>
    ? D["envelope"] extends "paged"
      ? ReturnType<typeof Envelope.PagedEnvelope<A, I, never>>
      : ReturnType<typeof Envelope.Envelope<A, I, never>>
    : undefined
}

/**
 * Any operation of the table.
 *
 * @since 0.1.0
 */
export interface Any extends Definition {
  readonly key: string
  readonly success: Schema.Schema.AnyNoContext | undefined
}

const define = <const D extends Definition>(definition: D): Operation<D> => {
  const result = definition.result
  const success =
    result === undefined
      ? undefined
      : definition.envelope === "paged"
        ? Envelope.PagedEnvelope(result)
        : Envelope.Envelope(result)
  // `success` is built from `result` and `envelope` exactly as the type says.
  return { ...definition, key: `${definition.method} ${definition.route}`, success } as unknown as Operation<D>
}

const accountPath = { account_id: Ids.AccountId }

/**
 * `POST /accounts`.
 *
 * @since 0.1.0
 */
export const create = define({
  name: "create",
  method: "POST",
  route: "/accounts",
  body: Account.CreateAccount,
  result: Account.Account,
  envelope: "single",
  empty: false,
  failure: "iam",
  retry: "create"
})

/**
 * `GET /accounts` (one page).
 *
 * @since 0.1.0
 */
export const list = define({
  name: "list",
  method: "GET",
  route: create.route,
  query: { params: ListAccountsParams.ListAccountsParams, url: ListAccountsParams.ListAccountsUrlParams },
  result: Account.Account,
  envelope: "paged",
  empty: false,
  failure: "iam",
  retry: "idempotent"
})

/**
 * `GET /accounts/{account_id}`.
 *
 * @since 0.1.0
 */
export const get = define({
  name: "get",
  method: "GET",
  route: "/accounts/{account_id}",
  path: accountPath,
  result: Account.Account,
  envelope: "single",
  empty: false,
  failure: "iam",
  retry: "idempotent"
})

/**
 * `PUT /accounts/{account_id}`: the whole account.
 *
 * @since 0.1.0
 */
export const update = define({
  name: "update",
  method: "PUT",
  route: get.route,
  path: accountPath,
  body: Account.UpdateAccount,
  input: Account.UpdateAccountInput,
  result: Account.Account,
  envelope: "single",
  empty: false,
  failure: "iam",
  retry: "idempotent"
})

const remove = define({
  name: "delete",
  method: "DELETE",
  route: get.route,
  path: accountPath,
  result: Account.DeleteAccountResult,
  envelope: "single",
  empty: false,
  failure: "iam",
  retry: "idempotent"
})

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
export const move = define({
  name: "move",
  method: "POST",
  route: "/accounts/{account_id}/move",
  path: accountPath,
  body: Move.MoveAccount,
  result: Move.MoveAccountResult,
  envelope: "single",
  empty: false,
  failure: "org",
  retry: "idempotent"
})

/**
 * `POST /accounts/move`.
 *
 * @since 0.1.0
 */
export const batchMove = define({
  name: "batchMove",
  method: "POST",
  route: "/accounts/move",
  body: Move.BatchMoveAccounts,
  result: Move.BatchMoveResult,
  envelope: "single",
  empty: false,
  failure: "org",
  retry: "idempotent"
})

/**
 * `GET /accounts/{account_id}/organizations`.
 *
 * @since 0.1.0
 */
export const listOrganizations = define({
  name: "listOrganizations",
  method: "GET",
  route: "/accounts/{account_id}/organizations",
  path: accountPath,
  result: Schema.Array(Organization.Organization),
  envelope: "single",
  empty: false,
  failure: "org",
  retry: "idempotent"
})

/**
 * `GET /accounts/{account_id}/profile`.
 *
 * @since 0.1.0
 */
export const getProfile = define({
  name: "getProfile",
  method: "GET",
  route: "/accounts/{account_id}/profile",
  path: accountPath,
  result: AccountProfile.AccountProfile,
  envelope: "single",
  empty: false,
  failure: "org",
  retry: "idempotent"
})

/**
 * `PUT /accounts/{account_id}/profile`: 204, no body. A caller's profile is checked as
 * `AccountProfileInput`; a read-modify-write writes the server's own values back as
 * `AccountProfile` (unchecked), as `update` does with accounts.
 *
 * @since 0.1.0
 */
export const updateProfile = define({
  name: "updateProfile",
  method: "PUT",
  route: getProfile.route,
  path: accountPath,
  body: AccountProfile.AccountProfile,
  input: AccountProfile.AccountProfileInput,
  envelope: "single",
  empty: true,
  failure: "org",
  retry: "idempotent"
})

/**
 * The operations by name.
 *
 * @since 0.1.0
 */
export const operations = {
  create,
  list,
  get,
  update,
  delete: remove,
  move,
  batchMove,
  listOrganizations,
  getProfile,
  updateProfile
} as const

/**
 * @since 0.1.0
 */
export type Name = keyof typeof operations

/**
 * The operations, in the order above.
 *
 * @since 0.1.0
 */
export const all: ReadonlyArray<Any> = Object.values(operations)

/**
 * The operation `key` names (`"GET /accounts/{account_id}"`), if any.
 *
 * @since 0.1.0
 */
export const byKey = (key: string): Any | undefined => all.find((operation) => operation.key === key)

/**
 * What a caller supplies as the body of `operation` (its `input` schema, else its
 * `body`), in encoded form: plain strings and numbers, no brands.
 *
 * @since 0.1.0
 */
export type InputOf<D extends Definition> = D["input"] extends Schema.Schema<infer _A, infer I>
  ? I
  : D["body"] extends Schema.Schema<infer _A, infer I>
    ? I
    : never
