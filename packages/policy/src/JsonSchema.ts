/**
 * The JSON Schema of the policy file, generated from its Effect Schema. The
 * package ships it as `schema/cf-accounts.schema.json`
 * (`@cf-accounts/policy/schema/cf-accounts.schema.json`), so editors complete
 * a file that names it:
 *
 * ```yaml
 * # yaml-language-server: $schema=./node_modules/@cf-accounts/policy/schema/cf-accounts.schema.json
 * ```
 *
 * @since 0.1.0
 */
import * as JSONSchema from "effect/JSONSchema"
import { PolicyFile } from "./PolicyFile.js"

/**
 * Where the package keeps the generated file.
 *
 * @since 0.1.0
 */
export const path = "schema/cf-accounts.schema.json"

/**
 * The JSON Schema (draft-07) of the file.
 *
 * @example
 * import { JsonSchema } from "@cf-accounts/policy"
 * JSON.stringify(JsonSchema.make(), null, 2)
 *
 * @since 0.1.0
 */
export const make = (): JSONSchema.JsonSchema7Root => JSONSchema.make(PolicyFile)

/**
 * The file's text, as written to {@link path}.
 *
 * @since 0.1.0
 */
export const text = (): string => `${JSON.stringify(make(), null, 2)}\n`
