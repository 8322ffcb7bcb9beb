/**
 * Arguments and options checked while the command line is parsed, with core's
 * schemas: a bad value stops the program (exit 2) before any request, with a
 * message naming the argument, the rule and the value.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import { AccountType } from "@cf-accounts/core/Account"
import { AccountName } from "@cf-accounts/core/AccountName"
import { AccountId, OrganizationId, UnitId } from "@cf-accounts/core/Ids"
import { decodeEither } from "@cf-accounts/core/Input"
import { Direction, Page, PerPage } from "@cf-accounts/core/ListAccountsParams"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"

const invalid = (message: string) => ValidationError.invalidValue(HelpDoc.p(message))

/**
 * Checks `raw` with `schema`; on failure the message names `label` (e.g. `--per-page`).
 *
 * @since 0.1.0
 */
export const check =
  <A, I>(label: string, schema: Schema.Schema<A, I, never>) =>
  (raw: unknown): Effect.Effect<A, ValidationError.ValidationError> =>
    Either.match(decodeEither(schema, label)(raw), {
      onLeft: (error) => Effect.fail(invalid(error.message)),
      onRight: Effect.succeed
    })

const checkArg =
  <A, I>(label: string, schema: Schema.Schema<A, I, never>) =>
  (raw: unknown): Effect.Effect<A, HelpDoc.HelpDoc> =>
    Either.match(decodeEither(schema, label)(raw), {
      onLeft: (error) => Effect.fail(HelpDoc.p(error.message)),
      onRight: Effect.succeed
    })

const WHOLE = /^[+-]?\d+$/

const integer =
  <A, I>(label: string, schema: Schema.Schema<A, I, never>) =>
  (raw: string): Effect.Effect<A, ValidationError.ValidationError> =>
    WHOLE.test(raw.trim())
      ? check(label, schema)(Number(raw.trim()))
      : Effect.fail(invalid(`Invalid ${label}: must be a whole number (got ${JSON.stringify(raw)})`))

const choice = <const C extends ReadonlyArray<string>>(label: string, choices: C) => {
  const allowed: ReadonlyArray<string> = choices
  return (raw: string): Effect.Effect<C[number], ValidationError.ValidationError> =>
    allowed.includes(raw)
      ? Effect.succeed(raw as C[number]) // safe: membership checked on the line above
      : Effect.fail(invalid(`Invalid ${label}: must be one of ${choices.join(", ")} (got ${JSON.stringify(raw)})`))
}

/**
 * `ACCOUNT_ID`: 32 hexadecimal characters.
 *
 * @since 0.1.0
 */
export const accountIdArg = Args.text({ name: "ACCOUNT_ID" }).pipe(
  Args.withDescription("The account id: 32 hexadecimal characters."),
  Args.mapEffect(checkArg("ACCOUNT_ID", AccountId))
)

/**
 * One or more `ACCOUNT_ID`s.
 *
 * @since 0.1.0
 */
export const accountIdsArg = Args.text({ name: "ACCOUNT_ID" }).pipe(
  Args.withDescription("Account ids (32 hexadecimal characters each)."),
  Args.mapEffect(checkArg("ACCOUNT_ID", AccountId)),
  Args.atLeast(1)
)

/**
 * `--to ORGANIZATION_ID`: the destination of a move.
 *
 * @since 0.1.0
 */
export const destination = Options.text("to").pipe(
  Options.withPseudoName("ORGANIZATION_ID"),
  Options.withDescription("The destination organization id."),
  Options.mapEffect(check("--to", OrganizationId))
)

/**
 * `--name NAME` (1 to 100 characters), required.
 *
 * @since 0.1.0
 */
export const accountName = (description: string) =>
  Options.text("name").pipe(
    Options.withPseudoName("NAME"),
    Options.withDescription(description),
    Options.mapEffect(check("--name", AccountName))
  )

/**
 * `--type standard|enterprise`.
 *
 * @since 0.1.0
 */
export const accountType = Options.text("type").pipe(
  Options.withPseudoName("standard|enterprise"),
  Options.withDescription("The account type (default: standard)."),
  Options.mapEffect(check("--type", AccountType)),
  Options.optional
)

/**
 * `--unit-id ID`.
 *
 * @since 0.1.0
 */
