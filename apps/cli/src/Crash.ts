/**
 * A defect (a bug, not an API failure) is reported as one line on stderr with
 * secrets removed, instead of a dump that could contain them.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Report from "./Report.js"
import { Stdio } from "./Stdio.js"

/**
 * @since 0.1.0
 */
export const report = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Stdio> =>
  Effect.tapErrorCause(effect, (cause) =>
    Cause.isDie(cause)
      ? Effect.flatMap(Stdio, (stdio) =>
          stdio.err(
            `cf-accounts: unexpected error: ${Report.describe(Cause.squash(cause))}. This is a bug; please report it (run again with --verbose for details)\n`
          )
        )
      : Effect.void
  )
