/**
 * The flags and arguments of the command table ({@link CommandTable}), each
 * declared once: what help and completions show (name, value, the words it may
 * be, from core's schemas where there are any) with the @effect/cli parser that
 * checks it with those schemas. A bad value stops the program (exit 2) before
 * any request, with a message naming the argument, the rule and the value.
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
import type * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { Arg, Flag } from "./CommandTable.js"

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

/**
 * A whole number checked with `schema`, whose rule is a whole number from `min`
 * to `max`. A number beyond what a double holds exactly (2^53-1) would be read
 * as a different one (9007199254740993 as ...992), so it is refused with the
 * rule and the text as given, not checked as the number it would become.
 */
const integer =
  <A, I>(label: string, schema: Schema.Schema<A, I, never>, [min, max]: readonly [number, number]) =>
  (raw: string): Effect.Effect<A, ValidationError.ValidationError> => {
    const text = raw.trim()
    if (!WHOLE.test(text)) return Effect.fail(invalid(`Invalid ${label}: must be a whole number (got ${JSON.stringify(raw)})`))
    const value = Number(text)
    return Number.isSafeInteger(value)
      ? check(label, schema)(value)
      : Effect.fail(invalid(`Invalid ${label}: must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`))
  }

const among = <const C extends ReadonlyArray<string>>(label: string, choices: C) => {
  const allowed: ReadonlyArray<string> = choices
  return (raw: string): Effect.Effect<C[number], HelpDoc.HelpDoc> =>
    allowed.includes(raw)
      ? Effect.succeed(raw as C[number]) // safe: membership checked on the line above
      : Effect.fail(HelpDoc.p(`Invalid ${label}: must be one of ${choices.join(", ")} (got ${JSON.stringify(raw)})`))
}

const choice =
  <const C extends ReadonlyArray<string>>(label: string, choices: C) =>
  (raw: string): Effect.Effect<C[number], ValidationError.ValidationError> =>
    Effect.mapError(among(label, choices)(raw), ValidationError.invalidValue)

/**
 * `flag` made optional: its value is an `Option`.
 *
 * @since 0.1.0
 */
export const optional = <A>(flag: Flag<A>): Flag<Option.Option<A>> => ({
  ...flag,
  required: false,
  options: Options.optional(flag.options)
})

/**
 * `flag` with a default value.
 *
 * @since 0.1.0
 */
export const withDefault = <A>(flag: Flag<A>, value: A): Flag<A> => ({
  ...flag,
  required: false,
  options: Options.withDefault(flag.options, value)
})

/**
 * A switch: `--name` (and `-alias`), false when not given.
 *
 * @since 0.1.0
 */
export const boolean = (name: string, description: string, alias?: string): Flag<boolean> => {
  const options = Options.boolean(name).pipe(Options.withDescription(description))
  return {
    name,
    aliases: alias === undefined ? [] : [alias],
    value: undefined,
    choices: [],
    description,
    required: false,
    options: alias === undefined ? options : Options.withAlias(options, alias)
  }
}

/**
 * A `--name VALUE` flag whose value is checked with `parse` while the command
 * line is parsed. `value` names it in help (`int`, `text`, or the `a|b` choices).
 *
 * @since 0.1.0
 */
export const validated = <A>(
  name: string,
  value: string,
  description: string,
  parse: (raw: string) => Effect.Effect<A, ValidationError.ValidationError>,
  choices: ReadonlyArray<string> = []
): Flag<A> => ({
  name,
  aliases: [],
  value,
  choices,
  description,
  required: true,
  options: Options.text(name).pipe(Options.withPseudoName(value), Options.withDescription(description), Options.mapEffect(parse))
})

/**
 * A flag whose value is one of `choices` (from core's schemas where they have them).
 *
 * @since 0.1.0
 */
export const oneOf = <const C extends ReadonlyArray<string>>(name: string, choices: C, description: string): Flag<C[number]> =>
  validated(name, choices.join("|"), description, choice(`--${name}`, choices), choices)

/**
 * A free-text flag checked with `schema`.
 *
 * @since 0.1.0
 */
export const text = <A, I extends string>(name: string, value: string, description: string, schema: Schema.Schema<A, I, never>) =>
  validated(name, value, description, check(`--${name}`, schema))

/**
 * An argument checked with `schema`, named `name` in help and errors.
 *
 * @since 0.1.0
 */
const argument = <A, I>(name: string, description: string, schema: Schema.Schema<A, I, never>): Arg<A> => ({
  name,
  variadic: false,
  choices: [],
  description,
  args: Args.text({ name }).pipe(Args.withDescription(description), Args.mapEffect(checkArg(name, schema)))
})

/**
 * `ACCOUNT_ID`: 32 hexadecimal characters.
 *
 * @since 0.1.0
 */
export const accountIdArg = argument("ACCOUNT_ID", "The account id: 32 hexadecimal characters.", AccountId)

/**
 * One or more `ACCOUNT_ID`s.
 *
 * @since 0.1.0
 */