export const unitId = Options.text("unit-id").pipe(
  Options.withPseudoName("ID"),
  Options.withDescription("Create the account in this unit (tenant)."),
  Options.mapEffect(check("--unit-id", UnitId)),
  Options.optional
)

/**
 * `--direction asc|desc`.
 *
 * @since 0.1.0
 */
export const direction = Options.text("direction").pipe(
  Options.withPseudoName("asc|desc"),
  Options.withDescription("Sort direction."),
  Options.mapEffect(check("--direction", Direction)),
  Options.optional
)

/**
 * `--page N` (from 1).
 *
 * @since 0.1.0
 */
export const page = Options.text("page").pipe(
  Options.withPseudoName("N"),
  Options.withDescription("Page number, from 1 (default 1)."),
  Options.mapEffect(integer("--page", Page)),
  Options.optional
)

/**
 * `--per-page N` (5 to 50).
 *
 * @since 0.1.0
 */
export const perPage = Options.text("per-page").pipe(
  Options.withPseudoName("N"),
  Options.withDescription("Accounts per page, 5 to 50 (default 20)."),
  Options.mapEffect(integer("--per-page", PerPage)),
  Options.optional
)

/**
 * `--concurrency N` (1 to 16) for one-by-one moves.
 *
 * @since 0.1.0
 */
export const concurrency = Options.text("concurrency").pipe(
  Options.withPseudoName("N"),
  Options.withDescription("How many single moves run at once with --one-by-one (1 to 16, default 4)."),
  Options.mapEffect((raw) =>
    WHOLE.test(raw.trim()) && Number(raw) >= 1 && Number(raw) <= 16
      ? Effect.succeed(Number(raw))
      : Effect.fail(invalid(`Invalid --concurrency: must be a whole number from 1 to 16 (got ${JSON.stringify(raw)})`))
  ),
  Options.withDefault(4)
)

/**
 * `--enforce-twofactor true|false`.
 *
 * @since 0.1.0
 */
export const enforceTwofactor = Options.text("enforce-twofactor").pipe(
  Options.withPseudoName("true|false"),
  Options.withDescription("Require two-factor authentication for all members."),
  Options.mapEffect(choice("--enforce-twofactor", ["true", "false"])),
  Options.map((value) => value === "true"),
  Options.optional
)

/**
 * A free-text option checked with `schema`.
 *
 * @since 0.1.0
 */
export const text = <A>(name: string, pseudo: string, description: string, schema: Schema.Schema<A, string, never>) =>
  Options.text(name).pipe(
    Options.withPseudoName(pseudo),
    Options.withDescription(description),
    Options.mapEffect(check(`--${name}`, schema))
  )

/**
 * `--yes`: confirm a destructive operation without asking.
 *
 * @since 0.1.0
 */
export const yes = Options.boolean("yes").pipe(
  Options.withAlias("y"),
  Options.withDescription("Do not ask for confirmation.")
)

/**
 * `--dry-run`: print the request instead of sending it.
 *
 * @since 0.1.0
 */
export const dryRun = Options.boolean("dry-run").pipe(
  Options.withDescription("Print the request that would be sent (method, URL, body; never credentials) and send nothing.")
)

/**
 * `--output table|json|ndjson`.
 *
 * @since 0.1.0
 */
export const output = Options.text("output").pipe(
  Options.withAlias("o"),
  Options.withPseudoName("table|json|ndjson"),
  Options.withDescription("Output format: table (default on a terminal), json (default otherwise), ndjson."),
  Options.mapEffect(choice("--output", ["table", "json", "ndjson"])),
  Options.optional
)

/**
 * `--base-url URL`.
 *
 * @since 0.1.0
 */
export const baseUrl = Options.text("base-url").pipe(
  Options.withPseudoName("URL"),
  Options.withDescription("API base URL (overrides CLOUDFLARE_BASE_URL; default https://api.cloudflare.com/client/v4)."),
  Options.optional
)

/**
 * `--verbose`: log each HTTP attempt to stderr.
 *
 * @since 0.1.0
 */
export const verbose = Options.boolean("verbose").pipe(
  Options.withAlias("v"),
  Options.withDescription("Log each HTTP attempt (method, route, status, duration, retry waits) to stderr.")
)
