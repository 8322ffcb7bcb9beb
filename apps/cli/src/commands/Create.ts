/**
 * `cf-accounts create --name NAME [--type standard|enterprise] [--unit-id ID]`.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "create",
  {
    global: GlobalOptions.options,
    name: Flags.accountName("Account name, 1 to 100 characters"),
    type: Flags.accountType,
    unitId: Flags.unitId,
    dryRun: Flags.dryRun
  },
  (config) =>
    Runner.run("create", config.global, (format) =>
      Effect.gen(function* () {
        const input = {
          name: config.name,
          ...field("type", config.type),
          ...Option.match(config.unitId, { onNone: () => ({}), onSome: (id) => ({ unit: { id } }) })
        }
        if (config.dryRun) {
          const spec = yield* AccountsRequest.create(input)
          return yield* DryRun.print(format, spec, yield* GlobalOptions.resolveBaseUrl(config.global))
        }
        const account = yield* Effect.flatMap(AccountsClient, (client) => client.create(input)).pipe(
          Runner.withClient(config.global)
        )
        yield* Output.printOne(format, account)
      })
    )
).pipe(
  Command.withDescription(
    "Create an account.\n\nCreation is not repeated on an ambiguous failure: the outcome is reported instead.\n\n$ cf-accounts create --name \"Acme Corp\"\n$ cf-accounts create --name \"Acme Corp\" --type enterprise --dry-run"
  )
)