export const accountIdsArg: Arg<ReadonlyArray<AccountId>> = {
  name: "ACCOUNT_ID",
  variadic: true,
  choices: [],
  description: "Account ids (32 hexadecimal characters each).",
  args: Args.text({ name: "ACCOUNT_ID" }).pipe(
    Args.withDescription("Account ids (32 hexadecimal characters each)."),
    Args.mapEffect(checkArg("ACCOUNT_ID", AccountId)),
    Args.atLeast(1)
  )
}

/**
 * `SHELL`: bash, zsh or fish.
 *
 * @since 0.1.0
 */
export const shells = ["bash", "zsh", "fish"] as const

/**
 * `SHELL`: the shell a completion script is for.
 *
 * @since 0.1.0
 */
export const shellArg: Arg<(typeof shells)[number]> = {
  name: "SHELL",
  variadic: false,
  choices: shells,
  description: "bash, zsh or fish.",
  args: Args.text({ name: "SHELL" }).pipe(Args.withDescription("bash, zsh or fish."), Args.mapEffect(among("SHELL", shells)))
}

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
export const accountType = optional(
  validated("type", AccountType.literals.join("|"), "The account type (default standard)", check("--type", AccountType), AccountType.literals)
)

/**
 * `--unit-id ID`.
 *
 * @since 0.1.0
 */
export const unitId = optional(text("unit-id", "id", "Create the account in this unit (tenant)", UnitId))

/**
 * `--direction asc|desc`.
 *
 * @since 0.1.0
 */
export const direction = optional(
  validated("direction", Direction.literals.join("|"), "Sort direction (default: the API's order)", check("--direction", Direction), Direction.literals)
)

/**
 * `--page N` (from 1).
 *
 * @since 0.1.0
 */
export const page = optional(validated("page", "int", "Page number, from 1 (default 1)", integer("--page", Page, [1, Number.MAX_SAFE_INTEGER])))

/**
 * `--per-page N` (5 to 50).
 *
 * @since 0.1.0
 */
export const perPage = optional(validated("per-page", "int", "Accounts per page, 5 to 50 (default 20)", integer("--per-page", PerPage, [5, 50])))

const Concurrency = Schema.Int.pipe(Schema.between(1, 16, { message: () => "must be a whole number from 1 to 16" }))

/**
 * `--concurrency N` (1 to 16) for one-by-one moves.
 *
 * @since 0.1.0
 */
export const concurrency = withDefault(
  validated("concurrency", "int", "Moves at once with --one-by-one, 1 to 16 (default 4)", integer("--concurrency", Concurrency, [1, 16])),
  4
)

const twofactor = oneOf("enforce-twofactor", ["true", "false"], "Require 2FA for members")

/**
 * `--enforce-twofactor true|false`.
 *
 * @since 0.1.0
 */
export const enforceTwofactor = optional({ ...twofactor, options: Options.map(twofactor.options, (value) => value === "true") })

/**
 * `--yes`: confirm a destructive operation without asking.
 *
 * @since 0.1.0
 */
export const yes = boolean("yes", "Do not ask for confirmation.", "y")

/**
 * `--dry-run`: print the request instead of sending it.
 *
 * @since 0.1.0
 */
export const dryRun = boolean("dry-run", "Print the request instead of sending it")

const format = oneOf("output", ["table", "json", "ndjson"], "Format (default: table on a tty, else json)")

/**
 * `--output table|json|ndjson`.
 *
 * @since 0.1.0
 */
export const output = optional({ ...format, aliases: ["o"], options: Options.withAlias(format.options, "o") })

/**
 * `--base-url URL`.
 *
 * @since 0.1.0
 */
export const baseUrl = optional(validated("base-url", "url", "API base URL (overrides CLOUDFLARE_BASE_URL)", Effect.succeed))

/**
 * `--verbose`: log each HTTP attempt to stderr.
 *
 * @since 0.1.0
 */
export const verbose = boolean("verbose", "Log each HTTP attempt and retry to stderr", "v")

/**
 * The policy file `audit`, `plan` and `apply` read when `-f` is not given.
 *
 * @since 0.1.0
 */
export const defaultPolicyFile = "./cf-accounts.yaml"

/**
 * A `--name PATH` flag: its value is a file path, which completions complete.
 *
 * @since 0.1.0
 */
export const path = (name: string, description: string): Flag<string> => ({
  ...validated(name, "path", description, Effect.succeed),
  valueKind: "path"
})

const fileFlag = path("file", `Policy file, YAML or JSON (default ${defaultPolicyFile})`)

/**
 * `-f, --file PATH`: the policy file (see packages/policy's README for its format).
 *
 * @since 0.1.0
 */
export const policyFile = optional({ ...fileFlag, aliases: ["f"], options: Options.withAlias(fileFlag.options, "f") })

/**
 * `--out PATH`: where `plan` saves the plan, for `apply --plan`.
 *
 * @since 0.1.0
 */
export const planOut = optional(path("out", "Save the plan to this file, for apply --plan"))

/**
 * `--plan PATH`: a plan saved by `plan --out`, to apply instead of planning anew.
 *
 * @since 0.1.0
 */
export const savedPlan = optional(path("plan", "Apply this saved plan (from plan --out) instead of -f"))

/**
 * `--declared-only`: the declared accounts' changes only, without the policy's automatic fixes.
 *
 * @since 0.1.0
 */
export const declaredOnly = boolean("declared-only", "Only the declared accounts' changes, no policy fixes")
