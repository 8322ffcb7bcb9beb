/**
 * `jobs`: create a fix job (at most {@link MAX_BODY_BYTES} of body, counted while it is read,
 * so the body is read here rather than by the router), follow it, and resume one whose
 * enqueue stopped part-way. Bad input is a 400 naming the field, checked before anything is
 * written or enqueued.
 */
import * as Input from "@cf-accounts/core/Input"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as IdempotencyKey from "../../jobs/IdempotencyKey.js"
import * as JobRequest from "../../jobs/JobRequest.js"
import * as Jobs from "../../jobs/Jobs.js"
import * as RequestHash from "../../jobs/RequestHash.js"
import * as Body from "../Body.js"
import * as Errors from "../Errors.js"
import { answered } from "../Failures.js"
import * as Responses from "../Responses.js"
import { pathTo, WorkerApi } from "../WorkerApi.js"

export const MAX_BODY_BYTES = 1_000_000

/** The kind first, then the request of that kind, so an error names the field that is wrong for it. */
const parseJobRequest = (body: unknown) =>
  Effect.gen(function* () {
    const { kind } = yield* Input.decode(JobRequest.Kind)(body)
    if (kind === "move") return yield* Input.decode(JobRequest.Move)(body)
    const list = Predicate.hasProperty(body, "account_ids") && Array.isArray(body.account_ids)
    if (kind === "fix") {
      return list ? yield* Input.decode(JobRequest.FixList)(body) : yield* Input.decode(JobRequest.FixAll)(body)
    }
    return list
      ? yield* Input.decode(JobRequest.EnforceTwofactorList)(body)
      : yield* Input.decode(JobRequest.EnforceTwofactorAll)(body)
  })

const notFound = () => new Errors.NotFound(Errors.detail("not_found", "job not found"))

export const layer = HttpApiBuilder.group(WorkerApi, "jobs", (handlers) =>
  handlers
    .handleRaw("create", ({ headers, request }) =>
      answered(
        Effect.gen(function* () {
          const body = yield* Body.readJsonObject(request, MAX_BODY_BYTES)
          const jobRequest = yield* parseJobRequest(body)
          const key = headers[IdempotencyKey.FIELD]
          const idempotency =
            key === undefined ? Option.none() : Option.some({ key, requestHash: yield* RequestHash.hash(body) })
          const created = yield* Jobs.create(jobRequest, idempotency)
          const location = pathTo("jobs", "get", { job_id: created.job.id })
          yield* HttpApp.appendPreResponseHandler((_request, response) =>
            Effect.succeed(HttpServerResponse.setHeader(response, "location", location))
          )
          const answer = { job: created.job, ...(created.warning === undefined ? {} : { warning: created.warning }) }
          if (!created.replayed) return new Responses.JobAccepted(answer)
          return yield* HttpServerResponse.schemaJson(Responses.JobReplayed)(new Responses.JobReplayed(answer), {
            status: HttpApiSchema.getStatusSuccess(Responses.JobReplayed)
          }).pipe(Effect.orDie)
        })
      )
    )
    .handle("get", ({ path }) =>
      answered(
        Effect.flatMap(Jobs.status(path.job_id), (job) =>
          Option.match(job, { onNone: () => Effect.fail(notFound()), onSome: (status) => Effect.succeed({ job: status }) })
        )
      )
    )
    .handle("resume", ({ path }) =>
      answered(
        Effect.flatMap(Jobs.resume(path.job_id), (job) =>
          Option.match(job, { onNone: () => Effect.fail(notFound()), onSome: (status) => Effect.succeed({ job: status }) })
        )
      )
    )
)
