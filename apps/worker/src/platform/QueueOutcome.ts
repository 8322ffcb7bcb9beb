/**
 * What to do with a queue message (a job item, a sync page range) once handled: acknowledge
 * it, or have the queue deliver it again after a delay.
 */
export type Outcome = { readonly _tag: "Ack" } | { readonly _tag: "Retry"; readonly delaySeconds: number }

export const ack: Outcome = { _tag: "Ack" }

export const retry = (delaySeconds: number): Outcome => ({ _tag: "Retry", delaySeconds })
