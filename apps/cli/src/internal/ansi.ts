/**
 * Terminal colour and style sequences.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g

/** `text` without terminal colours and styles. @internal */
export const stripAnsi = (text: string): string => text.replace(ANSI, "")
