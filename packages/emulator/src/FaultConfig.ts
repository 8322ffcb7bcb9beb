/**
 * Fault injection settings: a seed and an ordered list of rules. Each rule names a
 * route (`"<METHOD> <template>"`, e.g. `"GET /accounts/{account_id}"`, or `"*"`), a
 * probability, an optional cap on how many matching requests it considers, and
 * what to do.
 *
 * @example
 * const faults: FaultConfig = {
 *   seed: 7,
 *   rules: [
 *     { route: "GET /accounts", kind: "status", status: 503, times: 2 },
 *     { kind: "latency", ms: 20, jitterMs: 10 }
 *   ]
 * }
 *
 * @since 0.1.0
 */
import * as Operations from "@cf-accounts/core/Operations"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

const common = {
  /** `"<METHOD> <template>"` of an operation in core's table, or `"*"` (the default): which requests the rule considers. */
  route: Schema.optional(
    Schema.String.pipe(
      Schema.filter((route) => route === "*" || Operations.byKey(route) !== undefined, {
        message: () => `must be "*" or one of ${Operations.all.map((o) => JSON.stringify(o.key)).join(", ")}`
      })
    )
  ),
  /** Chance, from 0 to 1, that the rule fires on a request it considers. Default 1. */
  probability: Schema.optional(
    Schema.Number.pipe(Schema.between(0, 1, { message: () => "must be a number from 0 to 1" }))
  ),
  /** Consider only the first N matching requests. */
  times: Schema.optional(
    Schema.Int.pipe(Schema.nonNegative({ message: () => "must be a whole number of at least 0" }))
  )
}

const nonNegative = Schema.Number.pipe(Schema.nonNegative({ message: () => "must be at least 0" }))

/** @since 0.1.0 */
export const StatusFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("status"),
  status: Schema.Literal(500, 501, 502, 503, 504, 408).annotations({
    message: () => ({ message: "must be one of 500, 501, 502, 503, 504, 408", override: true })
  })
})

/** A 429 with `Retry-After` (seconds) and, when `retryAfterMs` is given, `retry-after-ms`. @since 0.1.0 */
export const RateLimitFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("rate_limit"),
  retryAfterSeconds: Schema.optional(nonNegative),
  retryAfterMs: Schema.optional(nonNegative)
})

/** A Cloudflare edge error page (520 to 527, HTML body). Default 520. @since 0.1.0 */
export const EdgeErrorFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("edge_error"),
  status: Schema.optional(
    Schema.Literal(520, 521, 522, 523, 524, 525, 526, 527).annotations({
      message: () => ({ message: "must be one of 520 to 527", override: true })
    })
  )
})

/** The connection is destroyed before the request is handled: nothing changes. @since 0.1.0 */
export const ResetBeforeFault = Schema.Struct({ ...common, kind: Schema.Literal("reset_before") })

/** The request is handled (a write is applied), then the connection is destroyed. @since 0.1.0 */
export const ResetAfterFault = Schema.Struct({ ...common, kind: Schema.Literal("reset_after") })

/** Adds `ms` (plus a uniform 0..jitterMs) before handling. @since 0.1.0 */
export const LatencyFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("latency"),
  ms: nonNegative,
  jitterMs: Schema.optional(nonNegative)
})

/** Answers only after `ms`: use a value above the client's timeout. @since 0.1.0 */
export const SlowFault = Schema.Struct({ ...common, kind: Schema.Literal("slow"), ms: nonNegative })

/** A 200 whose JSON body is cut in half (Content-Length matches the cut body). @since 0.1.0 */
export const TruncateFault = Schema.Struct({ ...common, kind: Schema.Literal("truncate") })

/**
 * A 2xx whose body a client cannot read, after the request was handled (a write is
 * applied): `body: "html"` (the default) answers an HTML page with status 200;
 * `body: "unknown_type"` answers the real envelope with every account's `type` set
 * to `"emulated_future_type"`, a type no client knows yet. Other replies pass through.
 * @since 0.1.0
 */
export const BadBodyFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("bad_body"),
  body: Schema.optional(
    Schema.Literal("html", "unknown_type").annotations({
      message: () => ({ message: "must be 'html' or 'unknown_type'", override: true })
    })
  )
})

/** `GET /accounts?page=N` (N > 1) answers with page N-1 again, unchanged; other requests are not considered. @since 0.1.0 */
export const RepeatPageFault = Schema.Struct({ ...common, kind: Schema.Literal("repeat_page") })

/**
 * A redirect to `location` (an absolute http or https URL), with `status` 301, 302, 307 or 308
 * (default 302) and an empty body, before credentials are checked: what a wrong base URL or a
 * hostile proxy answers. Cloudflare's API never redirects. @since 0.1.0
 */
export const RedirectFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("redirect"),
  status: Schema.optional(
    Schema.Literal(301, 302, 307, 308).annotations({
      message: () => ({ message: "must be one of 301, 302, 307, 308", override: true })
    })
  ),
  location: Schema.String.pipe(
    Schema.filter((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
      message: () => "must be an absolute http or https URL"
    })
  )
})

const pageNumber = Schema.Int.pipe(Schema.greaterThanOrEqualTo(1, { message: () => "must be a whole number of at least 1" }))
const count = Schema.Int.pipe(Schema.nonNegative({ message: () => "must be a whole number of at least 0" }))

/**
 * Listing faults: each considers only `GET /accounts` (and only the pages it names),
 * so `times` counts those requests. They make a listing that is not a consistent
 * snapshot, as a real server under change (or a broken one) can.
 */

