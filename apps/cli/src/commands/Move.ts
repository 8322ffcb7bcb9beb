/**
 * `cf-accounts move ACCOUNT_ID --to ORGANIZATION_ID`.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import * as Effect from "effect/Effect"
import * as CommandTable from "../CommandTable.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "move",
  summary: "Move an account to another organization.",
  examples: ["cf-accounts move 0123456789abcdef0123456789abcdef --to 9f8e7d6c5b4a39281706f5e4d3c2b1a0"],
  args: { accountId: Flags.accountIdArg },
  flags: { to: Flags.destination, dryRun: Flags.dryRun },
  handler: (config) =>
    Runner.run("move", config.global, (format) =>
      Effect.gen(function* () {
        if (config.dryRun) {
          const spec = yield* AccountsRequest.move(config.accountId, config.to)
          return yield* DryRun.print(format, spec, yield* GlobalOptions.resolveBaseUrl(config.global))
        }
        const result = yield* Effect.flatMap(AccountsClient, (client) => client.move(config.accountId, config.to)).pipe(
          Runner.withClient(config.global)
        )
        yield* Output.printOne(format, result)
      })
    )
})
