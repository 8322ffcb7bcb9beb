/**
 * `cf-accounts audit [-f FILE]`: every account against the policy file's rules.
 * Findings as a table, JSON or NDJSON; exit 7 when any is open (not excused by
 * an unexpired exception), 0 when none is.
 *
 * @since 0.1.0
 */
import * as Audit from "@cf-accounts/policy/Audit"
import * as Finding from "@cf-accounts/policy/Finding"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { FindingsError } from "../CliError.js"
import * as CommandTable from "../CommandTable.js"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"
import * as PlanView from "../PlanView.js"
import * as PolicyInput from "../PolicyInput.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "audit",
  summary: "Check every account against the policy file's rules.",
  details: [
    "Reads the file (a bad one: exit 2, each problem at FILE:LINE:COLUMN, nothing sent), lists every account, and reports each rule an account breaks. Findings an unexpired exception excuses are shown as excused. Exit 7 when any finding is open, else 0."
  ],
  examples: ["cf-accounts audit", "cf-accounts audit -f policy.yaml -o ndjson"],
  args: {},
  flags: { file: Flags.policyFile },
  handler: (config) =>
    Runner.run("audit", config.global, (format) =>
      Effect.gen(function* () {
        const file = yield* PolicyInput.loadPolicy(PolicyInput.policyPath(config.file))
        const accounts = yield* PolicyInput.fleet("audit").pipe(Runner.withClient(config.global))
        const findings = Audit.audit(accounts, file.policy ?? {}, yield* Clock.currentTimeMillis)
        yield* Output.printList(format, PlanView.findings(findings), findings)
        const open = findings.filter(Finding.isOpen).length
        const excused = findings.length - open
        if (open > 0) return yield* new FindingsError({ open, excused })
        if (format === "table") {
          const stdio = yield* Stdio
          yield* stdio.err(`${accounts.length} accounts checked: no open findings${excused === 0 ? "" : ` (${excused} excused)`}\n`)
        }
      })
    )
})
