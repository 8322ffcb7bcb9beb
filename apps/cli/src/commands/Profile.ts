/**
 * `cf-accounts profile get ACCOUNT_ID` and `cf-accounts profile set ACCOUNT_ID
 * --business-name .. --business-email .. --business-phone .. --business-address ..
 * [--external-metadata ..]`.
 *
 * @since 0.1.0
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import * as AccountsRequest from "@cf-accounts/client/AccountsRequest"
import { AccountProfileInput } from "@cf-accounts/core/AccountProfile"
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../CliError.js"
import * as CommandTable from "../CommandTable.js"
import * as DryRun from "../DryRun.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import * as Output from "../Output.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

const get = CommandTable.leaf({
  name: "get",
  summary: "Show an account's business profile.",
  examples: ["cf-accounts profile get 0123456789abcdef0123456789abcdef"],
  args: { accountId: Flags.accountIdArg },
  flags: {},
  handler: (config) =>
    Runner.run("profile get", config.global, (format) =>
      Effect.gen(function* () {
        const client = yield* AccountsClient
        yield* Output.printOne(format, yield* client.getProfile(config.accountId))
      }).pipe(Runner.withClient(config.global))
    )
})

const fields = AccountProfileInput.fields

/** The flag that gives each profile field: the one place this command pairs them. */
const FLAGS = {
  business_name: "business-name",
  business_email: "business-email",
  business_phone: "business-phone",
  business_address: "business-address",
  external_metadata: "external-metadata"
} as const satisfies Record<keyof typeof fields, string>

const isProfileField = (field: string): field is keyof typeof FLAGS => Object.hasOwn(FLAGS, field)

const PROFILE_FIELD = new RegExp(`\\b(?:${Object.keys(FLAGS).join("|")})\\b`, "g")

/**
 * The client's refusal of a profile field, in the terms of this command: the
 * field and every field its rule names as their flags (`--external-metadata`),
 * as the flags' own checks name them. Without a value (a field the server holds
 * as null and the flags leave unset) the message has no "(got ...)": the user
 * gave nothing to show. Other errors pass as they are.
 */
const namingFlags = <E>(error: E): E | InvalidInputError | UsageError => {
  if (!(error instanceof InvalidInputError) || !isProfileField(error.field)) return error
  const field = `--${FLAGS[error.field]}`
  const rule = error.rule.replace(PROFILE_FIELD, (name) => (isProfileField(name) ? `--${FLAGS[name]}` : name))
  return error.value === undefined
    ? new UsageError({ reason: `Invalid ${field}: ${rule}` })
    : new InvalidInputError({ field, rule, value: error.value })
}

const set = CommandTable.leaf({
  name: "set",
  summary: "Replace an account's business profile.",
  details: [
    "Reads the profile first (so --dry-run needs credentials too) and keeps what is not given: --external-metadata, and fields this tool does not know."
  ],
  examples: [
    'cf-accounts profile set 0123456789abcdef0123456789abcdef --business-name Acme --business-email ops@acme.example --business-phone "+1 555 0100" --business-address "1 Main St"'
  ],
  args: { accountId: Flags.accountIdArg },
  flags: {
    businessName: Flags.text(FLAGS.business_name, "text", "Business name.", fields.business_name),
    businessEmail: Flags.text(FLAGS.business_email, "email", "Business email address.", fields.business_email),
    businessPhone: Flags.text(FLAGS.business_phone, "text", "Business phone number.", fields.business_phone),
    businessAddress: Flags.text(FLAGS.business_address, "text", "Business postal address.", fields.business_address),
    externalMetadata: Flags.optional(
      Flags.text(FLAGS.external_metadata, "text", "Free-form metadata (default: the current value)", fields.external_metadata)
    ),
    dryRun: Flags.dryRun
  },
  handler: (config) =>
    Runner.run("profile set", config.global, (format) =>
      Effect.gen(function* () {
        const client = yield* AccountsClient
        // The API replaces the whole profile: read it (even with --dry-run, which therefore
        // needs credentials) and keep every field not given, unknown ones included, as the
        // server sent them; only the flags given are checked (the client's patchProfile).
        const changes = {
          business_name: config.businessName,
          business_email: config.businessEmail,
          business_phone: config.businessPhone,
          business_address: config.businessAddress,
          ...(Option.isSome(config.externalMetadata) ? { external_metadata: config.externalMetadata.value } : {})
        }
        if (config.dryRun) {
          const current = yield* client.getProfile(config.accountId)
          const spec = yield* AccountsRequest.patchProfile(config.accountId, current, changes)
          return yield* DryRun.print(format, spec, yield* GlobalOptions.resolveBaseUrl(config.global))
        }
        const profile = yield* client.patchProfile(config.accountId, changes)
        if (format === "table") {
          const stdio = yield* Stdio
          yield* stdio.out(`updated the profile of account ${config.accountId}\n`)
        } else {
          yield* Output.printOne(format, profile)
        }
      }).pipe(Effect.mapError(namingFlags), Runner.withClient(config.global))
    )
})

/**
 * @since 0.1.0
 */
export const command = CommandTable.group({
  name: "profile",
  summary: "Show or replace an account's business profile.",
  examples: ["cf-accounts profile get 0123456789abcdef0123456789abcdef -o json"],
  commands: [get, set]
})
