/**
 * The one terminal sanitiser: text a server (or anyone else) controls cannot
 * drive the terminal it is written to. `Stdio` applies {@link sanitize} to
 * everything it writes; table cells and error lines use {@link sanitizeLine}
 * to stay on one line; JSON output uses {@link json}, which keeps the data
 * exact and escapes what a terminal would act on.
 *
 * @internal
 */

/**
 * Escape sequences (ECMA-48), removed whole: CSI (`ESC [` or 8-bit `0x9B`, e.g. colours,
 * cursor moves, screen clears); control strings OSC, DCS, SOS, PM, APC (`ESC ]`, `ESC P`,
 * `ESC X`, `ESC ^`, `ESC _` or their 8-bit forms, e.g. window titles, hyperlinks, clipboard
 * writes) up to BEL or ST; and every other `ESC` sequence (`ESC c` resets the terminal).
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]",
    "(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)",
    "\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]"
  ].join("|"),
  "g"
)

/**
 * Bidirectional controls, which reorder what is shown (U+202E shows `exe.txt` for
 * `txt.exe`): LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM.
 */
const BIDI = "\\u202a-\\u202e\\u2066-\\u2069\\u200e\\u200f\\u061c"

/** Every C0 control but tab and line feed, DEL, every C1 control, and the bidi controls. */
const CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, "g")

/** What JSON text must not carry raw: C1 controls, DEL and the bidi controls (JSON.stringify escapes C0). */
const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f${BIDI}]`, "g")

/**
 * `text` safe for a terminal: escape sequences and controls removed; line
 * feeds and tabs kept.
 *
 * @internal
 */
export const sanitize = (text: string): string => text.replace(ESCAPE_SEQUENCE, "").replace(CONTROL, "")

/**
 * {@link sanitize}, then on one line: line feeds and tabs become spaces.
 *
 * @internal
 */
export const sanitizeLine = (text: string): string => sanitize(text).replace(/[\n\t]+/g, " ")

/**
 * `JSON.stringify(value, null, space)` with C1 controls, DEL and bidi controls
 * written as `\uXXXX` escapes (they can only occur inside strings), so the text
 * is terminal-safe and parses back to exactly the same value (`undefined` is `null`).
 *
 * @internal
 */
export const json = (value: unknown, space?: number): string =>
  (JSON.stringify(value, null, space) ?? "null").replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
