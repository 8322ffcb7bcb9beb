/**
 * The ten Accounts API operations under `/client/v4`, backed by {@link EmulatorState}.
 * Requests are decoded with core's schemas; responses are encoded with them.
 *
 * @since 0.1.0
 */
import * as Account from "@cf-accounts/core/Account"
import * as AccountProfile from "@cf-accounts/core/AccountProfile"
import * as Envelope from "@cf-accounts/core/Envelope"
import * as Ids from "@cf-accounts/core/Ids"
import * as Input from "@cf-accounts/core/Input"
import * as ListAccountsParams from "@cf-accounts/core/ListAccountsParams"
import * as Move from "@cf-accounts/core/Move"
import * as Organization from "@cf-accounts/core/Organization"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ErrorCodes } from "./ErrorCodes.js"
import { type ApiFailure, fail, ok, type Style } from "./internal/reply.js"
import { decode, type RequestInfo, type RouteContext, route } from "./internal/route.js"
import type { AccountRecord } from "./Seed.js"
import * as Seed from "./Seed.js"

const encodeList = Schema.encodeSync(Envelope.PagedEnvelope(Account.Account))
const encodeAccount = Schema.encodeSync(Envelope.Envelope(Account.Account))
const encodeDeleted = Schema.encodeSync(Envelope.Envelope(Account.DeleteAccountResult))
const encodeMove = Schema.encodeSync(Envelope.Envelope(Move.MoveAccountResult))
const encodeBatchMove = Schema.encodeSync(Envelope.Envelope(Move.BatchMoveResult))
const encodeOrganizations = Schema.encodeSync(Envelope.Envelope(Schema.Array(Organization.Organization)))
const encodeProfile = Schema.encodeSync(Envelope.Envelope(AccountProfile.AccountProfile))

const success = <A>(result: A) => ({ success: true as const, errors: [], messages: [], result })

/** The account named by the path, or a 400 (malformed id) or 404 (no such account). */
const accountOf = (context: RouteContext, style: Style, request: RequestInfo): Effect.Effect<AccountRecord, ApiFailure> =>
  Effect.suspend(() => {
    const id = Input.decodeEither(Ids.AccountId)(request.params.account_id ?? "")
    if (Either.isLeft(id)) {
      return Effect.fail(
        fail(style, ErrorCodes.invalidIdentifier, {
          message: `Could not route to ${request.path}, perhaps your object identifier is invalid?`
        })
      )
    }
    const account = context.state.account(id.right)
    return account === undefined ? Effect.fail(fail(style, ErrorCodes.accountNotFound)) : Effect.succeed(account)
  })

const organizationOf = (context: RouteContext, style: Style, id: string) => {
  const org = context.state.organization(id)
  return org === undefined ? Effect.fail(fail(style, ErrorCodes.organizationNotFound)) : Effect.succeed(org)
}

/** The `mutate` fault: deletes the `remove` oldest accounts, then creates `add` new ones. */
const churn = (context: RouteContext, remove: number, add: number) =>
  Effect.gen(function* () {
    const { state } = context
    for (const id of state.accountIds().slice(0, remove)) state.delete(id)
    const now = yield* Clock.currentTimeMillis
    for (let i = 0; i < add; i++) {
      state.create({
        name: `Listing Churn ${state.accountIds().length + 1}`,
        type: "standard",
        orgId: undefined,
        createdOn: new Date(now).toISOString()
      })
    }
  })

/**
 * Adds the ten operations to a router.
 *
 * @since 0.1.0
 */
