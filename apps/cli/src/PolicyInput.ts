/**
 * What `audit`, `plan` and `apply` read: the policy file (`-f`, read through
 * @effect/platform's FileSystem, its problems printed as `FILE:LINE:COLUMN:
 * path: message`), a saved plan (`--plan`), and the fleet as one verified
 * listing. Every refusal here comes before anything is sent.
 *
 * @since 0.1.0
 */
import type { AccountsClient, StreamError } from "@cf-accounts/client/AccountsClient"
import type { Account } from "@cf-accounts/core/Account"
import * as Fleet from "@cf-accounts/policy/Fleet"
import * as Load from "@cf-accounts/policy/Load"
import * as Plan from "@cf-accounts/policy/Plan"
import type { PolicyFile } from "@cf-accounts/policy/PolicyFile"
import type { PolicyFileError } from "@cf-accounts/policy/PolicyFileError"
import * as FileSystem from "@effect/platform/FileSystem"
import type { PlatformError } from "@effect/platform/Error"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import { UnverifiedFleetError, UsageError } from "./CliError.js"
import { defaultPolicyFile } from "./Flags.js"
import { Stdio } from "./Stdio.js"

const why = (error: PlatformError): string =>
  error._tag === "SystemError" && error.reason === "NotFound" ? "no such file" : error.message

/**
 * The text of `path`; a file that cannot be read is a {@link UsageError} naming it (exit 2).
 *
 * @since 0.1.0
 */
export const readText = (what: string, path: string): Effect.Effect<string, UsageError, FileSystem.FileSystem> =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.readFileString(path)).pipe(
    Effect.mapError((error) => new UsageError({ reason: `cannot read ${what} ${path}: ${why(error)}; nothing was sent` }))
  )

/**
 * Each problem of a policy file on its own line: `FILE:LINE:COLUMN: path: message`.
 *
 * @since 0.1.0
 */
export const problemLines = (error: PolicyFileError): ReadonlyArray<string> =>
  error.problems.map((p) => `${error.source}:${p.line}:${p.column}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`)

/**
 * The path `-f` gives, or `./cf-accounts.yaml`.
 *
 * @since 0.1.0
 */
export const policyPath = (flag: Option.Option<string>): string => Option.getOrElse(flag, () => defaultPolicyFile)

/**
 * The policy file at `path`, checked. A bad one prints each problem on stderr
 * (`FILE:LINE:COLUMN: path: message`) and fails with a {@link UsageError} (exit 2).
 *
 * @since 0.1.0
 */
export const loadPolicy = (path: string): Effect.Effect<PolicyFile, UsageError, FileSystem.FileSystem | Stdio> =>
  Effect.flatMap(readText("the policy file", path), (text) =>
    Load.parse(text, { source: path }).pipe(
      Effect.catchTag("PolicyFileError", (error) =>
        Effect.gen(function* () {
          const stdio = yield* Stdio
          for (const line of problemLines(error)) yield* stdio.err(`${line}\n`)
          const count = error.problems.length
          return yield* new UsageError({
            reason: `${path} is not a valid policy file (${count} problem${count === 1 ? "" : "s"}, above); nothing was sent`
          })
        })
      )
    )
  )

/**
 * A plan saved by `plan --out`, decoded strictly (`Plan.decode`); anything else
 * is a {@link UsageError} (exit 2) naming what is wrong, at most three problems.
 *
 * @since 0.1.0
 */
export const loadPlan = (path: string): Effect.Effect<Plan.Plan, UsageError, FileSystem.FileSystem> =>
  Effect.flatMap(readText("the saved plan", path), (text) =>
    Effect.try({ try: () => JSON.parse(text) as unknown, catch: () => "it is not JSON" }).pipe(
      Effect.flatMap((json) =>
        Plan.decode(json).pipe(
          Effect.mapError((error) => {
            const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
            const shown = issues.slice(0, 3).map((i) => `${i.path.map(String).join(".") || "(the plan)"}: ${i.message}`)
            return `${shown.join("; ")}${issues.length > 3 ? `; and ${issues.length - 3} more` : ""}`
          })
        )
      ),
      Effect.mapError(
        (why) => new UsageError({ reason: `${path} is not a plan saved by cf-accounts plan --out (${why}); nothing was sent` })
      )
    )
  )

/**
 * Every account, as the policy engine lists it (`Fleet.accounts`: the client's
 * confirmed listing, two passes that agree). A listing that completed with a
 * warning may be partial, and a plan made from a partial fleet would create a
 * declared account it did not see: that is an {@link UnverifiedFleetError}
 * (exit 6), never a plan.
 *
 * @since 0.1.0
 */
export const fleet = (command: string): Effect.Effect<ReadonlyArray<Account>, StreamError | UnverifiedFleetError, AccountsClient> =>
  Fleet.accounts.pipe(
    Effect.catchTag("UnverifiedListingError", (error) => Effect.fail(new UnverifiedFleetError({ command, warnings: error.warnings })))
  )

/**
 * The fleet now and the plan that brings it to `file` (`Plan.plan`, at the
 * `Clock`'s time, with the declared profiles read: `Fleet.profiles`).
 *
 * @since 0.1.0
 */
export const planFor = (command: string, file: PolicyFile, declaredOnly: boolean) =>
  Effect.gen(function* () {
    const accounts = yield* fleet(command)
    const profiles = yield* Fleet.profiles(accounts, file)
    const now = yield* Clock.currentTimeMillis
    return { accounts, plan: Plan.plan(accounts, file, { now, profiles, declaredOnly }) }
  })

/**
 * A plan with conflicts (what the file asks that will not be done: a rename, a
 * type change, an id no account has, a name two accounts share) is refused:
 * a {@link UsageError} naming each (exit 2). Nothing was sent.
 *
 * @since 0.1.0
 */
export const refuseConflicts = (plan: Plan.Plan, consequence: string): Effect.Effect<void, UsageError> => {
  if (plan.conflicts.length === 0) return Effect.void
  const each = plan.conflicts.map((c) => `${c.account}: ${c.detail}`).join("; ")
  const n = plan.conflicts.length
  return Effect.fail(
    new UsageError({ reason: `the file asks for what cannot be done (${n} conflict${n === 1 ? "" : "s"}: ${each}); fix the file. ${consequence}` })
  )
}
