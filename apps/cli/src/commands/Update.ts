/**
 * `cf-accounts update ACCOUNT_ID [--name NAME] [--enforce-twofactor true|false]
 * [--abuse-contact-email EMAIL]`: reads the account, changes only what was given,
 * and writes the whole object back (the API replaces the account), every field
 * the server sent included: the client's `Merge.account` rule, through `patch`.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import type { AccountChanges } from "@cf-accounts/core/Account"
import { Email } from "@cf-accounts/core/Email"
import * as Effect from "effect/Effect"
import { UsageError } from "../CliError.js"
import * as CommandTable from "../CommandTable.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

/** The command's flags as the changes of a read-modify-write. */
const toChanges = (flags: {
  readonly name?: string
  readonly enforce_twofactor?: boolean
  readonly abuse_contact_email?: string
}): AccountChanges => {
  const { name, ...settings } = flags
  return { ...(name === undefined ? {} : { name }), ...(Object.keys(settings).length === 0 ? {} : { settings }) }
}

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "update",
  summary: "Change an account's name or settings.",
  details: [
    "Reads the account and writes it back with only the given flags changed; every other field is kept as the server sent it."
  ],
  examples: [
    'cf-accounts update 0123456789abcdef0123456789abcdef --name "Acme Corp"',
    "cf-accounts update 0123456789abcdef0123456789abcdef --enforce-twofactor true"
  ],
  args: { accountId: Flags.accountIdArg },
  flags: {
    name: Flags.optional(Flags.accountName("The new name, 1 to 100 characters")),
    enforceTwofactor: Flags.enforceTwofactor,
    abuseContactEmail: Flags.optional(Flags.text("abuse-contact-email", "email", "Where abuse reports for this account go.", Email)),
    dryRun: Flags.dryRun
  },
  handler: (config) =>
    Runner.run("update", config.global, (format) =>
      Effect.gen(function* () {
        const flags = {
          ...field("name", config.name),
          ...field("enforce_twofactor", config.enforceTwofactor),
          ...field("abuse_contact_email", config.abuseContactEmail)
        }
        if (Object.keys(flags).length === 0) {
          return yield* new UsageError({
            reason: "nothing to change: give --name, --enforce-twofactor or --abuse-contact-email"
          })
        }
        const changes = toChanges(flags)
        return yield* Effect.gen(function* () {
          const client = yield* AccountsClient
          if (config.dryRun) {
            // The read is real even with --dry-run: the body to print is the whole account.
            const spec = yield* AccountsRequest.patch(yield* client.get(config.accountId), changes)
            return yield* DryRun.print(format, spec, yield* GlobalOptions.resolveBaseUrl(config.global))
          }
          yield* Output.printOne(format, yield* client.patch(config.accountId, changes))
        }).pipe(Runner.withClient(config.global))
      })
    )
})
