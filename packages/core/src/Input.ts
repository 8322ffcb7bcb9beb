/**
 * The one place where input is checked against a schema and a failure becomes an
 * {@link InvalidInputError} naming the field, the rule and the value.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { InvalidInputError } from "./CloudflareError.js"

const valueAt = (input: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let current: unknown = input
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/**
 * Turns a parse failure of `input` into an {@link InvalidInputError}. `field` names
 * the input as a whole (`"account_id"`, `"body"`); the path inside it is appended.
 *
 * @since 0.1.0
 */
export const toInvalidInputError = (
  error: ParseResult.ParseError,
  input: unknown,
  field: string | undefined
): InvalidInputError => {
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const path = first?.path ?? []
  const names = [...(field === undefined ? [] : [field]), ...path.map(String)]
  return new InvalidInputError({
    field: names.length === 0 ? "input" : names.join("."),
    rule: first?.message ?? "is not valid",
    value: valueAt(input, path)
  })
}

/**
 * Decodes `input` with `schema`, failing with an {@link InvalidInputError}.
 *
 * @example
 * import { Ids, Input } from "@cf-accounts/core"
 * const id = Input.decode(Ids.AccountId, "account_id")("not-an-id")
 * // fails with InvalidInputError { field: "account_id", rule: "must be exactly 32 hexadecimal characters" }
 *
 * @since 0.1.0
 */
export const decode =
  <A, I>(schema: Schema.Schema<A, I, never>, field?: string) =>
  (input: unknown): Effect.Effect<A, InvalidInputError> =>
    Schema.decodeUnknown(schema, { errors: "first" })(input).pipe(
      Effect.mapError((error) => toInvalidInputError(error, input, field))
    )

/**
 * The same check as {@link decode}, as an `Either`, for code outside Effect.
 *
 * @since 0.1.0
 */
export const decodeEither =
  <A, I>(schema: Schema.Schema<A, I, never>, field?: string) =>
  (input: unknown): Either.Either<A, InvalidInputError> =>
    Schema.decodeUnknownEither(schema, { errors: "first" })(input).pipe(
      Either.mapLeft((error) => toInvalidInputError(error, input, field))
    )
