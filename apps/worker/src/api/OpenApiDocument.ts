/**
 * What the generated OpenAPI document needs beyond the definition:
 * - the two ways in, for every operation outside the open group: the admin token and a
 *   Cloudflare Access assertion (`Authentication.ts` checks them itself, so they are not
 *   `HttpApiSecurity` middleware the generator could read);
 * - no mention of the router's own `HttpApiDecodeError`: the edge (`WebHandler.ts`) answers
 *   every such failure as `InvalidInput`, so a caller never sees it.
 */
import { INVALID_INPUT } from "./Errors.js"

// biome-ignore lint/suspicious/noExplicitAny: the generator's own type for the document (`OpenApi.Transform`).
type Json = Record<string, any>

const securitySchemes = {
  adminToken: { type: "http", scheme: "bearer", description: "`Authorization: Bearer <ADMIN_TOKEN>`" },
  cloudflareAccess: {
    type: "apiKey",
    in: "header",
    name: "Cf-Access-Jwt-Assertion",
    description: "The JWT Cloudflare Access adds to a request it lets through; writes must also carry this origin's `Origin`"
  }
}

const DECODE_ERROR = "#/components/schemas/HttpApiDecodeError"

/** A response schema without the decode error among its alternatives. */
const withoutDecodeError = (schema: Json): Json => {
  if (!Array.isArray(schema.anyOf)) return schema
  const rest = schema.anyOf.filter((member: Json) => member.$ref !== DECODE_ERROR)
  return rest.length === 1 ? rest[0] : { ...schema, anyOf: rest }
}

/** `spec` completed as the module's comment says; `openGroup` names the group that needs no credentials. */
export const complete =
  (openGroup: string) =>
  (spec: Json): Json => {
    for (const operations of Object.values<Json>(spec.paths ?? {})) {
      for (const operation of Object.values<Json>(operations)) {
        if (!(operation.tags ?? []).includes(openGroup)) {
          operation.security = [{ adminToken: [] }, { cloudflareAccess: [] }]
        }
        for (const response of Object.values<Json>(operation.responses ?? {})) {
          const content = response.content?.["application/json"]
          if (content?.schema !== undefined) content.schema = withoutDecodeError(content.schema)
        }
        const invalid = operation.responses?.["400"]
        if (invalid !== undefined) invalid.description = INVALID_INPUT
      }
    }
    const { HttpApiDecodeError: _, Issue: __, PropertyKey: ___, ...schemas } = spec.components?.schemas ?? {}
    return { ...spec, components: { ...spec.components, schemas, securitySchemes } }
  }