/** `GET /accounts` reports `total_count: total` whatever the truth. @since 0.1.0 */
export const LieTotalFault = Schema.Struct({ ...common, kind: Schema.Literal("lie_total"), total: count })

/** `GET /accounts?page=K` answers no accounts (result_info otherwise as usual). @since 0.1.0 */
export const EmptyPageFault = Schema.Struct({ ...common, kind: Schema.Literal("empty_page"), page: pageNumber })

/** From `page` K on, `GET /accounts` pages by `perPage` instead of the `per_page` asked for (and says so). @since 0.1.0 */
export const PageSizeFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("page_size"),
  page: pageNumber,
  perPage: pageNumber
})

/**
 * When `GET /accounts?page=K` is asked for, first deletes the `delete` oldest accounts
 * and creates `create` new ones (named `Listing Churn N`), then answers. @since 0.1.0
 */
export const MutateFault = Schema.Struct({
  ...common,
  kind: Schema.Literal("mutate"),
  page: pageNumber,
  delete: Schema.optional(count),
  create: Schema.optional(count)
})

/** `GET /accounts?page=N` (N > back) answers page N-back (default 2), reported as that page. @since 0.1.0 */
export const OlderPageFault = Schema.Struct({ ...common, kind: Schema.Literal("older_page"), back: Schema.optional(pageNumber) })

/** `GET /accounts` answers without `result_info.total_count` (nor `total_pages`). @since 0.1.0 */
export const NoTotalCountFault = Schema.Struct({ ...common, kind: Schema.Literal("no_total_count") })

/** `GET /accounts` answers without `result_info`. @since 0.1.0 */
export const NoResultInfoFault = Schema.Struct({ ...common, kind: Schema.Literal("no_result_info") })

/**
 * @since 0.1.0
 */
export const FaultRule = Schema.Union(
  StatusFault,
  RateLimitFault,
  EdgeErrorFault,
  ResetBeforeFault,
  ResetAfterFault,
  LatencyFault,
  SlowFault,
  TruncateFault,
  BadBodyFault,
  RepeatPageFault,
  RedirectFault,
  LieTotalFault,
  EmptyPageFault,
  PageSizeFault,
  MutateFault,
  OlderPageFault,
  NoTotalCountFault,
  NoResultInfoFault
).annotations({ identifier: "FaultRule" })

/** @since 0.1.0 */
export type FaultRule = typeof FaultRule.Type

/**
 * The listing faults: the rules that change what `GET /accounts` answers.
 *
 * @since 0.1.0
 */
export type ListingFault = Extract<
  FaultRule,
  { readonly kind: "lie_total" | "empty_page" | "page_size" | "mutate" | "older_page" | "no_total_count" | "no_result_info" }
>

/** @since 0.1.0 */
export const listingKinds: ReadonlyArray<ListingFault["kind"]> = [
  "lie_total",
  "empty_page",
  "page_size",
  "mutate",
  "older_page",
  "no_total_count",
  "no_result_info"
]

/** @since 0.1.0 */
export const isListingFault = (rule: FaultRule | undefined): rule is ListingFault =>
  rule !== undefined && (listingKinds as ReadonlyArray<string>).includes(rule.kind)

/**
 * @since 0.1.0
 */
export const FaultConfig = Schema.Struct({
  seed: Schema.optional(Schema.Int),
  rules: Schema.Array(FaultRule)
}).annotations({ identifier: "FaultConfig" })

/** @since 0.1.0 */
export type FaultConfig = typeof FaultConfig.Type

/**
 * No faults.
 *
 * @since 0.1.0
 */
export const none: FaultConfig = { rules: [] }

/**
 * The fault kinds.
 *
 * @since 0.1.0
 */
export const kinds: ReadonlyArray<FaultRule["kind"]> = [
  "status",
  "rate_limit",
  "edge_error",
  "reset_before",
  "reset_after",
  "latency",
  "slow",
  "truncate",
  "bad_body",
  "repeat_page",
  "redirect",
  ...listingKinds
]

const unknownKind = (value: unknown): string | undefined => {
  const rules = typeof value === "object" && value !== null ? (value as { rules?: unknown }).rules : undefined
  if (!Array.isArray(rules)) return undefined
  const index = rules.findIndex(
    (rule) =>
      typeof rule === "object" && rule !== null && !(kinds as ReadonlyArray<unknown>).includes((rule as { kind?: unknown }).kind)
  )
  return index < 0 ? undefined : `rules.${index}.kind must be one of ${kinds.join(", ")}`
}

/**
 * Parses and validates a fault configuration (JSON text); the error names the
 * first offending field, e.g. `rules.0.status must be one of 500, 501, 502, 503, 504, 408`.
 *
 * @since 0.1.0
 */
export const parseFaultConfig = (text: string): Either.Either<FaultConfig, string> => {
  const parsed = Either.try((): unknown => JSON.parse(text))
  if (Either.isLeft(parsed)) return Either.left("fault config is not valid JSON")
  const value = parsed.right
  const kind = unknownKind(value)
  if (kind !== undefined) return Either.left(`invalid fault config: ${kind}`)
  return Schema.decodeUnknownEither(FaultConfig, { errors: "first" })(value).pipe(
    Either.mapLeft((error) => {
      const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
      const path = first?.path.join(".") ?? ""
      return `invalid fault config: ${path === "" ? "" : `${path} `}${first?.message ?? "is not valid"}`
    })
  )
}
