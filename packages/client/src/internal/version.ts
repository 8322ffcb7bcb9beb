/**
 * The engine of `Version` (the public module holds its documentation).
 *
 * @internal
 */

/** @internal */
export const version = "0.0.0"

/** @internal */
export const userAgent = `cf-accounts/${version}`
