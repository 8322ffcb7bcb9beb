/**
 * The Accounts API operations under `/client/v4`, backed by {@link EmulatorState}:
 * one handler per operation of core's `Operations` table, which gives each its
 * method, route, failure style and the schemas requests are decoded and
 * responses encoded with.
 *
 * @since 0.1.0
 */
import * as Account from "@cf-accounts/core/Account"
import * as AccountProfile from "@cf-accounts/core/AccountProfile"
import * as Input from "@cf-accounts/core/Input"
import type * as Move from "@cf-accounts/core/Move"
import * as Operations from "@cf-accounts/core/Operations"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { ErrorCodes } from "./ErrorCodes.js"
import { type ApiFailure, fail, ok, type Style } from "./internal/reply.js"
import { decode, type Handler, type RequestInfo, type RouteContext, route } from "./internal/route.js"
import type { AccountRecord } from "./Seed.js"

const { operations } = Operations
const encodeList = Schema.encodeSync(operations.list.success)
const encodeAccount = Schema.encodeSync(operations.get.success)
const encodeDeleted = Schema.encodeSync(operations.delete.success)
const encodeMove = Schema.encodeSync(operations.move.success)
const encodeBatchMove = Schema.encodeSync(operations.batchMove.success)
const encodeOrganizations = Schema.encodeSync(operations.listOrganizations.success)
const encodeProfile = Schema.encodeSync(operations.getProfile.success)

const success = <A>(result: A) => ({ success: true as const, errors: [], messages: [], result })

/** The account named by the path, or a 400 (malformed id) or 404 (no such account). */
const accountOf = (context: RouteContext, request: RequestInfo): Effect.Effect<AccountRecord, ApiFailure> =>
  Effect.suspend(() => {
    const id = Input.decodeEither(operations.get.path.account_id)(request.params.account_id ?? "")
    if (Either.isLeft(id)) {
      return Effect.fail(
        fail(request.style, ErrorCodes.invalidIdentifier, {
          message: `Could not route to ${request.path}, perhaps your object identifier is invalid?`
        })
      )
    }
    const account = context.state.account(id.right)
    return account === undefined ? Effect.fail(fail(request.style, ErrorCodes.accountNotFound)) : Effect.succeed(account)
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
        createdAt: now
      })
    }
  })

/** The modelled settings, "not set": what a PUT that leaves one out stores for it. */
const NOT_SET = Object.fromEntries(Account.modelledSettings.map((key) => [key, null]))

/** The input rules (core's `UpdateAccountInput`, the spec's) for what a PUT changes; `id` is the path's. */
const ClientFields = Schema.Struct(Account.UpdateAccountInput.fields).omit("id")
const ClientChanges = Schema.partial(ClientFields)
const ACCOUNT_FIELDS = Object.keys(ClientFields.fields).filter((key) => key !== "settings")

/** The input rules (core's `AccountProfileInput`) for what a profile PUT changes. */
const ProfileChanges = Schema.partial(Schema.Struct(AccountProfile.AccountProfileInput.fields))
const PROFILE_FIELDS = Object.keys(AccountProfile.AccountProfileInput.fields)

/**
 * The values of `sent`, among `keys`, that differ from the ones `held`: the client's changes. A
 * value equal to the held one is the server's own, written back (a long name, an unknown type, a
 * null, a profile field never set), and is not checked again; any other value is the client's
 * and must pass the spec's input rules.
 */
const changesOf = (
  held: object,
  sent: object | undefined,
  keys: ReadonlyArray<string>
): Record<string, unknown> => {
  const before = held as Record<string, unknown>
  const after = (sent ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    keys.filter((key) => after[key] !== undefined && after[key] !== before[key]).map((key) => [key, after[key]])
  )
}

/** What a PUT body changes among the account's fields with input rules (see {@link changesOf}). */
const clientChanges = (account: AccountRecord, body: typeof operations.update.body.Type) => {
  const settings = changesOf(account.settings, body.settings, Account.modelledSettings)
  return {
    ...changesOf(account, body, ACCOUNT_FIELDS),
    ...(Object.keys(settings).length === 0 ? {} : { settings })
  }
}

