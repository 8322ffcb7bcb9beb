/**
 * `cf-accounts get ACCOUNT_ID`.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "get",
  { global: GlobalOptions.options, accountId: Flags.accountIdArg },
  (config) =>
    Runner.run("get", config.global, (format) =>
      Effect.gen(function* () {
        const client = yield* AccountsClient
        const account = yield* client.get(config.accountId)
        yield* Output.printOne(format, account)
      }).pipe(Runner.withClient(config.global))
    )
).pipe(
  Command.withDescription("Show one account.\n\n$ cf-accounts get 0123456789abcdef0123456789abcdef\n$ cf-accounts get 0123456789abcdef0123456789abcdef -o json")
)
