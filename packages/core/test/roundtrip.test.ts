import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Duration from "effect/Duration"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import {
  Account,
  AccountProfile,
  CloudflareError,
  Email,
  Envelope,
  ListAccountsParams,
  Move,
  Organization,
  ResponseInfo,
  ResultInfo
} from "../src/index.js"

/**
 * Runs per property: values that JSON does not carry unchanged (NaN, -0, `undefined` in an
 * array, anywhere in the unknown fields) are skipped and drawn again, so a run costs several
 * draws. Envelopes and batch results hold lists (accounts, errors, messages, moves), each
 * item with nested unknown fields: they skip most draws and take {@link LIST_RUNS}, still
 * some hundred items a test; a page (three lists, up to ten accounts) takes {@link PAGE_RUNS}.
 * Account, ResponseInfo and ResultInfo, which they hold, have their own tests with {@link RUNS}.
 */
const RUNS = 60
const LIST_RUNS = 20
const PAGE_RUNS = 10

/** Drops `undefined` properties, which an optional field may hold and JSON leaves out. */
const stripUndefined = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripUndefined)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, stripUndefined(v)]]))
    )
  }
  return value
}

/** Whether JSON carries `value` unchanged (no NaN, Infinity, -0, undefined in arrays). */
const jsonSafe = (value: unknown): boolean => {
  const plain = stripUndefined(value)
  try {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(plain)), plain)
    return true
  } catch {
    return false
  }
}

/**
 * Whether `value` has an own `__proto__` key somewhere. fast-check generates such keys for
 * records; Effect's record decoding does not copy them (assigning `__proto__` would set
 * the prototype), so they cannot round trip. Cloudflare does not send such keys.
 */
const hasProtoKey = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.some(hasProtoKey)
  if (value === null || typeof value !== "object") return false
  return Object.hasOwn(value, "__proto__") || Object.values(value).some(hasProtoKey)
}

/**
 * Every generated value encodes, survives JSON (when `json`), and decodes back to
 * an equal value. Values come from the schema's own arbitrary unless `arbitrary` is given.
 * A struct's unknown fields are drawn apart from its fields, and fast-check favours keys
 * such as `name`, so a drawn unknown field now and then replaces a field with a value of
 * the wrong type (`name: false`): such a draw is not a value of the schema and is skipped.
 */
const roundTrips = <A, I>(
  schema: Schema.Schema<A, I, never>,
  options: {
    readonly json: boolean
    readonly runs?: number | undefined
    readonly arbitrary?: FastCheck.Arbitrary<A> | undefined
  }
) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  const isValue = Schema.is(schema)
  FastCheck.assert(
    FastCheck.property(options.arbitrary ?? Arbitrary.make(schema), (value) => {
      FastCheck.pre(!hasProtoKey(value) && isValue(value))
      const encoded = encode(value)
      if (!options.json) {
        assert.deepStrictEqual(decode(encoded), value)
        return
      }
      FastCheck.pre(jsonSafe(encoded))
      const wire: unknown = JSON.parse(JSON.stringify(encoded))
      assert.deepStrictEqual(decode(wire), stripUndefined(value))
    }),
    { numRuns: options.runs ?? RUNS }
  )
}

/**
 * Errors: the encoded form decodes to an instance of the class with the same tag,
 * which encodes back to the same data. (Compared encoded, because a Duration made
 * from milliseconds is not structurally equal to one made from nanoseconds.)
 */
const errorRoundTrips = <A extends { readonly _tag: string }, I>(
  schema: Schema.Schema<A, I, never>,
  classes: ReadonlyArray<new (...args: never) => unknown>
) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  const isValue = Schema.is(schema)
  FastCheck.assert(
    FastCheck.property(Arbitrary.make(schema), (error) => {
      // As in roundTrips: a drawn unknown field may replace a field of an error's errors[].
      FastCheck.pre(isValue(error))
      const encoded = encode(error)
      const decoded = decode(encoded)
      assert.strictEqual(decoded._tag, error._tag)
      assert.isTrue(classes.some((c) => decoded instanceof c && error instanceof c))
      assert.deepStrictEqual(encode(decoded), encoded)
    }),
    { numRuns: RUNS }
  )
}

/**
 * Addresses for {@link Email.Email}. Its own arbitrary draws random strings and keeps the
 * rare one that is an address (a rejection loop: about 2 s for 60 profiles on a quiet
 * machine, 31 s on a busy one). fast-check's RFC 5322 addresses (dotted atext local parts,
 * multi-label domains, up to about 100 characters) are all addresses Email accepts; the
 * round trip still decodes each one through Email's own check.
 */
const address = FastCheck.emailAddress()

/** AccountProfileInput's values with `business_email` drawn from {@link address}; every other field as the schema generates it. */
const profileInput = Arbitrary.make(
  Schema.Struct(
    {
      ...AccountProfile.AccountProfileInput.fields,
      business_email: Email.Email.annotations({ arbitrary: () => () => address })
    },
    ...AccountProfile.AccountProfileInput.records
  )
)

