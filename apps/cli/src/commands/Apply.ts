/**
 * `cf-accounts apply [-f FILE | --plan PLAN] [--yes]`: makes the changes `plan`
 * shows. Without `--yes` it shows them and asks on a terminal, and refuses
 * (exit 2, nothing sent) when stdin is not one. A saved plan is refused (exit
 * 9, nothing sent) when an account it touches changed since it was made.
 *
 * @since 0.1.0
 */
import * as Apply from "@cf-accounts/policy/Apply"
import * as Plan from "@cf-accounts/policy/Plan"
import * as Prompt from "@effect/cli/Prompt"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { PartialFailureError, UsageError } from "../CliError.js"
import * as CommandTable from "../CommandTable.js"
import * as ExitCode from "../ExitCode.js"
import * as Flags from "../Flags.js"
import type { GlobalOptions } from "../GlobalOptions.js"
import type { Format } from "../Output.js"
import * as PlanView from "../PlanView.js"
import * as PolicyInput from "../PolicyInput.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

interface Config {
  readonly global: GlobalOptions
  readonly file: Option.Option<string>
  readonly plan: Option.Option<string>
  readonly declaredOnly: boolean
  readonly yes: boolean
}

/**
 * Shows `plan` (stdout for a table, else stderr so stdout stays the results) and asks, unless `--yes`.
 * `true` when it asked (and so time passed that the fleet may have changed in).
 */
const confirm = (format: Format, plan: Plan.Plan, yes: boolean) =>
  Effect.gen(function* () {
    const stdio = yield* Stdio
    if (format === "table") yield* PlanView.printPlan("table", plan)
    if (yes) return false
    const changes = PlanView.summary(plan)
    if (!stdio.stdinIsTTY) {
      return yield* new UsageError({
        reason: `refusing to apply (${changes}) without --yes (stdin is not a terminal); nothing was sent`
      })
    }
    if (format !== "table") yield* stdio.err(PlanView.render(plan))
    const confirmed = yield* Prompt.confirm({ message: `Apply these changes (${changes})?`, initial: false })
    if (!confirmed) return yield* new UsageError({ reason: "not confirmed; nothing was applied" })
    return true
  })

const handler = (config: Config) =>
  Runner.run("apply", config.global, (format) =>
    Effect.gen(function* () {
      if (Option.isSome(config.plan) && Option.isSome(config.file)) {
        return yield* new UsageError({ reason: "-f cannot be combined with --plan: a saved plan was made from its file" })
      }
      if (Option.isSome(config.plan) && config.declaredOnly) {
        return yield* new UsageError({ reason: "--declared-only applies only with -f: a saved plan holds what it was made with" })
      }
      const source = Option.isSome(config.plan)
        ? { _tag: "saved" as const, plan: yield* PolicyInput.loadPlan(config.plan.value) }
        : { _tag: "file" as const, file: yield* PolicyInput.loadPolicy(PolicyInput.policyPath(config.file)) }
      yield* Effect.gen(function* () {
        const { accounts, plan } =
          source._tag === "saved"
            ? { accounts: yield* PolicyInput.fleet("apply"), plan: source.plan }
            : yield* PolicyInput.planFor("apply", source.file, config.declaredOnly)
        yield* PolicyInput.refuseConflicts(plan, "Nothing was sent.")
        if (Plan.isEmpty(plan)) {
          if (format === "table") yield* PlanView.printPlan("table", plan)
          else yield* PlanView.printResults(format, [])
          return
        }
        const asked = yield* confirm(format, plan, config.yes)
        // The plan is checked against the fleet as it is when the actions start: after a prompt, which may
        // have waited for minutes while someone else created or changed an account, it is listed again.
        const current = asked ? yield* PolicyInput.fleet("apply") : accounts
        const results = yield* Apply.apply(plan, { currentAccounts: current })
        if (format === "table") yield* Effect.flatMap(Stdio, (stdio) => stdio.out("\n"))
        yield* PlanView.printResults(format, results)
        // A partial create (made, then a write failed) counts as a failure: the exit code says not all is done.
        const failed = results.flatMap((r) => (r.status === "done" ? [] : [ExitCode.forError(r.error)]))
        if (failed.length > 0) {
          return yield* new PartialFailureError({ failed: failed.length, total: results.length, exitCode: ExitCode.shared(failed) })
        }
      }).pipe(Runner.withClient(config.global))
    })
  )

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "apply",
  summary: "Make the changes plan shows (from the file or a saved plan).",
  details: [
    "Plans as plan does (or reads --plan), shows the changes and asks; --yes skips the question, and without a terminal it is required. A saved plan whose accounts changed since it was made is refused, naming each (exit 9, nothing sent). The fleet is listed again after the question, and each create's name just before it: nothing is created twice. One line per action (done, partly: created then a write failed, or failed); exit 1 (or the failures' shared code) when any is not done."
  ],
  examples: ["cf-accounts apply --yes", "cf-accounts apply --plan plan.json"],
  args: {},
  flags: { file: Flags.policyFile, plan: Flags.savedPlan, declaredOnly: Flags.declaredOnly, yes: Flags.yes },
  handler
})
