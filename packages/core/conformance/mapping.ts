/**
 * Which core schema stands for each parameter, body and response of the ten
 * operations. Everything below them (properties, array items, the document's
 * `$ref`'d components) is paired with core by where the operations reach it, so
 * this file names no component of the document; a spec node that has no core
 * counterpart at the place it is reached fails the conformance run.
 */
import * as Schema from "effect/Schema"
import { Account, AccountProfile, Envelope, Ids, ListAccountsParams, Move, Organization } from "../src/index.js"
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

const accountId = { account_id: target("Ids.AccountId", Ids.AccountId) }
const failure = target("Envelope.FailureEnvelope", Envelope.FailureEnvelope)

/** The ten operations, keyed "METHOD route". */
export const operations: Readonly<Record<string, OperationMapping>> = {
  "GET /accounts": {
    query: {
      params: target("ListAccountsParams.ListAccountsParams", ListAccountsParams.ListAccountsParams),
      url: target("ListAccountsParams.ListAccountsUrlParams", ListAccountsParams.ListAccountsUrlParams)
    },
    responses: { "200": target("PagedEnvelope(Account)", Envelope.PagedEnvelope(Account.Account)), "4XX": failure }
  },
  "POST /accounts": {
    body: target("Account.CreateAccount", Account.CreateAccount),
    responses: { "200": target("Envelope(Account)", Envelope.Envelope(Account.Account)), "4XX": failure }
  },
  "GET /accounts/{account_id}": {
    path: accountId,
    responses: { "200": target("Envelope(Account)", Envelope.Envelope(Account.Account)), "4XX": failure }
  },
  "PUT /accounts/{account_id}": {
    path: accountId,
    body: target("Account.UpdateAccount", Account.UpdateAccount),
    responses: { "200": target("Envelope(Account)", Envelope.Envelope(Account.Account)), "4XX": failure }
  },
  "DELETE /accounts/{account_id}": {
    path: accountId,
    responses: {
      "200": target("Envelope(DeleteAccountResult)", Envelope.Envelope(Account.DeleteAccountResult)),
      "4XX": failure
    }
  },
  "POST /accounts/{account_id}/move": {
    path: accountId,
    body: target("Move.MoveAccount", Move.MoveAccount),
    responses: { "200": target("Envelope(MoveAccountResult)", Envelope.Envelope(Move.MoveAccountResult)), "4XX": failure }
  },
  "POST /accounts/move": {
    body: target("Move.BatchMoveAccounts", Move.BatchMoveAccounts),
    responses: { "200": target("Envelope(BatchMoveResult)", Envelope.Envelope(Move.BatchMoveResult)), "4XX": failure }
  },
  "GET /accounts/{account_id}/organizations": {
    path: accountId,
    responses: {
      "200": target("Envelope(Array(Organization))", Envelope.Envelope(Schema.Array(Organization.Organization))),
      "4XX": failure
    }
  },
  "GET /accounts/{account_id}/profile": {
    path: accountId,
    responses: { "200": target("Envelope(AccountProfile)", Envelope.Envelope(AccountProfile.AccountProfile)), "4XX": failure }
  },
  "PUT /accounts/{account_id}/profile": {
    path: accountId,
    body: target("AccountProfile.AccountProfileInput", AccountProfile.AccountProfileInput),
    responses: { "204": null, "4XX": failure }
  }
}

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
    at: "PUT /accounts/{account_id}/profile request body",
    why: "business_email is checked as an email address (Email); the spec types it as any string, so the assembled placeholder is refused before it is sent"
  }
]
