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
import * as Schema from "effect/Schema"

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
 * A `--name VALUE` option whose value is checked with `parse` while the command
 * line is parsed.
 *
 * @since 0.1.0
 */
export const validated = <A>(
  name: string,
  pseudo: string,
  description: string,
  parse: (raw: string) => Effect.Effect<A, ValidationError.ValidationError>
): Options.Options<A> =>
  Options.text(name).pipe(Options.withPseudoName(pseudo), Options.withDescription(description), Options.mapEffect(parse))

/**
 * A free-text option checked with `schema`.
 *
 * @since 0.1.0
 */
export const text = <A, I extends string>(name: string, pseudo: string, description: string, schema: Schema.Schema<A, I, never>) =>
  validated(name, pseudo, description, check(`--${name}`, schema))

/**
 * `--to ORGANIZATION_ID`: the destination of a move.
 *
 * @since 0.1.0
 */
export const destination = text("to", "id", "The destination organization id.", OrganizationId)

/**
 * `--name NAME` (1 to 100 characters), required.
 *
 * @since 0.1.0
 */
export const accountName = (description: string) => text("name", "text", description, AccountName)

/**
 * `--type standard|enterprise`.
 *
 * @since 0.1.0
 */
export const accountType = Options.optional(
  text("type", AccountType.literals.join("|"), "The account type (default standard)", AccountType)
)

/**
 * `--unit-id ID`.
 *
 * @since 0.1.0
 */
export const unitId = Options.optional(text("unit-id", "id", "Create the account in this unit (tenant)", UnitId))

/**
 * `--direction asc|desc`.
 *
 * @since 0.1.0
 */
export const direction = Options.optional(text("direction", Direction.literals.join("|"), "Sort direction (default: the API's order)", Direction))

/**
 * `--page N` (from 1).
 *
 * @since 0.1.0
 */
export const page = Options.optional(validated("page", "int", "Page number, from 1 (default 1)", integer("--page", Page)))

/**
 * `--per-page N` (5 to 50).
 *
 * @since 0.1.0
 */
export const perPage = Options.optional(
  validated("per-page", "int", "Accounts per page, 5 to 50 (default 20)", integer("--per-page", PerPage))
)

const Concurrency = Schema.Int.pipe(Schema.between(1, 16, { message: () => "must be a whole number from 1 to 16" }))

/**
 * `--concurrency N` (1 to 16) for one-by-one moves.
 *
 * @since 0.1.0
 */
export const concurrency = validated(
  "concurrency",
  "int",
  "Moves at once with --one-by-one, 1 to 16 (default 4)",
  integer("--concurrency", Concurrency)
).pipe(Options.withDefault(4))

/**
 * `--enforce-twofactor true|false`.
 *
 * @since 0.1.0
 */
export const enforceTwofactor = validated(
  "enforce-twofactor",
  "true|false",
  "Require 2FA for members",
  choice("--enforce-twofactor", ["true", "false"])
).pipe(
  Options.map((value) => value === "true"),
  Options.optional
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
  Options.withDescription("Print the request instead of sending it")
)

/**
 * `--output table|json|ndjson`.
 *
 * @since 0.1.0
 */
export const output = Options.optional(
  validated(
    "output",
    "table|json|ndjson",
    "Format (default: table on a tty, else json)",
    choice("--output", ["table", "json", "ndjson"])
  ).pipe(Options.withAlias("o"))
)

/**
 * `--base-url URL`.
 *
 * @since 0.1.0
 */
export const baseUrl = Options.text("base-url").pipe(
  Options.withPseudoName("url"),
  Options.withDescription("API base URL (overrides CLOUDFLARE_BASE_URL)"),
  Options.optional
)

/**
 * `--verbose`: log each HTTP attempt to stderr.
 *
 * @since 0.1.0
 */
export const verbose = Options.boolean("verbose").pipe(
  Options.withAlias("v"),
  Options.withDescription("Log each HTTP attempt and retry to stderr")
)
