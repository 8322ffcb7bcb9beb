/**
 * Reading a policy file from text: YAML, or JSON (which is YAML).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as Internal from "./internal/load.js"
import type { PolicyFile } from "./PolicyFile.js"
import type { PolicyFileError } from "./PolicyFileError.js"

/**
 * @since 0.1.0
 */
export interface ParseOptions {
  /** How problems name the file (a path, `<stdin>`). Default `policy file`. */
  readonly source?: string | undefined
}

/**
 * Parses and checks a policy file. A file that is not YAML, or not a policy
 * file, fails with a {@link PolicyFileError} listing every problem with its
 * `line:column`, its path and the rule it breaks. It reads nothing else (no
 * file system, no environment).
 *
 * @example
 * import { Load } from "@cf-accounts/policy"
 * const file = yield* Load.parse("policy:\n  enforce_twofactor: true\n", { source: "accounts.yaml" })
 *
 * @since 0.1.0
 */
export const parse = (text: string, options: ParseOptions = {}): Effect.Effect<PolicyFile, PolicyFileError> =>
  Effect.suspend(() => parseEither(text, options))

/**
 * {@link parse} for code outside Effect.
 *
 * @example
 * import { Load } from "@cf-accounts/policy"
 * import * as Either from "effect/Either"
 * const result = Load.parseEither("policy: { nmae: {} }")
 * if (Either.isLeft(result)) console.error(result.left.message) // policy file:1:11: policy.nmae: is not a known key
 *
 * @since 0.1.0
 */
export const parseEither = (text: string, options: ParseOptions = {}): Either.Either<PolicyFile, PolicyFileError> =>
  Internal.parse(text, options.source ?? "policy file")
