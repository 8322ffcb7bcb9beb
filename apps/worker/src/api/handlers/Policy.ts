/**
 * `policy`: the current policy, a new version of it, and its history. The body of `put` is
 * the policy file itself (YAML or JSON), at most {@link MAX_BODY_BYTES}, counted while it is
 * read, and the parsed file as JSON at most as many (YAML aliases expand); the policy engine
 * checks it before anything is stored.
 */
import { InvalidInputError } from "@cf-accounts/core/CloudflareError"
import * as HttpApiBuilder from "@effect/platform/HttpApiBuilder"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as PolicyVersions from "../../db/PolicyVersions.js"
import * as Policy from "../../findings/Policy.js"
import { Session } from "../Authentication.js"
import * as Body from "../Body.js"
import * as Cursor from "../Cursor.js"
import * as Errors from "../Errors.js"
import { answered } from "../Failures.js"
import * as Responses from "../Responses.js"
import { WorkerApi } from "../WorkerApi.js"

/** A version holds the text and the parsed file, and a D1 row at most 2 MB: the text stays well under half. */
export const MAX_BODY_BYTES = 512_000

const DEFAULT_LIMIT = 50

/** What the API shows of a version: the file, who and when, and the rules and exceptions read from it. */
const view = (current: Policy.Current, time: number): Responses.PolicyBody => {
  const policy = Policy.rulesOf(current.file)
  return {
    version: current.version,
    default: current.version === null,
    text: current.text,
    file: Policy.fileJson(current.file),
    created_by: current.createdBy,
    created_at: current.createdAt,
    rules: Policy.rules(policy),
    exceptions: (policy.exceptions ?? []).map((exception) => ({
      rule: exception.rule,
      accounts: exception.accounts,
      reason: exception.reason,
      expires: exception.expires,
      expired: Policy.hasExpired(exception.expires, time)
    }))
  }
}

const viewNow = (current: Policy.Current) => Effect.map(Clock.currentTimeMillis, (time) => view(current, time))

const notUtf8 = () => new InvalidInputError({ field: "body", rule: "must be UTF-8 text", value: undefined })

// An empty body is most often a request that lost its file: storing it would switch every rule off.
const empty = () =>
  new InvalidInputError({
    field: "body",
    rule: "must be a policy file (to switch every rule off, send one that says so: `policy: {}`)",
    value: undefined
  })

export const layer = HttpApiBuilder.group(WorkerApi, "policy", (handlers) =>
  handlers
    .handle("get", () => answered(Effect.flatMap(Policy.current, viewNow)))
    .handleRaw("put", ({ request }) =>
      answered(
        Effect.gen(function* () {
          const bytes = yield* Body.readBytes(request, MAX_BODY_BYTES)
          const text = yield* Effect.try({ try: () => new TextDecoder("utf-8", { fatal: true }).decode(bytes), catch: notUtf8 })
          if (text.trim() === "") return yield* empty()
          const session = yield* Session
          const createdBy = session.method === "token" ? "token" : (session.email ?? "access")
          const stored = yield* Policy.store(text, createdBy, MAX_BODY_BYTES)
          yield* Effect.logInfo(`policy version ${stored.version} stored`)
          return new Responses.PolicyStored(yield* viewNow(stored))
        })
      )
    )
    .handle("versions", ({ urlParams }) => {
      const limit = urlParams.limit ?? DEFAULT_LIMIT
      const before = urlParams.cursor === undefined ? undefined : Number(Cursor.decode(urlParams.cursor))
      return answered(
        Effect.map(PolicyVersions.history(limit + 1, before), (rows) => {
          const items = rows.slice(0, limit)
          const last = items[items.length - 1]
          return {
            items,
            next_cursor: rows.length > limit && last !== undefined ? Cursor.encode(String(last.version)) : null
          }
        })
      )
    })
    .handle("version", ({ path }) =>
      answered(
        Effect.flatMap(Policy.find(path.version), (found) =>
          Option.match(found, {
            onNone: () => Effect.fail(new Errors.NotFound(Errors.detail("not_found", "policy version not found"))),
            onSome: viewNow
          })
        )
      )
    )
)
