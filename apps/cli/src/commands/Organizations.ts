/**
 * `cf-accounts organizations ACCOUNT_ID`: the organizations an account belongs to.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as Effect from "effect/Effect"
import * as Columns from "../Columns.js"
import * as CommandTable from "../CommandTable.js"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "organizations",
  summary: "List the organizations an account belongs to.",
  examples: ["cf-accounts organizations 0123456789abcdef0123456789abcdef"],
  args: { accountId: Flags.accountIdArg },
  flags: {},
  handler: (config) =>
    Runner.run("organizations", config.global, (format) =>
      Effect.gen(function* () {
        const client = yield* AccountsClient
        const organizations = yield* client.listOrganizations(config.accountId)
        yield* Output.printList(format, Columns.organizations, organizations)
      }).pipe(Runner.withClient(config.global))
    )
})