describe("round trip (generated values)", () => {
  const dataSchemas: ReadonlyArray<readonly [string, Schema.Schema.AnyNoContext, runs?: number]> = [
    ["Account", Account.Account],
    ["CreateAccount", Account.CreateAccount],
    ["UpdateAccount", Account.UpdateAccount],
    ["DeleteAccountResult", Account.DeleteAccountResult],
    ["ListAccountsParams", ListAccountsParams.ListAccountsParams],
    ["ListAccountsUrlParams", ListAccountsParams.ListAccountsUrlParams],
    ["ResultInfo", ResultInfo.ResultInfo],
    ["ResponseInfo", ResponseInfo.ResponseInfo],
    ["Organization", Organization.Organization],
    ["AccountProfile", AccountProfile.AccountProfile],
    ["MoveAccount", Move.MoveAccount],
    ["MoveAccountResult", Move.MoveAccountResult],
    ["BatchMoveAccounts", Move.BatchMoveAccounts],
    ["BatchMoveResult", Move.BatchMoveResult, LIST_RUNS],
    ["Envelope(Account)", Envelope.Envelope(Account.Account), LIST_RUNS],
    ["PagedEnvelope(Account)", Envelope.PagedEnvelope(Account.Account), PAGE_RUNS],
    ["ErrorsOnly", Envelope.ErrorsOnly, LIST_RUNS]
  ]
  for (const [name, schema, runs] of dataSchemas) {
    it(`${name} through JSON`, () => roundTrips(schema, { json: true, runs }))
  }
  it("AccountProfileInput through JSON", () =>
    roundTrips(AccountProfile.AccountProfileInput, { json: true, arbitrary: profileInput }))

  // `result` is an arbitrary object (Schema.Unknown values), which JSON may not preserve (undefined, -0).
  it("FailureEnvelope", () => roundTrips(Envelope.FailureEnvelope, { json: false, runs: LIST_RUNS }))

  it("ListAccountsUrlParams encodes numbers as strings", () => {
    const encoded = Schema.encodeSync(ListAccountsParams.ListAccountsUrlParams)({ page: 2, per_page: 50 })
    assert.deepStrictEqual(encoded, { page: "2", per_page: "50" })
  })
})

describe("round trip of every error class (Schema.TaggedError)", () => {
  const errorClasses = [
    CloudflareError.BadRequestError,
    CloudflareError.AuthenticationError,
    CloudflareError.PermissionDeniedError,
    CloudflareError.NotFoundError,
    CloudflareError.ConflictError,
    CloudflareError.UnprocessableEntityError,
    CloudflareError.RateLimitedError,
    CloudflareError.ServerError,
    CloudflareError.UnexpectedStatusError,
    CloudflareError.RedirectError,
    CloudflareError.TransportError,
    CloudflareError.TimeoutError,
    CloudflareError.ResponseDecodeError,
    CloudflareError.InvalidInputError,
    CloudflareError.ConfigurationError,
    CloudflareError.OutcomeUnknownError,
    CloudflareError.IncompleteListingError
  ] as const
  for (const errorClass of errorClasses) {
    it(errorClass.identifier, () =>
      errorRoundTrips(errorClass as unknown as Schema.Schema<{ readonly _tag: string }, unknown, never>, [errorClass])
    )
  }
  it("CloudflareApiError (the union of API errors)", () =>
    errorRoundTrips(CloudflareError.CloudflareApiError, errorClasses.slice(0, 10)))

  it("a ServerError's retryAfter crosses JSON as milliseconds", () => {
    const error = new CloudflareError.ServerError({
      status: 503,
      method: "GET",
      route: "/accounts",
      errors: [],
      retryAfter: Duration.seconds(12)
    })
    const wire = JSON.parse(JSON.stringify(Schema.encodeSync(CloudflareError.ServerError)(error)))
    assert.strictEqual(wire.retryAfter, 12_000)
    const decoded = Schema.decodeUnknownSync(CloudflareError.CloudflareApiError)(wire)
    assert.instanceOf(decoded, CloudflareError.ServerError)
    assert.strictEqual(decoded.message, error.message)
  })

  it("an encoded error is plain JSON data that decodes to an instance of its class", () => {
    const error = new CloudflareError.RateLimitedError({
      status: 429,
      method: "GET",
      route: "/accounts",
      errors: [{ code: 10000, message: "Rate limited" }],
      cfRay: "8f0e1d2c3b4a5968-AMS",
      retryAfter: Duration.seconds(30)
    })
    const wire = JSON.parse(JSON.stringify(Schema.encodeSync(CloudflareError.RateLimitedError)(error)))
    assert.strictEqual(wire._tag, "RateLimitedError")
    assert.strictEqual(wire.retryAfter, 30_000)
    const decoded = Schema.decodeUnknownSync(CloudflareError.CloudflareApiError)(wire)
    assert.instanceOf(decoded, CloudflareError.RateLimitedError)
    assert.strictEqual(decoded.message, error.message)
  })
})
