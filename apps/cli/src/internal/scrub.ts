/**
 * Removes secret values from text before it leaves the process, with the
 * client's rule (`@cf-accounts/client/Redaction`): as is, percent-encoded (in
 * part or in full), JSON-escaped, as HTML entities or base64, in any letter
 * case, with invisible characters between its characters, and any `Bearer` token.
 */
import { makeRedactor } from "@cf-accounts/client/Redaction"

/**
 * Secrets shorter than this are not scrubbed: the CLI scrubs everything it
 * writes, including account names and ids, and a very short value (now matched
 * in any letter case) is too likely to match ordinary text.
 */
const MIN_SECRET_LENGTH = 6

/** @internal */
export const makeScrubber = (secrets: ReadonlyArray<string | undefined>): ((text: string) => string) =>
  makeRedactor(secrets, { minLength: MIN_SECRET_LENGTH })
