/**
 * Building request paths from route templates: every value put into a path
 * segment is percent-encoded, whatever was checked before. Encoding cannot stop
 * a `..` segment (URL parsers treat `%2e%2e` as `..` too): ids are validated
 * first (`Ids.AccountId`, 32 hexadecimal characters), which rules it out.
 *
 * @internal
 */

/** @internal */
export const segment = (value: string): string => encodeURIComponent(value)

/**
 * `route` (e.g. `/accounts/{account_id}/move`) with `{account_id}` replaced by
 * the percent-encoded id, so the path always follows its logged route template.
 *
 * @internal
 */
export const fillAccountId = (route: string, accountId: string): string =>
  route.replace("{account_id}", () => segment(accountId))
