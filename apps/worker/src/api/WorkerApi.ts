/**
 * The worker's HTTP API, defined once: every route's method, path, parameters, body, answers
 * and errors, and which routes need authentication. The handlers (`handlers/`), the OpenAPI
 * document (`openapi`, and through it the dashboard's types) and the tests' client
 * (`HttpApiClient`) are all built from this definition. Every path lives here, under {@link PREFIX}.
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import * as Schema from "effect/Schema"
import * as JobRequest from "../jobs/JobRequest.js"
import { Authentication } from "./Authentication.js"
import * as Errors from "./Errors.js"
import * as OpenApiDocument from "./OpenApiDocument.js"
import * as Query from "./Query.js"
import * as Responses from "./Responses.js"

/** The API's version prefix: every route is under it, and everything else is the dashboard's files. */
export const PREFIX = "/v1"

/** Open to anyone: the worker is up, and the document of this API. */
export class Meta extends HttpApiGroup.make("meta")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Responses.Health))
  .add(
    HttpApiEndpoint.get("openapi", "/openapi.json")
      .addSuccess(Schema.Unknown)
      .annotate(OpenApi.Description, "This document (OpenAPI 3.1)")
  ) {}

export class Accounts extends HttpApiGroup.make("accounts")
  .add(
    HttpApiEndpoint.get("list", "/accounts")
      .setUrlParams(Query.AccountsQuery)
      .addSuccess(Responses.AccountsPage)
      .annotate(OpenApi.Description, "The snapshot's accounts, filtered and sorted, a page at a time")
  )
  .add(
    HttpApiEndpoint.get("get", "/accounts/:account_id")
      .setPath(Query.AccountPath)
      .addSuccess(Responses.AccountDetail)
      .addError(Errors.NotFound)
  )
  .add(
    HttpApiEndpoint.get("jobs", "/accounts/:account_id/jobs")
      .setPath(Query.AccountPath)
      .addSuccess(Responses.AccountJobs)
      .annotate(OpenApi.Description, "Job items that touched the account, newest job first")
  ) {}

export class Findings extends HttpApiGroup.make("findings").add(
  HttpApiEndpoint.get("list", "/findings").setUrlParams(Query.FindingsQuery).addSuccess(Responses.FindingsPage)
) {}

export class Syncs extends HttpApiGroup.make("syncs")
  .add(
    HttpApiEndpoint.post("start", "/sync")
      .addSuccess(Responses.SyncCompleted)
      .addSuccess(Responses.SyncUnderWay, { status: 202 })
      .addError(Responses.SyncFailed)
      .addError(Errors.Conflict)
      .annotate(OpenApi.Description, "Runs an inventory sync: inline (200) or fanned out over the sync queue (202)")
  )
  .add(HttpApiEndpoint.get("list", "/syncs").setUrlParams(Query.SyncsQuery).addSuccess(Responses.SyncsList))
  .add(
    HttpApiEndpoint.get("get", "/syncs/:sync_id")
      .setPath(Query.SyncPath)
      .addSuccess(Responses.SyncBody)
      .addError(Errors.NotFound)
  ) {}

export class Jobs extends HttpApiGroup.make("jobs")
  .add(
    HttpApiEndpoint.post("create", "/jobs")
      .setHeaders(Query.JobHeaders)
      .setPayload(
        Schema.Union(
          JobRequest.FixList,
          JobRequest.FixAll,
          JobRequest.EnforceTwofactorList,
          JobRequest.EnforceTwofactorAll,
          JobRequest.Move
        )
      )
      .addSuccess(Responses.JobAccepted)
      .addSuccess(Responses.JobReplayed)
      .addError(Errors.PayloadTooLarge)
      .addError(Errors.Unprocessable)
      .annotate(
        OpenApi.Description,
        "Creates a job (202, its URL in Location); the same Idempotency-Key and body within 24 hours answer the same job (200)"
      )
  )
  .add(
    HttpApiEndpoint.get("get", "/jobs/:job_id").setPath(Query.JobPath).addSuccess(Responses.JobBody).addError(Errors.NotFound)
  )
  .add(
    HttpApiEndpoint.post("resume", "/jobs/:job_id/resume")
      .setPath(Query.JobPath)
      .addSuccess(Responses.JobBody)
      .addError(Errors.NotFound)
      .annotate(OpenApi.Description, "Sends the items of a job whose enqueue stopped part-way")
  ) {}

