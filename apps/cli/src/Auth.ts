/**
 * The credentials of this run, read once from the configuration (the environment)
 * with the client's own reading (`Credentials.fromConfig`): `Redacted` from the
 * moment they are read. The client is built with them and the output scrubber
 * removes them; the CLI reads no credential variable itself.
 *
 * @since 0.1.0
 */
import * as Credentials from "@cf-accounts/client/Credentials"
import type { ConfigurationError } from "@cf-accounts/core/CloudflareError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Layer from "effect/Layer"

/**
 * The credentials, or why there are none (missing, conflicting or unusable).
 * Reading never fails the run: `--help` and `--dry-run` work without them, and
 * commands that send something fail with the error when they build the client.
 *
 * @since 0.1.0
 */
export class Auth extends Context.Tag("@cf-accounts/cli/Auth")<
  Auth,
  { readonly credentials: Either.Either<Credentials.Credentials, ConfigurationError> }
>() {}

/**
 * Reads the credentials from `Config` once.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<Auth> = Layer.effect(
  Auth,
  Effect.map(Effect.either(Credentials.fromConfig), (result) => ({ credentials: result }))
)
