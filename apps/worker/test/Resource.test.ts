import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Resource from "../src/http/Resource.js"

const ok = (name: string) => Effect.sync(() => new Response(name))

const table = [
  Resource.resource("/v1/jobs", { POST: ok("create") }),
  Resource.resource("/v1/jobs/:job_id", { GET: ok("get") }),
  Resource.resource("/v1/jobs/:job_id/resume", { POST: ok("resume") })
]

const match = (path: string) => {
  const found = Resource.find(table, path)
  return found === undefined ? undefined : { segments: found.resource.segments.join("/"), params: found.params }
}

describe("Resource.find", () => {
  it("matches static and parameter segments, ignoring trailing and repeated slashes", () => {
    assert.deepStrictEqual(match("/v1/jobs"), { segments: "v1/jobs", params: {} })
    assert.deepStrictEqual(match("/v1/jobs/"), { segments: "v1/jobs", params: {} })
    assert.deepStrictEqual(match("//v1///jobs//"), { segments: "v1/jobs", params: {} })
    assert.deepStrictEqual(match("/v1/jobs/job_1/resume/"), { segments: "v1/jobs/:job_id/resume", params: { job_id: "job_1" } })
  })

  it("is case-sensitive and needs every segment", () => {
    assert.isUndefined(match("/v1/Jobs"))
    assert.isUndefined(match("/V1/jobs"))
    assert.isUndefined(match("/v1/jobs/job_1/resume/now"))
    assert.isUndefined(match("/v1"))
  })

  it("percent-decodes segments, and keeps a malformed escape as written for the parameter's check", () => {
    assert.deepStrictEqual(match("/v1/%6Aobs/a%20b")?.params, { job_id: "a b" })
    assert.deepStrictEqual(match("/v1/jobs/%zz")?.params, { job_id: "%zz" })
    assert.deepStrictEqual(match("/v1/jobs/a%2Fb")?.params, { job_id: "a/b" })
  })
})

describe("Resource.handlerFor", () => {
  const jobs = table[0]!
  const job = table[1]!

  it.effect("runs the method's handler", () =>
    Effect.gen(function* () {
      const response = yield* Resource.handlerFor(job, "GET")!
      assert.strictEqual(yield* Effect.promise(() => response.text()), "get")
    })
  )

  it.effect("answers any other known method, HEAD included, with 405 and Allow", () =>
    Effect.gen(function* () {
      for (const [entry, method, allow] of [
        [jobs, "GET", "POST"],
        [jobs, "DELETE", "POST"],
        [job, "HEAD", "GET"]
      ] as const) {
        const response = yield* Resource.handlerFor(entry, method)!
        assert.strictEqual(response.status, 405, method)
        assert.strictEqual(response.headers.get("allow"), allow, method)
        const body = yield* Effect.promise(() => response.json() as Promise<{ error: { code: string } }>)
        assert.strictEqual(body.error.code, "method_not_allowed")
      }
    })
  )

  it("has no handler for a method outside HTTP's usual set, so the route is not found", () => {
    assert.isUndefined(Resource.handlerFor(job, "PROPFIND"))
    assert.isUndefined(Resource.handlerFor(job, "get"))
  })
})