/**
 * The policy the worker audits with: every version kept. `PUT` takes the file itself as the
 * body (YAML, or JSON, which is YAML), checked by the policy engine; a bad file is a 400
 * listing each problem at `body:line:column`, and nothing is stored.
 */
export class Policy extends HttpApiGroup.make("policy")
  .add(
    HttpApiEndpoint.get("get", "/policy")
      .addSuccess(Responses.PolicyBody)
      .annotate(OpenApi.Description, "The current policy (the newest version, or the default while none is stored)")
  )
  .add(
    HttpApiEndpoint.put("put", "/policy")
      .setPayload(HttpApiSchema.Text({ contentType: "text/plain" }))
      .addSuccess(Responses.PolicyStored)
      .addError(Errors.PayloadTooLarge)
      .annotate(
        OpenApi.Description,
        "Stores the body (the policy file, YAML or JSON) as the next version; the next sync audits with it"
      )
  )
  .add(
    HttpApiEndpoint.get("versions", "/policy/versions")
      .setUrlParams(Query.PolicyVersionsQuery)
      .addSuccess(Responses.PolicyVersions)
      .annotate(OpenApi.Description, "Every stored version, newest first: who stored it and when")
  )
  .add(
    HttpApiEndpoint.get("version", "/policy/versions/:version")
      .setPath(Query.PolicyVersionPath)
      .addSuccess(Responses.PolicyBody)
      .addError(Errors.NotFound)
  ) {}

/**
 * What the dashboard reads beyond the listings. Every endpoint needs {@link Authentication}
 * but `session`, which a page calls before it knows whether it is signed in: it checks the
 * credentials sent itself, and answers `method: null` to a request with none (so a first
 * visit gets the sign-in prompt without a failed request), 401 to wrong ones.
 */
export class Dashboard extends HttpApiGroup.make("dashboard")
  .add(HttpApiEndpoint.get("overview", "/dashboard/overview").addSuccess(Responses.Overview))
  .add(HttpApiEndpoint.get("recentJobs", "/dashboard/jobs").addSuccess(Responses.RecentJobs))
  .add(
    HttpApiEndpoint.get("fixPreview", "/dashboard/fix-preview/:rule")
      .setPath(Query.FixPreviewPath)
      .addSuccess(Responses.FixPreview)
  )
  .middlewareEndpoints(Authentication)
  .add(
    HttpApiEndpoint.get("session", "/dashboard/session")
      .addSuccess(Responses.SessionBody)
      .addError(Errors.Unauthorized)
      .annotate(OpenApi.Description, "How the caller signed in: method null without credentials, 401 with wrong ones")
  ) {}

/** The open group, then every other group behind {@link Authentication}. */
export class WorkerApi extends HttpApi.make("cf-accounts-worker")
  .add(Meta)
  .add(Accounts.middleware(Authentication))
  .add(Findings.middleware(Authentication))
  .add(Syncs.middleware(Authentication))
  .add(Jobs.middleware(Authentication))
  .add(Policy.middleware(Authentication))
  .add(Dashboard)
  .addError(Errors.InvalidInput)
  .addError(Errors.NotFound)
  .addError(Errors.MethodNotAllowed)
  .addError(Errors.InternalError)
  .addError(Errors.Unavailable)
  .prefix(PREFIX)
  .annotateContext(
    OpenApi.annotations({
      title: "cf-accounts worker",
      description: "Account governance over the Cloudflare Accounts API: inventory, the policy, findings, fix jobs.",
      transform: OpenApiDocument.complete({ openGroup: Meta.identifier, optional: ["dashboard.session"] })
    })
  ) {}

/**
 * The path of `group.endpoint` with its `:name` parameters filled in (percent-encoded), for a
 * `Location` header or a test that has to send what the typed client cannot.
 */
export const pathTo = (group: string, endpoint: string, params: Readonly<Record<string, string>> = {}): string => {
  const groups = WorkerApi.groups as unknown as Readonly<Record<string, HttpApiGroup.HttpApiGroup.AnyWithProps>>
  const found = groups[group]?.endpoints[endpoint]
  if (found === undefined) throw new Error(`the worker's API has no endpoint ${group}.${endpoint}`)
  return found.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ""))
}
