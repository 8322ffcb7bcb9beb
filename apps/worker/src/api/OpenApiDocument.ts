/**
 * What the generated OpenAPI document needs beyond the definition:
 * - the two ways in, for every operation outside the open group (optional for a few): the
 *   admin token and a Cloudflare Access assertion (`Authentication.ts` checks them itself, so
 *   they are not `HttpApiSecurity` middleware the generator could read);
 * - the headers some answers carry (`WWW-Authenticate`, `Allow`, `Retry-After`, a job's
 *   `Location`), and no 403 on reads (the Origin check is on writes) or 400/503 on open routes;
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

/** Which operations need credentials: none in the open group, optional for `optional` ones, else either way in. */
export interface Access {
  readonly openGroup: string
  readonly optional: ReadonlyArray<string>
}

const header = (description: string) => ({ description, schema: { type: "string" } })

/** The headers answers carry beside their bodies, by status (and for one operation, its success). */
const headersByStatus: Readonly<Record<string, Json>> = {
  "401": { "WWW-Authenticate": header("`Bearer`") },
  "405": { Allow: header("The methods the route answers") },
  "503": { "Retry-After": header("Seconds to wait, when known") }
}
const CREATED_AT = { Location: header("The job's URL") }

/** `spec` completed as the module's comment says. */
export const complete =
  (access: Access) =>
  (spec: Json): Json => {
    for (const operations of Object.values<Json>(spec.paths ?? {})) {
      for (const [method, operation] of Object.entries<Json>(operations)) {
        const open = (operation.tags ?? []).includes(access.openGroup)
        const responses: Json = operation.responses ?? {}
        if (open) {
          // Nothing of an open route is read from the request, and it calls nothing that can be down.
          delete responses["400"]
          delete responses["503"]
        } else {
          operation.security = [
            { adminToken: [] },
            { cloudflareAccess: [] },
            ...(access.optional.includes(operation.operationId) ? [{}] : [])
          ]
        }
        // The Origin check refuses writes only.
        if (method === "get" || method === "head") delete responses["403"]
        for (const [status, response] of Object.entries<Json>(responses)) {
          const content = response.content?.["application/json"]
          if (content?.schema !== undefined) content.schema = withoutDecodeError(content.schema)
          const headers = headersByStatus[status]
          if (headers !== undefined) response.headers = { ...response.headers, ...headers }
        }
        if (operation.operationId === "jobs.create") {
          for (const status of ["200", "202"]) {
            if (responses[status] !== undefined) responses[status].headers = { ...responses[status].headers, ...CREATED_AT }
          }
        }
        const invalid = responses["400"]
        if (invalid !== undefined) invalid.description = INVALID_INPUT
      }
    }
    const { HttpApiDecodeError: _, Issue: __, PropertyKey: ___, ...schemas } = spec.components?.schemas ?? {}
    return { ...spec, components: { ...spec.components, schemas, securitySchemes } }
  }
