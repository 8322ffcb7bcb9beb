/**
 * `cf-accounts plan [-f FILE] [--declared-only] [--out PLAN]`: what `apply`
 * would change, as a diff. Exit 0 for no changes, 8 for changes pending, 2 for
 * a file with problems or a plan with conflicts.
 *
 * @since 0.1.0
 */
import * as Plan from "@cf-accounts/policy/Plan"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { ChangesPendingError } from "../CliError.js"
import * as CommandTable from "../CommandTable.js"
import * as Flags from "../Flags.js"
import * as Terminal from "../internal/terminal.js"
import * as PlanView from "../PlanView.js"
import * as PolicyInput from "../PolicyInput.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "plan",
  summary: "Show the changes apply would make for the policy file.",
  details: [
    "The declared accounts' changes, and the policy's automatic fixes on every account it covers that no exception excuses (--declared-only leaves the fixes out). Accounts the file does not declare are never deleted or renamed. Exit 0: no changes; 8: changes pending; 2: a bad file or a conflict (shown), nothing saved."
  ],
  examples: ["cf-accounts plan", "cf-accounts plan -f policy.yaml --out plan.json"],
  args: {},
  flags: { file: Flags.policyFile, declaredOnly: Flags.declaredOnly, out: Flags.planOut },
  handler: (config) =>
    Runner.run("plan", config.global, (format) =>
      Effect.gen(function* () {
        const file = yield* PolicyInput.loadPolicy(PolicyInput.policyPath(config.file))
        const { plan } = yield* PolicyInput.planFor("plan", file, config.declaredOnly).pipe(Runner.withClient(config.global))
        yield* PlanView.printPlan(format, plan)
        yield* PolicyInput.refuseConflicts(plan, Option.isSome(config.out) ? "The plan was not saved." : "")
        if (Option.isSome(config.out)) {
          const fs = yield* FileSystem.FileSystem
          yield* fs.writeFileString(config.out.value, Terminal.json(Plan.encode(plan), 2) + "\n")
          if (format === "table") {
            const stdio = yield* Stdio
            yield* stdio.err(`plan saved to ${config.out.value}; apply it with: cf-accounts apply --plan ${config.out.value}\n`)
          }
        }
        if (!Plan.isEmpty(plan)) return yield* new ChangesPendingError({ summary: PlanView.summary(plan) })
      })
    )
})