export const make = (context: RouteContext): HttpRouter.HttpRouter<never, never> => {
  const { state } = context
  return HttpRouter.empty.pipe(
    route(context, "GET", "/accounts", "iam", (request) =>
      Effect.gen(function* () {
        const query = yield* decode("iam", ListAccountsParams.ListAccountsUrlParams, false)(request.query)
        const requested = query.page ?? 1
        const fault = request.listing
        if (fault?.kind === "mutate") yield* churn(context, fault.delete ?? 0, fault.create ?? 0)
        const page =
          request.repeatPage && requested > 1
            ? requested - 1
            : fault?.kind === "older_page"
              ? requested - (fault.back ?? 2)
              : requested
        const perPage = fault?.kind === "page_size" ? fault.perPage : (query.per_page ?? 20)
        const listed = state.list({
          name: query.name,
          page,
          perPage,
          direction: query.direction ?? "asc"
        })
        const items = fault?.kind === "empty_page" ? [] : listed.items
        const total = fault?.kind === "lie_total" ? fault.total : listed.total
        const info = { page, per_page: perPage, count: items.length }
        return ok(
          encodeList({
            ...success(items.map((account) => state.toAccount(account))),
            ...(fault?.kind === "no_result_info"
              ? {}
              : { result_info: fault?.kind === "no_total_count" ? info : { ...info, total_count: total } })
          })
        )
      })
    ),
    route(context, "POST", "/accounts", "iam", (request) =>
      Effect.gen(function* () {
        const body = yield* request.json.pipe(Effect.flatMap(decode("iam", Account.CreateAccount, true)))
        const unitId = body.unit?.id
        if (unitId !== undefined && state.organization(unitId) === undefined) {
          return yield* fail("iam", ErrorCodes.unknownUnit, { pointer: "/unit/id" })
        }
        const now = yield* Clock.currentTimeMillis
        const account = state.create({
          name: body.name,
          type: body.type ?? "standard",
          orgId: unitId,
          createdOn: new Date(now).toISOString()
        })
        return ok(encodeAccount(success(state.toAccount(account))))
      })
    ),
    route(context, "GET", "/accounts/{account_id}", "iam", (request) =>
      accountOf(context, "iam", request).pipe(
        Effect.map((account) => ok(encodeAccount(success(state.toAccount(account)))))
      )
    ),
    route(context, "PUT", "/accounts/{account_id}", "iam", (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, "iam", request)
        const body = yield* request.json.pipe(Effect.flatMap(decode("iam", Account.UpdateAccount, true)))
        if (body.id !== account.id) return yield* fail("iam", ErrorCodes.idMismatch, { pointer: "/id" })
        state.update(account, { name: body.name, type: body.type, settings: body.settings ?? Seed.defaultSettings })
        return ok(encodeAccount(success(state.toAccount(account))))
      })
    ),
    route(context, "DELETE", "/accounts/{account_id}", "iam", (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, "iam", request)
        state.delete(account.id)
        return ok(encodeDeleted(success({ id: account.id })))
      })
    ),
    route(context, "POST", "/accounts/{account_id}/move", "org", (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, "org", request)
        const body = yield* request.json.pipe(Effect.flatMap(decode("org", Move.MoveAccount, true)))
        const org = yield* organizationOf(context, "org", body.destination_organization_id)
        const source = state.move(account, org.id)
        return ok(
          encodeMove(
            success({ account_id: account.id, source_organization_id: source, destination_organization_id: org.id })
          )
        )
      })
    ),
    route(context, "POST", "/accounts/move", "org", (request) =>
      Effect.gen(function* () {
        if (context.options.batchMove === "not_implemented") return yield* fail("org", ErrorCodes.notImplemented)
        const body = yield* request.json.pipe(Effect.flatMap(decode("org", Move.BatchMoveAccounts, true)))
        const org = yield* organizationOf(context, "org", body.destination_organization_id)
        const perAccount: Record<string, Move.MoveStatus> = {}
        let moved = 0
        for (const id of body.account_ids) {
          const account = state.account(id)
          if (account === undefined) {
            perAccount[id] = { tag: id, moved: false, message: "account not found" }
          } else {
            state.move(account, org.id)
            moved++
            perAccount[id] = { tag: id, moved: true, message: `moved to ${org.id}` }
          }
        }
        const total = body.account_ids.length
        return ok(
          encodeBatchMove(
            success({
              statuses: {
                ...perAccount,
                tag: "batch",
                moved: moved === total,
                message: `moved ${moved} of ${total} accounts`
              }
            })
          )
        )
      })
    ),
    route(context, "GET", "/accounts/{account_id}/organizations", "org", (request) =>
      accountOf(context, "org", request).pipe(
        Effect.map((account) =>
          ok(encodeOrganizations(success(state.chain(account.orgId).map((org) => state.toOrganization(org)))))
        )
      )
    ),
    route(context, "GET", "/accounts/{account_id}/profile", "org", (request) =>
      accountOf(context, "org", request).pipe(
        Effect.map((account) => ok(encodeProfile(success(state.profile(account)))))
      )
    ),
    route(context, "PUT", "/accounts/{account_id}/profile", "org", (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, "org", request)
        const body = yield* request.json.pipe(
          Effect.flatMap(decode("org", AccountProfile.AccountProfileInput, true))
        )
        state.setProfile(account, body)
        return { status: 204 }
      })
    )
  )
}
