/**
 * How `create` establishes its outcome after an ambiguous failure, without ever
 * adopting an account that existed before the call.
 *
 * Before the create is sent, the ids of the accounts already named exactly so are
 * read (`GET /accounts?name=`, every page): the baseline. After an ambiguous
 * failure (timeout, reset after sending, 5xx, 408, the deadline cutting an attempt
 * short, or a 2xx whose body could not be read) the name is looked up again; the
 * candidates are the accounts with exactly that name, not in the baseline, created
 * since the call began (less the allowed clock skew). Exactly one: it is the
 * result. None or several: `OutcomeUnknownError` with what is known. Without a
 * baseline (its lookup failed) nothing can be told apart and the answer is
 * `OutcomeUnknownError`, never a guess.
 *
 * @internal
 */
import type * as Account from "@cf-accounts/core/Account"
import { OutcomeUnknownError } from "@cf-accounts/core/CloudflareError"
import * as Operations from "@cf-accounts/core/Operations"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as AccountsRequest from "../AccountsRequest.js"
import * as Call from "./call.js"

/** Every account of `GET /accounts?name=` (the client's public `all`). */
export type LookupByName<E> = (name: string) => Stream.Stream<Account.Account, E>

/** The ids of the accounts with exactly this name before the create; `None` when the lookup failed. */
export type Baseline = Option.Option<ReadonlySet<string>>

const exactly = (name: string) => (account: Account.Account) => account.name === name

/**
 * Reads the baseline. A failure is not the create's failure: it is logged, and
 * the create goes ahead without a baseline.
 *
 * @internal
 */
export const baseline = <E extends { readonly _tag: string }>(lookup: LookupByName<E>, name: string): Effect.Effect<Baseline> =>
  lookup(name).pipe(
    Stream.filter(exactly(name)),
    Stream.map((account) => account.id as string),
    Stream.runCollect,
    Effect.map((ids): Baseline => Option.some(new Set(Chunk.toReadonlyArray(ids)))),
    Effect.catchAll((error) =>
      Effect.as(
        Effect.logWarning(
          `create: looking up existing accounts with this name failed (${error._tag}); an ambiguous failure will be reported as OutcomeUnknownError`
        ),
        Option.none()
      )
    )
  )

/**
 * @internal
 */
export interface ReconcileOptions<E> {
  readonly lookup: LookupByName<E>
  readonly name: string
  readonly baseline: Baseline
  /** When the call began (epoch millis), and how far behind the server's clock may be. */
  readonly since: number
  readonly clockSkewMillis: number
  /** What the failure was, for the error's detail (`"timeout"`, `"503"`, `"200 with an unreadable body"`). */
  readonly failure: string
  /** The server answered 2xx: the account was most likely created. */
  readonly answeredOk: boolean
  readonly method: string
  readonly route: string
}

/**
 * The account this create made, or `OutcomeUnknownError` saying what is known.
 *
 * @internal
 */
export const reconcile = <E extends { readonly _tag: string }>(
  options: ReconcileOptions<E>
): Effect.Effect<Account.Account, OutcomeUnknownError> =>
  Effect.gen(function* () {
    const unknown = (detail: string) =>
      new OutcomeUnknownError({
        method: options.method,
        route: options.route,
        detail: `${options.failure} on the create${
          options.answeredOk ? " (the server accepted it, so the account most likely exists)" : ""
        }; ${detail}`
      })
    if (Option.isNone(options.baseline)) {
      return yield* unknown(
        "the accounts with this name could not be listed before sending, so a new one cannot be told from an existing one"
      )
    }
    const before = options.baseline.value
    const cutoff = options.since - options.clockSkewMillis
    const createdSince = (account: Account.Account) => {
      const created = account.created_on == null ? Number.NaN : Date.parse(account.created_on)
      return !Number.isNaN(created) && created >= cutoff
    }
    yield* Effect.logDebug(`create outcome unknown after ${options.failure}: looking up accounts by name`)
    const found = yield* options.lookup(options.name).pipe(
      Stream.filter((account) => exactly(options.name)(account) && !before.has(account.id) && createdSince(account)),
      Stream.take(2),
      Stream.runCollect,
      Effect.either
    )
    if (Either.isLeft(found)) return yield* unknown(`the lookup by name failed (${found.left._tag})`)
    const matches = Chunk.toReadonlyArray(found.right)
    if (matches.length === 1) return matches[0]!
    return yield* unknown(
      matches.length === 0
        ? "no account with this name appeared since the call began"
        : "more than one account with this name appeared since the call began"
    )
  })

/**
 * Sends the create `spec` once the baseline is read. Retried only while provably
 * not processed; once an attempt's outcome is open (including one the deadline
 * cut short, or a 2xx whose body could not be read) it is never sent again, only
 * looked up.
 *
 * @internal
 */
export const create = <E extends { readonly _tag: string }>(
  { execute, options }: Call.Caller,
  lookup: LookupByName<E>,
  spec: AccountsRequest.RequestSpec
): Effect.Effect<Account.Account, Call.ApiError | OutcomeUnknownError> =>
  Effect.gen(function* () {
    // The body was built from a decoded CreateAccount, whose encoded `name` is the same string.
    const name = (spec.body as Account.CreateAccount).name
    const since = yield* Clock.currentTimeMillis
    // The accounts already named so: never to be taken for the one this call creates.
    const before = yield* baseline(lookup, name)
    const envelope = yield* execute(
      Operations.create,
      spec,
      (error, ambiguous): Effect.Effect<{ readonly result: Account.Account }, Call.ApiError | OutcomeUnknownError> => {
        const answeredOk = error._tag === "ResponseDecodeError" && error.status >= 200 && error.status <= 299
        if (!ambiguous && !answeredOk) return Effect.fail(error)
        return Effect.map(
          reconcile({
            lookup,
            name,
            baseline: before,
            since,
            clockSkewMillis: Duration.toMillis(options.clockSkew),
            failure: answeredOk ? `${error.status} with an unreadable body` : Call.describeFailure(error),
            answeredOk,
            method: spec.method,
            route: spec.route
          }),
          (result) => ({ result })
        )
      }
    )
    return envelope.result
  })
