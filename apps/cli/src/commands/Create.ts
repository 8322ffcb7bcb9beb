/**
 * `cf-accounts create --name NAME [--type standard|enterprise] [--unit-id ID]`.
 * The account goes to stdout as with any command; when its id was not in the
 * create's answer but found by name after an ambiguous failure (the client's
 * `source: "lookup"`), one line on stderr says so.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import type { Created } from "@cf-accounts/client/AccountsClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as CommandTable from "../CommandTable.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

/** The stderr line for an account found by name rather than read from the create's answer, or nothing. */
const lookupNote = ({ account, source }: Created): string | undefined =>
  source === "lookup"
    ? `cf-accounts create: the create's own answer was lost; account ${account.id} (name ${JSON.stringify(account.name)}, created_on ${
        account.created_on ?? "not given"
      }) was found by name as the one created since the call began. It may be a same-name account someone else created meanwhile: Cloudflare offers no idempotency key to tell them apart.\n`
    : undefined

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "create",
  summary: "Create an account.",
  details: [
    "Creation is not repeated on an ambiguous failure: the outcome is reported instead. An account found by name after its answer was lost is printed with a note on stderr."
  ],
  examples: ['cf-accounts create --name "Acme Corp"', 'cf-accounts create --name "Acme Corp" --type enterprise --dry-run'],
  args: {},
  flags: {
    name: Flags.accountName("Account name, 1 to 100 characters"),
    type: Flags.accountType,
    unitId: Flags.unitId,
    dryRun: Flags.dryRun
  },
  handler: (config) =>
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
        const created = yield* Effect.flatMap(AccountsClient, (client) => client.create(input)).pipe(
          Runner.withClient(config.global)
        )
        yield* Output.printOne(format, created.account)
        const note = lookupNote(created)
        if (note !== undefined) yield* Effect.flatMap(Stdio, (stdio) => stdio.err(note))
      })
    )
})
