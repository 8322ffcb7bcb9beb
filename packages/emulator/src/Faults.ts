/**
 * Decides, per request, which faults to inject, and counts requests and injected
 * faults per route. Decisions come from a seeded generator, so a given seed and
 * request sequence always gives the same faults.
 *
 * A request walks the rules in order. `latency` and `slow` rules add delay and the
 * walk goes on; the first other rule that fires decides the outcome and ends the walk.
 * A rule only considers requests it can apply to, as core's `Operations` table describes them:
 * `repeat_page` only the paged listing (`GET /accounts`) with a page above 1,
 * the listing faults (`lie_total`, `empty_page`, `page_size`, `mutate`, `older_page`, `no_total_count`,
 * `no_result_info`) only the paged listing, and those naming a page only that page (`page_size`: from it on;
 * `older_page`: pages above `back`),
 * `truncate` and `bad_body` every operation whose success has a JSON body (not one answered 204).
 *
 * @since 0.1.0
 */
import type * as Operations from "@cf-accounts/core/Operations"
import { type FaultConfig, type FaultRule, isListingFault } from "./FaultConfig.js"
import { makePrng, type Prng } from "./internal/prng.js"

/**
 * Counts for one route.
 *
 * @since 0.1.0
 */
export interface RouteStats {
  requests: number
  faults: number
  faultsByKind: Record<string, number>
}

/**
 * What to do with one request.
 *
 * @since 0.1.0
 */
export interface FaultPlan {
  /** Milliseconds to wait before handling (sum of fired `latency` and `slow` rules). */
  readonly delayMs: number
  /** The rule that decides the outcome, if any fired. */
  readonly outcome: Exclude<FaultRule, { kind: "latency" | "slow" }> | undefined
}

/**
 * What the request allows beyond its route.
 *
 * @since 0.1.0
 */
export interface RequestTraits {
  /** `GET /accounts` with `page` above 1: `repeat_page` can apply. */
  readonly pageAfterFirst?: boolean
  /** The `page` a `GET /accounts` asks for (1 when absent): the listing faults that name a page use it. */
  readonly page?: number
}

const appliesToPage = (rule: FaultRule, page: number): boolean => {
  switch (rule.kind) {
    case "empty_page":
    case "mutate":
      return page === rule.page
    case "page_size":
      return page >= rule.page
    case "older_page":
      return page > (rule.back ?? 2)
    default:
      return true
  }
}

const applies = (rule: FaultRule, operation: Operations.Any, traits: RequestTraits): boolean => {
  if (rule.route !== undefined && rule.route !== "*" && rule.route !== operation.key) return false
  const paged = operation.envelope === "paged"
  if (rule.kind === "repeat_page") return paged && traits.pageAfterFirst === true
  if (isListingFault(rule)) return paged && appliesToPage(rule, traits.page ?? 1)
  if (rule.kind === "truncate" || rule.kind === "bad_body") return !operation.empty
  return true
}

/**
 * @since 0.1.0
 */
export class FaultInjector {
  readonly #defaultSeed: number
  #config: FaultConfig
  #prng: Prng
  #considered: Array<number>
  #stats = new Map<string, RouteStats>()

  constructor(defaultSeed: number, config: FaultConfig) {
    this.#defaultSeed = defaultSeed
    this.#config = config
    this.#prng = makePrng(config.seed ?? defaultSeed)
    this.#considered = config.rules.map(() => 0)
  }

  get config(): FaultConfig {
    return this.#config
  }

  /** Replaces the rules, restarts the generator from the config's seed and clears the rule counters. */
  setConfig(config: FaultConfig): void {
    this.#config = config
    this.#prng = makePrng(config.seed ?? this.#defaultSeed)
    this.#considered = config.rules.map(() => 0)
  }

  #entry(route: string): RouteStats {
    let entry = this.#stats.get(route)
    if (entry === undefined) {
      entry = { requests: 0, faults: 0, faultsByKind: {} }
      this.#stats.set(route, entry)
    }
    return entry
  }

  /** Counts a request for `operation` (under its `"<METHOD> <template>"` key) and decides its faults. */
  plan(operation: Operations.Any, traits: RequestTraits = {}): FaultPlan {
    const entry = this.#entry(operation.key)
    entry.requests++
    let delayMs = 0
    let outcome: FaultPlan["outcome"]
    const rules = this.#config.rules
    for (let i = 0; i < rules.length && outcome === undefined; i++) {
      const rule = rules[i]
      if (rule === undefined || !applies(rule, operation, traits)) continue
      const considered = this.#considered[i] ?? 0
      if (rule.times !== undefined && considered >= rule.times) continue
      this.#considered[i] = considered + 1
      const probability = rule.probability ?? 1
      const fires = probability >= 1 ? true : probability <= 0 ? false : this.#prng.next() < probability
      if (!fires) continue
      entry.faults++
      entry.faultsByKind[rule.kind] = (entry.faultsByKind[rule.kind] ?? 0) + 1
      if (rule.kind === "latency") {
        delayMs += rule.ms + (rule.jitterMs === undefined ? 0 : this.#prng.next() * rule.jitterMs)
      } else if (rule.kind === "slow") {
        delayMs += rule.ms
      } else {
        outcome = rule
      }
    }
    return { delayMs: Math.round(delayMs), outcome }
  }

  /** Counts a request that matched no route (reported under `"<METHOD> <unmatched>"`). */
  countUnmatched(method: string): void {
    this.#entry(`${method} <unmatched>`).requests++
  }

  stats(): { readonly routes: Record<string, RouteStats> } {
    const routes: Record<string, RouteStats> = {}
    for (const [route, entry] of this.#stats) {
      routes[route] = { requests: entry.requests, faults: entry.faults, faultsByKind: { ...entry.faultsByKind } }
    }
    return { routes }
  }

  resetStats(): void {
    this.#stats = new Map()
  }
}
