/**
 * Removing credential values from text before it is shown: the client uses it
 * on everything that goes into an error, the CLI on everything it writes.
 *
 * @since 0.1.0
 */
import * as internal from "./internal/redaction.js"

/**
 * What a removed value is replaced with.
 *
 * @since 0.1.0
 */
export const REDACTED = internal.REDACTED

/**
 * @since 0.1.0
 */
export type RedactorOptions = internal.RedactorOptions

/**
 * A function that replaces, in any text, every given secret with
 * `[REDACTED]`, in the forms a server may echo it in:
 *
 * - as is, in any letter case;
 * - percent-encoded, by `encodeURIComponent` or `encodeURI` or in full
 *   (letters and digits too), once or more (`a/b` as `a%2Fb`, `a%2fb`,
 *   `a%252Fb`, `%61%2F%62`);
 * - as HTML entities, every character, letters and digits too (`&#x2F;`,
 *   `&#X002f`, `&#47;`, `&#99;` and `&#x63;` for `c`, `&sol;`, `&amp;`);
 *   numeric ones with or without leading zeros and `;`, named ones with their
 *   `;`, except those HTML also reads without it (`&amp`, `&quot`, `&lt`,
 *   `&gt`, their upper-case forms, `&shy`);
 * - JSON-escaped, every character (`\"`, `\\`, `\/`, `\u002F`, `\u0063` for `c`);
 * - base64 and base64url, also inside longer base64 text at any byte offset
 *   (as in base64 of `email:key`): the characters that depend only on the
 *   secret are replaced, in their exact case;
 *
 * also with invisible characters (any default-ignorable code point: zero-width
 * space, joiners, soft hyphen, bidirectional marks and isolates, variation
 * selectors, ...) between its characters, as is or encoded (percent-encoded
 * UTF-8, `\u200e`, `&#x200E;`, `&#8206;`, `&lrm;`, `&shy`): they are taken out of the
 * text before matching, and kept where they are not inside a secret;
 *
 * and the value of any `Bearer …` token, known or not (one of at least 16 token
 * characters, or any after `Authorization:`). A form an HTML parser would read
 * otherwise (`&#99` just before a digit) may still be matched: more is removed,
 * never less. Longer secrets are matched first, so one that contains another
 * is replaced whole. `undefined`,
 * empty and (see {@link RedactorOptions.minLength}) too-short secrets are
 * ignored; secrets are trimmed first. The pattern is built once per redactor.
 *
 * @example
 * ```ts
 * import { makeRedactor } from "@cf-accounts/client/Redaction"
 *
 * const redact = makeRedactor([process.env.CLOUDFLARE_API_TOKEN])
 * console.error(redact(message))
 * ```
 *
 * @since 0.1.0
 */
export const makeRedactor = internal.makeRedactor
