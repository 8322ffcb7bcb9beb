/**
 * Which core schema stands for each parameter, body and response of the ten
 * operations: read from core's `Operations` table, so the suite checks the very
 * schemas the client and the emulator use. Everything below them (properties,
 * array items, the document's `$ref`'d components) is paired with core by where
 * the operations reach it, so this file names no component of the document; a
 * spec node that has no core counterpart at the place it is reached fails the
 * conformance run.
 */
import * as AST from "effect/SchemaAST"
import * as Option from "effect/Option"
import type * as Schema from "effect/Schema"
import { Envelope, Operations } from "../src/index.js"
import { type Target, target } from "./walk.js"

export interface OperationMapping {
  /** Path parameters by name. */
  readonly path?: Readonly<Record<string, Target>>
  /** The struct whose fields are the query parameters (`in: query`). */
  readonly query?: { readonly params: Target; readonly url: Target }
  readonly body?: Target
  /** By status key as the spec writes it ("200", "4XX"); `null` = no body. */
  readonly responses: Readonly<Record<string, Target | null>>
}

/** A schema named by its identifier (as in messages), else by its AST. */
const named = (schema: Schema.Schema.AnyNoContext): Target =>
  target(Option.getOrElse(AST.getIdentifierAnnotation(schema.ast), () => String(schema.ast)), schema)

const failure = named(Envelope.FailureEnvelope)

const mapping = (operation: Operations.Any): OperationMapping => {
  const { path, query, body, input, result, success } = operation
  const envelope = operation.envelope === "paged" ? "PagedEnvelope" : "Envelope"
  return {
    ...(path === undefined
      ? {}
      : { path: Object.fromEntries(Object.entries(path).map(([name, schema]) => [name, named(schema)])) }),
    ...(query === undefined ? {} : { query: { params: named(query.params), url: named(query.url) } }),
    // What a caller gives is what the spec binds: the input schema where there is one. The
    // body schema of `update` (`UpdateAccount`) writes back the server's own values unchecked
    // (a name longer than the spec's maxLength, a type it does not list), by design.
    ...(body === undefined ? {} : { body: named(input ?? body) }),
    responses:
      success === undefined || result === undefined
        ? { "204": null, "4XX": failure }
        : { "200": target(`${envelope}(${named(result).name})`, success), "4XX": failure }
  }
}

/** The ten operations of core's table, keyed "METHOD route". */
export const operations: Readonly<Record<string, OperationMapping>> = Object.fromEntries(
  Operations.all.map((operation) => [operation.key, mapping(operation)])
)

/**
 * Where core is deliberately stricter than the document, with the reason, keyed by
 * where the walk finds it: `"METHOD route slot field.path"` (slot: a status, `body`,
 * `query <name>`, `path <name>`). Each entry must still match a problem the walk finds (so the
 * list cannot go stale).
 */
const result =
  "a success without its result gives the caller nothing to return; Cloudflare sends it, and a body without it is reported as ResponseDecodeError"

export interface Deliberate {
  /**
   * A problem kind, or the keyword of a value check (`"nullable"`: core rejects what the spec allows),
   * or `"whole-example"` (`at`: the example's title) for an example assembled from the spec that core refuses.
   */
  readonly kind: string
  readonly at: string
  readonly why: string
}

const stricter = (at: string, why: string): Deliberate => ({ kind: "stricter-than-spec", at, why })

export const deliberate: ReadonlyArray<Deliberate> = [
  stricter("GET /accounts 200 result", result),
  stricter("POST /accounts 200 result", result),
  stricter("GET /accounts/{account_id} 200 result", result),
  stricter("PUT /accounts/{account_id} 200 result", result),
  stricter("DELETE /accounts/{account_id} 200 result", result),
  { kind: "nullable", at: "DELETE /accounts/{account_id} 200 result", why: result },
  {
    kind: "whole-example",
    at: "PUT /accounts/{account_id} request body",
    why: "a caller's settings.abuse_contact_email is checked as an email address (Email); the spec types it as any string, so the assembled placeholder is refused before it is sent"
  },
  {
    kind: "whole-example",
    at: "PUT /accounts/{account_id}/profile request body",
    why: "business_email is checked as an email address (Email); the spec types it as any string, so the assembled placeholder is refused before it is sent"
  }
]
