/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { noControlCharacters } from "./internal/text.js"

/**
 * An account name as accepted on input: 1 to 100 characters (the spec's `maxLength`),
 * not blank, no control characters.
 *
 * @since 0.1.0
 */
export const AccountName = Schema.String.pipe(
  Schema.minLength(1, { message: () => "must not be empty" }),
  Schema.maxLength(100, { message: () => "must be at most 100 characters" }),
  Schema.filter((s) => s.trim().length > 0 || "must not be blank"),
  Schema.filter(noControlCharacters()),
  Schema.annotations({ identifier: "AccountName" })
)

/** @since 0.1.0 */
export type AccountName = typeof AccountName.Type
