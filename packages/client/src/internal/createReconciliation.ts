/**
 * How `create` establishes its outcome after an ambiguous failure, without ever
 * adopting an account that existed before the call.
 *
 * Before the create is sent, the ids of the accounts already named exactly so are
 * read (`GET /accounts?name=`, every page): the baseline, with the server's time
 * of its answers (the latest `Date` header). That header has whole seconds,
 * rounded down, so the cutoff is one second after it: strictly after every instant
 * of the second in which the baseline was answered. After an ambiguous failure
 * (timeout, reset after sending, 5xx, 408, the deadline cutting an attempt short,
 * or a 2xx whose body could not be read) the name is looked up again; the
 * candidates are the accounts with exactly that name, not in the baseline, whose
 * `created_on` is at or after the cutoff by the server's clock. An account created
 * before the baseline answered, one it missed because the lookup lagged, is never
 * adopted, even one created earlier in that same second.
 *
 * So that this call's own account is created after the cutoff, the POST is sent
 * only once {@link settle} (one second) has passed on the local clock since the
 * baseline finished (after its last answer arrived): the server's clock, ticking
 * as fast, is then past the cutoff. Every create with a baseline takes that second
 * longer.
 * Exactly one candidate: it is the result, found by `"lookup"`. None or several:
 * `OutcomeUnknownError` with what is known. Without a baseline (its lookup
 * failed, or its answers carried no usable `Date` header) nothing can be told
 * apart and the answer is `OutcomeUnknownError`, never a guess.
 *
 * What no lookup can tell: a same-name account someone else creates during the
 * call is a candidate like this call's own (Cloudflare offers no idempotency key
 * for `POST /accounts`). Two of them are `OutcomeUnknownError`; theirs alone, if
 * this call's POST was not applied, is adopted: which is why the result says
 * `source: "lookup"`.
 *
 * @internal
 */
import type * as Account from "@cf-accounts/core/Account"
import { OutcomeUnknownError } from "@cf-accounts/core/CloudflareError"
import * as Operations from "@cf-accounts/core/Operations"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type * as AccountsRequest from "./accountsRequest.js"
import * as Call from "./call.js"

/** Every account of `GET /accounts?name=` (the client's public `all`). */
export type LookupByName<E> = (name: string) => Stream.Stream<Account.Account, E>

/**
 * The ids of the accounts with exactly this name before the create, and the
 * cutoff (epoch millis, by the server's clock): an account created at or after
 * it was created after that listing. Or why there is no baseline.
 */
export type Baseline = Either.Either<{ readonly ids: ReadonlySet<string>; readonly since: number }, string>

const exactly = (name: string) => (account: Account.Account) => account.name === name

/**
 * The wait, on the local `Clock`, between the end of the baseline and the POST:
 * the width of a `Date` header's second, so that the server's clock is past the
 * cutoff when it processes the POST.
 *
 * @internal
 */
export const settle: Duration.Duration = Duration.seconds(1)

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
    Call.withServerTime,
    Effect.flatMap(([ids, time]): Effect.Effect<Baseline> =>
      Option.match(time, {
        // The Date header's second, rounded down, ends at `time + settle`: every instant of it is before the cutoff.
        onSome: (time) =>
          Effect.succeed(Either.right({ ids: new Set(Chunk.toReadonlyArray(ids)), since: time + Duration.toMillis(settle) })),
        onNone: () =>
          Effect.as(
            Effect.logDebug("create: the lookup of existing accounts with this name carried no usable Date header"),
            Either.left(
              "the lookup of the accounts with this name before sending carried no usable Date header, so the server's time at the start of the call is unknown and an account created before it cannot be told from a new one"
            )
          )
      })
    ),
    Effect.catchAll((error) =>
      Effect.as(
        Effect.logWarning(
          `create: looking up existing accounts with this name failed (${error._tag}); an ambiguous failure will be reported as OutcomeUnknownError`
        ),
        Either.left("the accounts with this name could not be listed before sending, so a new one cannot be told from an existing one")
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
    if (Either.isLeft(options.baseline)) return yield* unknown(options.baseline.left)
    const { ids: before, since } = options.baseline.right
    // By the server's clock: `since` is strictly after the second of the baseline's latest
    // answer, and the POST was sent once the server's clock was past it (see `settle`).
    const createdSince = (account: Account.Account) => {
      const created = account.created_on == null ? Number.NaN : Date.parse(account.created_on)
      return !Number.isNaN(created) && created >= since
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
        ? "no account with this name appeared since the call began (by the server's clock)"
        : "more than one account with this name appeared since the call began: someone else created one at the same time, and without an idempotency key (Cloudflare offers none) they cannot be told apart"
    )
  })

/**
 * Sends the create `spec` once the baseline is read and, when there is one,
 * {@link settle} has passed (so the account it creates is after the cutoff). Retried only while provably
 * not processed; once an attempt's outcome is open (including one the deadline
 * cut short, or a 2xx whose body could not be read) it is never sent again, only
 * looked up: an account found so comes back with `source: "lookup"`.
 *
 * @internal
 */
export const create = <E extends { readonly _tag: string }>(
  { execute }: Call.Caller,
  lookup: LookupByName<E>,
  spec: AccountsRequest.RequestSpec
): Effect.Effect<Created, Call.ApiError | OutcomeUnknownError> =>
  Effect.gen(function* () {
    // The body was built from a decoded CreateAccount, whose encoded `name` is the same string.
    const name = (spec.body as Account.CreateAccount).name
    // The accounts already named so: never to be taken for the one this call creates.
    const before = yield* baseline(lookup, name)
    // Measured from the end of the baseline, after its last answer arrived: conservative. Without
    // a baseline, nothing found later could be adopted, so there is nothing to wait for.
    if (Either.isRight(before)) yield* Effect.sleep(settle)
    const outcome = yield* execute(
      Operations.create,
      spec,
      (error, ambiguous): Effect.Effect<Created, Call.ApiError | OutcomeUnknownError> => {
        const answeredOk = error._tag === "ResponseDecodeError" && error.status >= 200 && error.status <= 299
        if (!ambiguous && !answeredOk) return Effect.fail(error)
        return Effect.map(
          reconcile({
            lookup,
            name,
            baseline: before,
            failure: answeredOk ? `${error.status} with an unreadable body` : Call.describeFailure(error),
            answeredOk,
            method: spec.method,
            route: spec.route
          }),
          (account): Created => ({ account, source: "lookup" })
        )
      }
    )
    // The envelope of an answer has a `result` (and may carry other fields, kept as sent); a `Created` has none.
    return "result" in outcome ? { account: outcome.result, source: "answer" } : outcome
  })

/**
 * What `create` returns: the account, and how its id is known. `"answer"`: from
 * the create's own answer. `"lookup"`: the answer was lost (an ambiguous
 * failure), and the account was found by name: the one same-name account not
 * listed before the call and created since it began by the server's clock. It may
 * be a same-name account someone else created during the call: without an
 * idempotency key, which Cloudflare does not offer, the two cannot be told apart.
 *
 * @internal
 */
export interface Created {
  readonly account: Account.Account
  readonly source: "answer" | "lookup"
}
