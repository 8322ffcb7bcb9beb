/**
 * Failures as one line on stderr: which command failed, then the error's own
 * one-line message (what was sent, Cloudflare's codes and messages, the cf-ray
 * id), then what to do next (`Hints`).
 *
 * @since 0.1.0
 */
import type * as Credentials from "@cf-accounts/client/Credentials"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import { Auth } from "./Auth.js"
import * as Hints from "./Hints.js"
import { sanitizeLine } from "./internal/terminal.js"
import { Stdio } from "./Stdio.js"

/**
 * The one-line message of an error with its hint (`Hints`; for the credential
 * kind in use when given), terminal-safe (see `Stdio`): server text in it
 * cannot drive the terminal or break the line.
 *
 * @since 0.1.0
 */
export const describe = (error: unknown, credentials?: Credentials.Credentials["_tag"]): string => {
  const message =
    Hints.restate(error) ??
    (Predicate.hasProperty(error, "message") && typeof error.message === "string" && error.message !== ""
      ? error.message
      : Predicate.hasProperty(error, "_tag") && typeof error._tag === "string"
        ? error._tag
        : String(error))
  return sanitizeLine(Hints.append(message, error, credentials)).trim()
}

/**
 * Prints every failure of `effect` as `cf-accounts <command>: <message>` on stderr,
 * then lets it through (the exit code is chosen from it at the end). Usage errors
 * found by the parser are printed by @effect/cli itself.
 *
 * @since 0.1.0
 */
export const failures =
  (command: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | Stdio> =>
    Effect.tapError(effect, (error) =>
      ValidationError.isValidationError(error)
        ? Effect.void
        : Effect.gen(function* () {
            const stdio = yield* Stdio
            const auth = yield* Effect.serviceOption(Auth)
            const kind = Option.flatMap(auth, (a) => Option.map(Either.getRight(a.credentials), (c) => c._tag))
            yield* stdio.err(`cf-accounts ${command}: ${describe(error, Option.getOrUndefined(kind))}\n`)
          })
    )
