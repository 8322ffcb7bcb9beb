/**
 * The engine of `AccountsRequest` (the public module holds its documentation).
 *
 * @internal
 */
import { AccountChanges, AccountSettingsInput } from "@cf-accounts/core/Account"
import type * as Account from "@cf-accounts/core/Account"
import type * as AccountProfile from "@cf-accounts/core/AccountProfile"
import { AccountProfileInput } from "@cf-accounts/core/AccountProfile"
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import type * as Ids from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as Operations from "@cf-accounts/core/Operations"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { fillAccountId } from "./path.js"
import * as Merge from "./merge.js"

/** @internal */
export type Method = Operations.Method

/** @internal */
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

/** @internal */
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
 * The body of `operation`: `input` checked with the operation's input schema,
 * encoded with its body schema.
 */
const bodyOf = (
  operation: Operations.Any,
  input: unknown
): Effect.Effect<{ readonly decoded: unknown; readonly body: unknown }, InvalidInputError> => {
  const schema: Schema.Schema<unknown, unknown> = operation.body ?? Schema.Unknown
  return Effect.flatMap(Input.decode(operation.input ?? schema)(input), (decoded: unknown) =>
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

/** @internal */
export const accountId = (input: unknown): Effect.Effect<Ids.AccountId, InvalidInputError> =>
  Input.decode(Operations.get.path.account_id, "account_id")(input)

/** @internal */
export const create = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(bodyOf(Operations.create, input), ({ body }) => request(Operations.create, { body }))

/** @internal */
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

/** A page number in URL form, by the listing's own URL schema. */
const encodePage = Schema.encodeSync(Operations.list.query.url.fields.page.from)

/** @internal */
export const atPage = (spec: RequestSpec, page: number): RequestSpec => {
  return { ...spec, urlParams: { ...spec.urlParams, page: encodePage(page) } }
}

/** @internal */
export const get: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(Operations.get)

/** @internal */
export const update = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(bodyOf(Operations.update, input), ({ body, decoded }) =>
    // Decoded with the operation's input schema, whose `id` is an AccountId.
    request(Operations.update, { accountId: (decoded as Account.UpdateAccount).id, body })
  )

/** The fields a read-modify-write may change, and the settings among them (from core's schemas). */
const changeable = Object.keys(AccountChanges.fields)
const changeableSettings = Object.keys(AccountSettingsInput.fields)

/** The first key of `input` (when it is an object) that is not in `allowed`, as an error naming it. */
const unknownKey = (input: unknown, allowed: ReadonlyArray<string>, prefix: string): InvalidInputError | undefined => {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined
  const key = Object.keys(input).find((key) => !allowed.includes(key))
  return key === undefined
    ? undefined
    : new InvalidInputError({
        field: `${prefix}${key}`,
        rule: `is not a field that can be changed (${allowed.join(", ")})`,
        value: (input as Record<string, unknown>)[key]
      })
}

/** @internal */
export const changes = (input: unknown): Effect.Effect<Account.AccountChanges, InvalidInputError> =>
  Effect.gen(function* () {
    const excess =
      unknownKey(input, changeable, "") ??
      unknownKey((input as { readonly settings?: unknown } | null | undefined)?.settings, changeableSettings, "settings.")
    if (excess !== undefined) return yield* excess
    const decoded = yield* Input.decode(AccountChanges)(input)
    const settings = Object.values(decoded.settings ?? {}).filter((value) => value !== undefined)
    if (decoded.name === undefined && settings.length === 0) {
      return yield* new InvalidInputError({
        field: "changes",
        rule: `must change something: ${changeable.join(" or ")} (${changeableSettings.join(", ")})`,
        value: input
      })
    }
    return decoded
  })

/** @internal */
export const patch = (current: Account.Account, input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(changes(input), (checked) =>
    // `current` was decoded from the server's answer and `checked` just now; the account
    // schemas do not transform values, so the merged account is the body as it is.
    request(Operations.update, { accountId: current.id, body: Merge.account(current, checked) })
  )

/** The profile fields a read-modify-write may change (from core's schema), each checked as input. */
const ProfileChanges = Schema.partial(Schema.Struct(AccountProfileInput.fields))
const changeableProfile = Object.keys(AccountProfileInput.fields)

/** @internal */
export const profileChanges = (
  input: unknown
): Effect.Effect<typeof ProfileChanges.Type, InvalidInputError> =>
  Effect.gen(function* () {
    const excess = unknownKey(input, changeableProfile, "")
    if (excess !== undefined) return yield* excess
    const decoded = yield* Input.decode(ProfileChanges)(input)
    if (Object.values(decoded).every((value) => value === undefined)) {
      return yield* new InvalidInputError({
        field: "changes",
        rule: `must change something: ${changeableProfile.join(", ")}`,
        value: input
      })
    }
    return decoded
  })

/** @internal */
export const patchProfile = (
  id: unknown,
  current: AccountProfile.AccountProfile,
  input: unknown
): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const account = yield* accountId(id)
    const checked = yield* profileChanges(input)
    // `current` was decoded from the server's answer; the profile schema does not transform values.
    const body = Merge.profile(current, checked)
    const unset = changeableProfile.filter((field) => body[field as keyof AccountProfile.AccountProfile] === null)
    if (unset.length > 0) {
      return yield* new InvalidInputError({
        field: unset[0]!,
        rule: `is not set on the server (null) and a profile PUT must carry all five fields as strings: give ${unset.join(", ")} too`,
        // Not the server's null: the changes gave no value for it.
        value: undefined
      })
    }
    return request(Operations.updateProfile, { accountId: account, body })
  })

const remove: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(Operations.delete)

export { remove as delete }

/** @internal */
export const move = (id: unknown, destinationOrganizationId: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const account = yield* accountId(id)
    const { body } = yield* bodyOf(Operations.move, { destination_organization_id: destinationOrganizationId })
    return request(Operations.move, { accountId: account, body })
  })

/** @internal */
export const batchMove = (input: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.map(bodyOf(Operations.batchMove, input), ({ body }) => request(Operations.batchMove, { body }))

/** @internal */
export const listOrganizations: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(
  Operations.listOrganizations
)

/** @internal */
export const getProfile: (id: unknown) => Effect.Effect<RequestSpec, InvalidInputError> = byAccountId(
  Operations.getProfile
)

/** @internal */
export const updateProfile = (id: unknown, profile: unknown): Effect.Effect<RequestSpec, InvalidInputError> =>
  Effect.gen(function* () {
    const account = yield* accountId(id)
    const { body } = yield* bodyOf(Operations.updateProfile, profile)
    return request(Operations.updateProfile, { accountId: account, body })
  })
