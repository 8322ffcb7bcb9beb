import {
  AuthenticationError,
  ConfigurationError,
  NotFoundError,
  OutcomeUnknownError,
  PermissionDeniedError,
  RateLimitedError,
  ResponseDecodeError,
  ServerError,
  TimeoutError,
  TransportError,
  UnexpectedStatusError
} from "@cf-accounts/core/CloudflareError"
import { ErrorCode } from "@cf-accounts/core/ErrorCode"
import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as ErrorPredicates from "../src/ErrorPredicates.js"

const api = { method: "GET", route: "/accounts/{account_id}", errors: [] }

describe("ErrorPredicates", () => {
  it("isClientError recognises the client's errors by tag, and nothing else", () => {
    assert.isTrue(ErrorPredicates.isClientError(new NotFoundError({ ...api, status: 404 })))
    assert.isTrue(ErrorPredicates.isClientError(new ConfigurationError({ variables: [], reason: "r" })))
    assert.isFalse(ErrorPredicates.isClientError(new Error("boom")))
    assert.isFalse(ErrorPredicates.isClientError({ _tag: "DatabaseError", message: "x" }))
    assert.isFalse(ErrorPredicates.isClientError(undefined))
  })

  it("isTransient: transport, timeout and retried statuses; never 501, other 4xx or decode errors", () => {
    const transient = [
      new TransportError({ method: "GET", route: "/accounts", reason: "reset", sent: true, detail: "ECONNRESET" }),
      new TimeoutError({ method: "GET", route: "/accounts", timeout: Duration.seconds(1) }),
      new RateLimitedError({ ...api, status: 429 }),
      new ServerError({ ...api, status: 503 }),
      new ServerError({ ...api, status: 522 }),
      new UnexpectedStatusError({ ...api, status: 408 })
    ]
    const permanent = [
      new ServerError({ ...api, status: 501 }),
      new ServerError({ ...api, status: 505 }),
      new NotFoundError({ ...api, status: 404 }),
      new UnexpectedStatusError({ ...api, status: 405 }),
      new ResponseDecodeError({ method: "GET", route: "/accounts", status: 200, path: "p", detail: "d", bodyExcerpt: "" }),
      new OutcomeUnknownError({ method: "POST", route: "/accounts", detail: "d" })
    ]
    for (const error of transient) assert.isTrue(ErrorPredicates.isTransient(error), error.message)
    for (const error of permanent) assert.isFalse(ErrorPredicates.isTransient(error), error.message)
  })

  it("isCredentialFailure: a 401, or a 403 with a credential code; not a plain 403", () => {
    assert.isTrue(ErrorPredicates.isCredentialFailure(new AuthenticationError({ ...api, status: 401 })))
    for (const code of [ErrorCode.AuthenticationError, ErrorCode.UnknownApiKey]) {
      const error = new PermissionDeniedError({ ...api, status: 403, errors: [{ code, message: "m" }] })
      assert.isTrue(ErrorPredicates.isCredentialFailure(error))
    }
    assert.isFalse(ErrorPredicates.isCredentialFailure(new PermissionDeniedError({ ...api, status: 403 })))
    assert.isTrue(ErrorPredicates.isAccessDenied(new PermissionDeniedError({ ...api, status: 403 })))
  })

  it("isEndpointUnavailable: 405, 501, no-route codes or messages, a bare 404; not a 404 that names something", () => {
    const unavailable = [
      new UnexpectedStatusError({ ...api, status: 405 }),
      new ServerError({ ...api, status: 501 }),
      new NotFoundError({ ...api, status: 404 }),
      new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.NoRoute, message: "m" }] }),
      new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.CouldNotRoute, message: "m" }] }),
      new NotFoundError({ ...api, status: 404, errors: [{ code: 1, message: "Not implemented" }] })
    ]
    for (const error of unavailable) assert.isTrue(ErrorPredicates.isEndpointUnavailable(error), error.message)
    const found = new NotFoundError({ ...api, status: 404, errors: [{ code: ErrorCode.OrganizationNotFound, message: "Organization not found" }] })
    assert.isFalse(ErrorPredicates.isEndpointUnavailable(found))
    assert.isFalse(ErrorPredicates.isEndpointUnavailable(new ServerError({ ...api, status: 503 })))
  })

  it("isAmbiguous: sent-then-lost, timeouts, 5xx, 408 and unknown outcomes", () => {
    assert.isTrue(ErrorPredicates.isAmbiguous(new ServerError({ ...api, status: 500 })))
    assert.isTrue(ErrorPredicates.isAmbiguous(new OutcomeUnknownError({ method: "POST", route: "/accounts", detail: "d" })))
    assert.isFalse(
      ErrorPredicates.isAmbiguous(new TransportError({ method: "GET", route: "/a", reason: "dns", sent: false, detail: "ENOTFOUND" }))
    )
    assert.isFalse(ErrorPredicates.isAmbiguous(new RateLimitedError({ ...api, status: 429 })))
  })
})
