/**
 * `cf-accounts update ACCOUNT_ID [--name NAME] [--enforce-twofactor true|false]
 * [--abuse-contact-email EMAIL]`: reads the account, changes only what was given,
 * and writes the whole object back (the API replaces the account).
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import type { Account, AccountSettings, AccountType } from "@cf-accounts/core/Account"
import * as Command from "@effect/cli/Command"
import * as CliOptions from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { UsageError } from "../CliError.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"

const Email = Schema.String.pipe(
  Schema.maxLength(254, { message: () => "must be at most 254 characters" }),
  Schema.pattern(/^[^\s@]+@[^\s@]+$/, { message: () => "must be an email address" })
)

const config = {
  global: GlobalOptions.options,
  accountId: Flags.accountIdArg,
  name: CliOptions.optional(Flags.accountName("The new name (1 to 100 characters).")),
  enforceTwofactor: Flags.enforceTwofactor,
  abuseContactEmail: CliOptions.optional(
    Flags.text("abuse-contact-email", "EMAIL", "Where abuse reports for this account go.", Email)
  ),
  dryRun: Flags.dryRun
}

/**
 * The account with the given changes applied, as the body of the update.
 *
 * @since 0.1.0
 */
export const merge = (
  account: Account,
  changes: { readonly name?: string; readonly enforce_twofactor?: boolean; readonly abuse_contact_email?: string }
): { readonly id: string; readonly name: string; readonly type: AccountType; readonly settings?: AccountSettings } => {
  const { name, ...settingChanges } = changes
  const settings = { ...account.settings, ...settingChanges }
  return {
    id: account.id,
    name: name ?? account.name,
    type: account.type,
    ...(Object.keys(settings).length === 0 ? {} : { settings })
  }
}

/**
 * @since 0.1.0
 */
export const command = Command.make("update", config, (config) =>
  Runner.run("update", config.global, (format) =>
    Effect.gen(function* () {
      const changes = {
        ...field("name", config.name),
        ...field("enforce_twofactor", config.enforceTwofactor),
        ...field("abuse_contact_email", config.abuseContactEmail)
      }
      if (Object.keys(changes).length === 0) {
        return yield* new UsageError({
          reason: "nothing to change: give --name, --enforce-twofactor or --abuse-contact-email"
        })
      }
      return yield* Effect.gen(function* () {
        const client = yield* AccountsClient
        // The read is real even with --dry-run: the body to print is the whole account.
        const current = yield* client.get(config.accountId)
        const body = merge(current, changes)
        if (config.dryRun) {
          const spec = yield* AccountsRequest.update(body)
          return yield* DryRun.print(format, spec, yield* GlobalOptions.resolveBaseUrl(config.global))
        }
        const updated = yield* client.update(body)
        yield* Output.printOne(format, updated)
      }).pipe(Runner.withClient(config.global))
    })
  )
).pipe(
  Command.withDescription(
    "Change an account's name or settings. Reads the account, changes only what was given and writes the whole account back.\n\nExample: cf-accounts update 0123456789abcdef0123456789abcdef --enforce-twofactor true"
  )
)
