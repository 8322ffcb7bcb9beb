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
import * as Merge from "@cf-accounts/client/Merge"
import type { Account, AccountChanges, UpdateAccount } from "@cf-accounts/core/Account"
import { Email } from "@cf-accounts/core/Email"
import * as Command from "@effect/cli/Command"
import * as CliOptions from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import { UsageError } from "../CliError.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

const config = {
  global: GlobalOptions.options,
  accountId: Flags.accountIdArg,
  name: CliOptions.optional(Flags.accountName("The new name, 1 to 100 characters")),
  enforceTwofactor: Flags.enforceTwofactor,
  abuseContactEmail: CliOptions.optional(
    Flags.text("abuse-contact-email", "email", "Where abuse reports for this account go.", Email)
  ),
  dryRun: Flags.dryRun
}

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
 * The account with the given changes applied, as the body of the update: the
 * client's `Merge.account` (every field the server sent is kept).
 *
 * @since 0.1.0
 */
export const merge = (
  account: Account,
  changes: { readonly name?: string; readonly enforce_twofactor?: boolean; readonly abuse_contact_email?: string }
): UpdateAccount => Merge.account(account, toChanges(changes))

/**
 * @since 0.1.0
 */
export const command = Command.make("update", config, (config) =>
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
).pipe(
  Command.withDescription(
    "Change an account's name or settings.\n\nReads the account and writes it back with only the given flags changed; every other field is kept as the server sent it.\n\n$ cf-accounts update 0123456789abcdef0123456789abcdef --name \"Acme Corp\"\n$ cf-accounts update 0123456789abcdef0123456789abcdef --enforce-twofactor true"
  )
)
