/**
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Sort direction of `GET /accounts`.
 *
 * @since 0.1.0
 */
export const Direction = Schema.Literal("asc", "desc").annotations({
  identifier: "Direction",
  // `override`: see Account.AccountType
  message: () => ({ message: "must be 'asc' or 'desc'", override: true })
})

/** @since 0.1.0 */
export type Direction = typeof Direction.Type

/**
 * A page number: a whole number from 1.
 *
 * @since 0.1.0
 */
export const Page = Schema.Number.pipe(
  Schema.int({ message: () => "must be a whole number of at least 1" }),
  Schema.greaterThanOrEqualTo(1, { message: () => "must be a whole number of at least 1" }),
  Schema.annotations({ identifier: "Page" })
)

/**
 * Page size: a whole number from 5 to 50, as the spec allows.
 *
 * @since 0.1.0
 */
export const PerPage = Schema.Number.pipe(
  Schema.int({ message: () => "must be a whole number from 5 to 50" }),
  Schema.between(5, 50, { message: () => "must be a whole number from 5 to 50" }),
  Schema.annotations({ identifier: "PerPage" })
)

/**
 * Query of `GET /accounts`.
 *
 * @since 0.1.0
 */
export const ListAccountsParams = Schema.Struct({
  name: Schema.optional(
    Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))
  ),
  page: Schema.optional(Page),
  per_page: Schema.optional(PerPage),
  direction: Schema.optional(Direction)
}).annotations({ identifier: "ListAccountsParams" })

/** @since 0.1.0 */
export type ListAccountsParams = typeof ListAccountsParams.Type

/**
 * The same query as it travels in a URL: numbers as strings. Servers decode
 * with it, clients encode with it.
 *
 * @since 0.1.0
 */
export const ListAccountsUrlParams = Schema.Struct({
  name: Schema.optional(
    Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))
  ),
  page: Schema.optional(Schema.compose(Schema.NumberFromString, Page)),
  per_page: Schema.optional(Schema.compose(Schema.NumberFromString, PerPage)),
  direction: Schema.optional(Direction)
}).annotations({ identifier: "ListAccountsUrlParams" })
