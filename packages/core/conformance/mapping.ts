/**
 * Which core schema stands for which part of the OpenAPI document. Component names
 * are the document's; a component the ten operations use but that is missing here
 * fails the conformance run, so new spec objects get noticed.
 */
import * as Schema from "effect/Schema"
import { Account, AccountProfile, Envelope, Ids, ListAccountsParams, Move, Organization, ResponseInfo, ResultInfo } from "../src/index.js"
import { type Mapping, type Target, target } from "./walk.js"

const accountForDirection = {
  // PUT /accounts/{account_id} sends the whole account (minus read-only fields).
  request: target("Account.UpdateAccount", Account.UpdateAccount),
  response: target("Account.Account", Account.Account)
}

export const components: Readonly<Record<string, Mapping>> = {
  iam_account: accountForDirection,
  "iam_components-schemas-account": accountForDirection,
  "iam_account-type": target("Account.AccountType", Account.AccountType),
  iam_account_identifier: target("Ids.AccountId", Ids.AccountId),
  "iam_common_components-schemas-identifier": target("Ids.AccountId", Ids.AccountId),
  "iam_create-account": target("Account.CreateAccount", Account.CreateAccount),
  "iam_messages-2": target("Array(ResponseInfo)", Schema.Array(ResponseInfo.ResponseInfo)),
  iam_result_info: target("ResultInfo.ResultInfo", ResultInfo.ResultInfo),
  iam_response_single_account: target("Envelope(Account)", Envelope.Envelope(Account.Account)),
  iam_response_collection_accounts: target("PagedEnvelope(Account)", Envelope.PagedEnvelope(Account.Account)),
  "iam_api-response-single-id": target(
    "Envelope(DeleteAccountResult)",
    Envelope.Envelope(Account.DeleteAccountResult)
  ),
  "iam_api-response-common-failure": target("Envelope.FailureEnvelope", Envelope.FailureEnvelope),
  "organizations-api_V4ErrorResponse": target("Envelope.FailureEnvelope", Envelope.FailureEnvelope),
  "organizations-api_V4Message": target("ResponseInfo.ResponseInfo", ResponseInfo.ResponseInfo),
  response_info: target("ResponseInfo.ResponseInfo", ResponseInfo.ResponseInfo),
  "organizations-api_OrganizationID": target("Ids.OrganizationId", Ids.OrganizationId),
  "organizations-api_Organization": target("Organization.Organization", Organization.Organization),
  "organizations-api_OrganizationFlags": target("Organization.OrganizationFlags", Organization.OrganizationFlags),
  "organizations-api_Profile": {
    request: target("AccountProfile.AccountProfileInput", AccountProfile.AccountProfileInput),
    response: target("AccountProfile.AccountProfile", AccountProfile.AccountProfile)
  },
  "organizations-api_MoveAccountResponse": target("Move.MoveAccountResult", Move.MoveAccountResult),
  "organizations-api_BatchAccountMoveResponse": target("Move.BatchMoveResult", Move.BatchMoveResult)
}

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
 * Where core is deliberately stricter than the document, with the reason. Each
 * entry must still match a problem the walk finds (so the list cannot go stale).
 */
const RESULT_INFO = "#/components/schemas/iam_result_info/properties"
const pagination =
  "pagination stops by count and total_count, so a list without them is treated as a broken response, not as one page"
const result =
  "a success without its result gives the caller nothing to return; Cloudflare sends it, and a body without it is reported as ResponseDecodeError"

export const deliberate: ReadonlyArray<{ readonly kind: string; readonly pointer: string; readonly why: string }> = [
  { kind: "stricter-than-spec", pointer: "#/components/schemas/iam_response_collection_accounts/properties/result_info", why: pagination },
  { kind: "stricter-than-spec", pointer: `${RESULT_INFO}/count`, why: pagination },
  { kind: "stricter-than-spec", pointer: `${RESULT_INFO}/page`, why: pagination },
  { kind: "stricter-than-spec", pointer: `${RESULT_INFO}/per_page`, why: pagination },
  { kind: "stricter-than-spec", pointer: `${RESULT_INFO}/total_count`, why: pagination },
  { kind: "stricter-than-spec", pointer: "#/components/schemas/iam_response_collection_accounts/properties/result", why: result },
  { kind: "stricter-than-spec", pointer: "#/components/schemas/iam_response_single_account/properties/result", why: result },
  { kind: "stricter-than-spec", pointer: "#/components/schemas/iam_api-response-single-id/properties/result", why: result },
  // A value check (keyword "nullable"): core rejects what the spec allows.
  { kind: "nullable", pointer: "#/components/schemas/iam_api-response-single-id/properties/result", why: result }
]
