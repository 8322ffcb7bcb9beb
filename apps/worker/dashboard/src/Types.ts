/**
 * The API's answers and queries as the page reads them, named from the types generated from
 * the OpenAPI document (`generated/api.d.ts`; nothing of them reaches the bundle), and the
 * checks that make a value read from the address or the overview one the API takes.
 */
import type { operations } from "./generated/api.js"

/** The JSON body of `id`'s 200 answer. */
type Success<Id extends keyof operations> = operations[Id]["responses"] extends {
  readonly 200: { readonly content: { readonly "application/json": infer A } }
}
  ? A
  : never

/** The query `id` takes. */
type Query<Id extends keyof operations> = NonNullable<operations[Id]["parameters"]["query"]>

export type Session = Success<"dashboard.session">
export type Overview = Success<"dashboard.overview">
export type PolicyView = Success<"policy.get">
export type Finding = Success<"findings.list">["items"][number]
export type Job = Success<"jobs.get">["job"]
export type JobStatus = Job["status"]
export type Sync = Success<"syncs.get">["sync"]

export type AccountsQuery = Query<"accounts.list">

/** The body `jobs.create` takes. */
export type JobRequest = operations["jobs.create"]["requestBody"]["content"]["application/json"]

/** A rule id as the listings' `rule` filter takes it. */
export type RuleId = NonNullable<AccountsQuery["rule"]>

/** A rule id that has a fix, as the fix preview takes it. */
export type FixableRuleId = operations["dashboard.fixPreview"]["parameters"]["path"]["rule"]

/** Whether `id` is a rule the worker listed (its overview's `rules`), so a listing can filter by it. */
export const isRule = (overview: Overview, id: string): id is RuleId => overview.rules.some((rule) => rule.id === id)

/** Whether `id` is a rule the current policy gives an automatic fix, so the fix preview and a `fix` job take it. */
export const isFixable = (overview: Overview, id: string): id is FixableRuleId =>
  overview.rules.some((rule) => rule.id === id && rule.fix)

/** `value` when it is one of `allowed` (a filter read from the address), else undefined. */
export const oneOf = <const A extends string>(value: string | null, allowed: ReadonlyArray<A>): A | undefined =>
  allowed.find((option) => option === value)
