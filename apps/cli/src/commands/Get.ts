/**
 * `cf-accounts get ACCOUNT_ID`.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as Effect from "effect/Effect"
import * as CommandTable from "../CommandTable.js"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "get",
  summary: "Show one account.",
  examples: ["cf-accounts get 0123456789abcdef0123456789abcdef", "cf-accounts get 0123456789abcdef0123456789abcdef -o json"],
  args: { accountId: Flags.accountIdArg },
  flags: {},
  handler: (config) =>
    Runner.run("get", config.global, (format) =>
      Effect.gen(function* () {
        const client = yield* AccountsClient
        const account = yield* client.get(config.accountId)
        yield* Output.printOne(format, account)
      }).pipe(Runner.withClient(config.global))
    )
})