/** The handler of each operation, by name. */
const handlers = (context: RouteContext): { readonly [Name in Operations.Name]: Handler } => {
  const { state } = context
  return {
    list: (request) =>
      Effect.gen(function* () {
        const query = yield* decode(request.style, operations.list.query.url, false)(request.query)
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
        const total =
          fault?.kind === "lie_total"
            ? fault.total
            : query.name !== undefined && context.options.filteredTotalCount === "unfiltered"
              ? listed.unfilteredTotal
              : listed.total
        return ok(
          encodeList({
            ...success(items.map((account) => state.toAccount(account))),
            ...(fault?.kind === "no_result_info"
              ? {}
              : {
                  // Cloudflare's order: page, per_page, total_pages, count, total_count. Without
                  // total_count (the fault) there is no total_pages either.
                  result_info:
                    fault?.kind === "no_total_count"
                      ? { page, per_page: perPage, count: items.length }
                      : {
                          page,
                          per_page: perPage,
                          total_pages: Math.ceil(total / perPage),
                          count: items.length,
                          total_count: total
                        }
                })
          })
        )
      }),
    create: (request) =>
      Effect.gen(function* () {
        const body = yield* request.json.pipe(Effect.flatMap(decode(request.style, operations.create.body, true)))
        const unitId = body.unit?.id
        if (unitId !== undefined && state.organization(unitId) === undefined) {
          return yield* fail(request.style, ErrorCodes.unknownUnit, { pointer: "/unit/id" })
        }
        const now = yield* Clock.currentTimeMillis
        const account = state.create({
          name: body.name,
          type: body.type ?? "standard",
          orgId: unitId,
          createdAt: now
        })
        return ok(encodeAccount(success(state.toAccount(account))))
      }),
    get: (request) =>
      accountOf(context, request).pipe(
        Effect.map((account) => ok(encodeAccount(success(state.toAccount(account)))))
      ),
    update: (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, request)
        const body = yield* request.json.pipe(Effect.flatMap(decode(request.style, operations.update.body, true)))
        if (body.id !== account.id) return yield* fail(request.style, ErrorCodes.idMismatch, { pointer: "/id" })
        yield* decode(request.style, ClientChanges, true)(clientChanges(account, body))
        state.update(account, {
          name: body.name,
          type: body.type,
          settings: body.settings === undefined ? account.settings : { ...NOT_SET, ...body.settings }
        })
        return ok(encodeAccount(success(state.toAccount(account))))
      }),
    delete: (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, request)
        state.delete(account.id)
        return ok(encodeDeleted(success({ id: account.id })))
      }),
    move: (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, request)
        const body = yield* request.json.pipe(Effect.flatMap(decode(request.style, operations.move.body, true)))
        const org = yield* organizationOf(context, request.style, body.destination_organization_id)
        const source = state.move(account, org.id)
        return ok(
          encodeMove(
            success({ account_id: account.id, source_organization_id: source, destination_organization_id: org.id })
          )
        )
      }),
    batchMove: (request) =>
      Effect.gen(function* () {
        if (context.options.batchMove === "not_implemented") return yield* fail(request.style, ErrorCodes.notImplemented)
        const body = yield* request.json.pipe(Effect.flatMap(decode(request.style, operations.batchMove.body, true)))
        const org = yield* organizationOf(context, request.style, body.destination_organization_id)
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
      }),
    listOrganizations: (request) =>
      accountOf(context, request).pipe(
        Effect.map((account) =>
          ok(encodeOrganizations(success(state.chain(account.orgId).map((org) => state.toOrganization(org)))))
        )
      ),
    getProfile: (request) =>
      accountOf(context, request).pipe(
        Effect.map((account) => ok(encodeProfile(success(state.profile(account)))))
      ),
    updateProfile: (request) =>
      Effect.gen(function* () {
        const account = yield* accountOf(context, request)
        // Read as the server's own profile is (all five fields, any string); only what differs
        // from the stored profile is the client's and checked with the input rules.
        const body = yield* request.json.pipe(Effect.flatMap(decode(request.style, operations.updateProfile.body, true)))
        yield* decode(request.style, ProfileChanges, true)(changesOf(state.profile(account), body, PROFILE_FIELDS))
        state.setProfile(account, body)
        return { status: 204 }
      })
  }
}

/**
 * Adds every operation to a router: each operation of core's table with its handler.
 *
 * @since 0.1.0
 */
export const make = (context: RouteContext): HttpRouter.HttpRouter<never, never> => {
  const byName = handlers(context)
  return Object.values(operations).reduce(
    (router, operation) => route(context, operation, byName[operation.name])(router),
    HttpRouter.empty
  )
}
