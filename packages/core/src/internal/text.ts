/**
 * Rules over free text that more than one input schema applies.
 *
 * @internal
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is precisely "no control characters"
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, with tab and line feed allowed
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

/**
 * Refuses C0 and C1 control characters (ESC, NUL, CR, ...): a name or a profile
 * field is printed in terminals and dashboards, where they rewrite the screen.
 * `lines` allows tab and line feed, for fields written over several lines (an
 * address, free-form metadata). For `Schema.filter`: `true`, or the rule broken.
 *
 * @internal
 */
export const noControlCharacters =
  (options?: { readonly lines?: boolean }) =>
  (s: string): true | string =>
    options?.lines
      ? !CONTROL_BUT_LINES.test(s) || "must not contain control characters (tab and line feed are allowed)"
      : !CONTROL.test(s) || "must not contain control characters"
