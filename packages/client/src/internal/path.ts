/**
 * Building request paths: every value put into a path segment is
 * percent-encoded, whatever was checked before. Encoding cannot stop a `..`
 * segment (URL parsers treat `%2e%2e` as `..` too): ids are validated first
 * (`Ids.AccountId`, 32 hexadecimal characters), which rules it out.
 *
 * @internal
 */

/** @internal */
export const segment = (value: string): string => encodeURIComponent(value)

/** `/accounts/{account_id}` plus `suffix`, the id percent-encoded. @internal */
export const accountPath = (accountId: string, suffix = ""): string => `/accounts/${segment(accountId)}${suffix}`
