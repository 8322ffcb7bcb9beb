/**
 * `cf-accounts batch-move --to ORGANIZATION_ID ACCOUNT_ID...`: one call to the
 * batch endpoint; with `--one-by-one`, or when the batch endpoint answers that it
 * is not implemented, one single move per account (bounded concurrency). Each
 * account's outcome is reported.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import * as ErrorPredicates from "@cf-accounts/client/ErrorPredicates"
import type { BatchMoveResult } from "@cf-accounts/core/Move"
import * as Operations from "@cf-accounts/core/Operations"
import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import { PartialFailureError } from "../CliError.js"
import * as Columns from "../Columns.js"
import * as CommandTable from "../CommandTable.js"
import * as DryRun from "../DryRun.js"
import * as ExitCode from "../ExitCode.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Report from "../Report.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

/**
 * Whether a failure of the batch endpoint means it is not available, so single
 * moves should be used: the client's {@link ErrorPredicates.isEndpointUnavailable}
 * (405 or 501, a "no route" code or message, a 404 that names nothing else). A 404
 * whose errors say something else (e.g. "Organization not found") is a real
 * answer and is reported as such.
 *
 * @since 0.1.0
 */
export const isNotImplemented = (error: unknown): boolean =>
  ErrorPredicates.isClientError(error) && ErrorPredicates.isEndpointUnavailable(error)

/**
 * Why the batch endpoint counts as not available, in a few words: its status,
 * Cloudflare's errors and the `cf-ray` id (not the error's generic hint, which
 * would say to try again later).
 *
 * @since 0.1.0
 */
export const unavailableReason = (error: unknown): string => {
  const status = Predicate.hasProperty(error, "status") ? String(error.status) : "an error"
  const errors = Predicate.hasProperty(error, "errors") && Array.isArray(error.errors) ? error.errors : []
  const described = errors
    .filter((e: unknown) => Predicate.hasProperty(e, "message") && Predicate.hasProperty(e, "code"))
    .map((e: { message: unknown; code: unknown }) => `${String(e.message)} (code ${String(e.code)})`)
    .join("; ")
  const ray = Predicate.hasProperty(error, "cfRay") && typeof error.cfRay === "string" ? ` [cf-ray ${error.cfRay}]` : ""
  return Report.describe(`${status}${described === "" ? "" : `: ${described}`}${ray}`)
}

/**
 * The per-account outcomes of a batch answer: the per-account entry when the
 * server sent one, else the batch's own status.
 *
 * @since 0.1.0
 */
export const outcomesOf = (
  accountIds: ReadonlyArray<string>,
  result: BatchMoveResult
): ReadonlyArray<Columns.MoveOutcome> =>
  accountIds.map((account_id) => {
    const own: unknown = result.statuses[account_id]
    const status =
      Predicate.hasProperty(own, "moved") && typeof own.moved === "boolean"
        ? { moved: own.moved, message: Predicate.hasProperty(own, "message") ? own.message : undefined }
        : { moved: result.statuses.moved, message: result.statuses.message }
    return typeof status.message === "string" && status.message !== ""
      ? { account_id, moved: status.moved, message: status.message }
      : { account_id, moved: status.moved }
  })

/**
 * The exit code of one account the batch endpoint did not move: 4 when its
 * message says it was not found (as a single move's 404 would), else 1. With
 * `--one-by-one` each failure's code is its error's (`ExitCode.forError`); on
 * both paths the command exits with the code every failure shares, else 1.
 *
 * @since 0.1.0
 */
export const batchFailureCode = (outcome: Columns.MoveOutcome): number =>
  typeof outcome.message === "string" && /not found/i.test(outcome.message)
    ? ExitCode.ExitCode.NotFound
    : ExitCode.ExitCode.Failure

interface Outcome extends Columns.MoveOutcome {
  readonly exitCode: number
}

