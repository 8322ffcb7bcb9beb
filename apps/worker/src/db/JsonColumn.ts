/**
 * A nullable TEXT column holding JSON the worker wrote itself (`JSON.stringify` of a value
 * whose shape the column's readers know): `null` stays `null`.
 */
export const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown))
