/**
 * Branded identifiers. They are validated wherever they enter the system (CLI arguments,
 * worker routes, client calls), so a malformed id never reaches a URL.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const HEX_32 = /^[0-9a-f]{32}$/

/**
 * A Cloudflare account id: exactly 32 hexadecimal characters. Upper case is
 * accepted and normalised to lower case.
 *
 * @example
 * import { Ids } from "@cf-accounts/core"
 * import * as Schema from "effect/Schema"
 * Schema.decodeUnknownSync(Ids.AccountId)("7C5DAE5552338874E5053F2534D2767A")
 * // => "7c5dae5552338874e5053f2534d2767a"
 *
 * @since 0.1.0
 */
export const AccountId = Schema.Lowercase.pipe(
  Schema.pattern(HEX_32, { message: () => "must be exactly 32 hexadecimal characters" }),
  Schema.brand("AccountId"),
  Schema.annotations({
    identifier: "AccountId",
    description: "A Cloudflare account id: 32 hexadecimal characters"
  })
)

/** @since 0.1.0 */
export type AccountId = typeof AccountId.Type

/**
 * An organization id. The spec gives no format (its example is 32 letters and digits),
 * so this accepts 1 to 64 letters, digits, `-` and `_`: enough to keep `/`, `..`,
 * spaces and other URL-breaking characters out.
 *
 * @since 0.1.0
 */
export const OrganizationId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/, {
    message: () => "must be 1 to 64 letters, digits, '-' or '_'"
  }),
  Schema.brand("OrganizationId"),
  Schema.annotations({ identifier: "OrganizationId" })
)

/** @since 0.1.0 */
export type OrganizationId = typeof OrganizationId.Type

/**
 * A unit id for account creation (`unit.id`). Same rule as an organization id.
 *
 * @since 0.1.0
 */
export const UnitId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/, {
    message: () => "must be 1 to 64 letters, digits, '-' or '_'"
  }),
  Schema.annotations({ identifier: "UnitId" })
)
