/**
 * `cf-accounts delete ACCOUNT_ID --yes`. Without `--yes` it asks on a terminal,
 * and refuses (exit 2, nothing sent) when stdin is not one.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import * as Prompt from "@effect/cli/Prompt"
import * as Effect from "effect/Effect"
import { UsageError } from "../CliError.js"
import * as CommandTable from "../CommandTable.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "delete",
  summary: "Delete an account.",
  details: ["Asks first on a terminal; elsewhere --yes is required. An id that does not exist exits 4 with nothing deleted."],
  examples: ["cf-accounts delete 0123456789abcdef0123456789abcdef --yes"],
  args: { accountId: Flags.accountIdArg },
  flags: { yes: Flags.yes, dryRun: Flags.dryRun },
  handler: (config) =>
    Runner.run("delete", config.global, (format) =>
      Effect.gen(function* () {
        if (config.dryRun) {
          const spec = yield* AccountsRequest.delete(config.accountId)
          return yield* DryRun.print(format, spec, yield* GlobalOptions.resolveBaseUrl(config.global))
        }
        if (!config.yes) {
          const stdio = yield* Stdio
          if (!stdio.stdinIsTTY) {
            return yield* new UsageError({
              reason: `refusing to delete account ${config.accountId} without --yes (stdin is not a terminal); nothing was sent`
            })
          }
          const confirmed = yield* Prompt.confirm({
            message: `Delete account ${config.accountId}? This cannot be undone.`,
            initial: false
          })
          if (!confirmed) return yield* new UsageError({ reason: "not confirmed; nothing was deleted" })
        }
        const result = yield* Effect.flatMap(AccountsClient, (client) => client.delete(config.accountId)).pipe(
          Runner.withClient(config.global)
        )
        yield* Output.printOne(format, result, () => `deleted account ${result.id}\n`)
      })
    )
})