const oneByOne = (accountIds: ReadonlyArray<string>, to: string, concurrency: number, format: Output.Format) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const progress = yield* Progress.make("moved", "accounts")
    const failures: Array<number> = []
    const outcomes = Stream.fromIterable(accountIds).pipe(
      Stream.mapEffect(
        (account_id) =>
          client.move(account_id, to).pipe(
            Effect.match({
              onSuccess: (): Outcome => ({ account_id, moved: true, exitCode: 0 }),
              onFailure: (error): Outcome => ({
                account_id,
                moved: false,
                message: Report.describe(error),
                exitCode: ExitCode.forError(error)
              })
            })
          ),
        { concurrency, unordered: true }
      ),
      Stream.tap((outcome) => Effect.sync(() => outcome.exitCode === 0 || failures.push(outcome.exitCode))),
      Stream.map(({ exitCode: _, ...outcome }): Columns.MoveOutcome => outcome)
    )
    yield* Output.printStream(format, Columns.moves, outcomes, {
      before: progress.clear,
      after: (done) => progress.update(done, accountIds.length)
    }).pipe(
      Effect.ensuring(progress.finish)
    )
    return failures
  })

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "batch-move",
  summary: "Move several accounts to one organization.",
  details: [
    "Every account's outcome is reported; the exit code is not 0 if any move failed. Single moves with --one-by-one or when the batch endpoint is missing."
  ],
  examples: [
    "cf-accounts batch-move --to 9f8e7d6c5b4a39281706f5e4d3c2b1a0 0123456789abcdef0123456789abcdef 00112233445566778899aabbccddeeff",
    "cf-accounts batch-move --to 9f8e7d6c5b4a39281706f5e4d3c2b1a0 --one-by-one --concurrency 8 0123456789abcdef0123456789abcdef"
  ],
  args: { accountIds: Flags.accountIdsArg },
  flags: {
    to: Flags.destination,
    oneByOne: Flags.boolean("one-by-one", "Single moves instead of the batch endpoint"),
    concurrency: Flags.concurrency,
    dryRun: Flags.dryRun
  },
  handler: (config) =>
    Runner.run("batch-move", config.global, (format) =>
      Effect.gen(function* () {
        const accountIds = [...new Set(config.accountIds)]
        if (config.dryRun) {
          const baseUrl = yield* GlobalOptions.resolveBaseUrl(config.global)
          if (config.oneByOne) {
            const specs = yield* Effect.forEach(accountIds, (id) => AccountsRequest.move(id, config.to))
            return yield* DryRun.printAll(format, specs, baseUrl)
          }
          const spec = yield* AccountsRequest.batchMove({ account_ids: accountIds, destination_organization_id: config.to })
          return yield* DryRun.print(format, spec, baseUrl)
        }
        const failures = yield* Effect.gen(function* () {
          const client = yield* AccountsClient
          const stdio = yield* Stdio
          if (!config.oneByOne) {
            const batch = yield* client
              .batchMove({ account_ids: accountIds, destination_organization_id: config.to })
              .pipe(Effect.either)
            if (batch._tag === "Right") {
              const outcomes = outcomesOf(accountIds, batch.right)
              yield* Output.printList(format, Columns.moves, outcomes)
              return outcomes.filter((o) => !o.moved).map(batchFailureCode)
            }
            if (!isNotImplemented(batch.left)) return yield* batch.left
            yield* stdio.err(
              `cf-accounts batch-move: the batch endpoint is not available (${Operations.batchMove.key} answered ${unavailableReason(batch.left)}); moving each account with the single-move endpoint\n`
            )
          }
          return yield* oneByOne(accountIds, config.to, config.concurrency, format)
        }).pipe(Runner.withClient(config.global))
        if (failures.length > 0) {
          return yield* new PartialFailureError({ failed: failures.length, total: accountIds.length, exitCode: ExitCode.shared(failures) })
        }
      })
    )
})
