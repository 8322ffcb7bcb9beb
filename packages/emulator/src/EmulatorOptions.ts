/**
 * Options of a running emulator, and their defaults.
 *
 * @since 0.1.0
 */
import type { FaultConfig } from "./FaultConfig.js"

/**
 * @since 0.1.0
 */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number
  /** Always 127.0.0.1. */
  readonly host?: "127.0.0.1"
  /** Seed of the generated data and, unless the fault config has its own, of fault decisions. Default 1. */
  readonly seed?: number
  /** Number of accounts to generate at start. Default 0. */
  readonly seedAccounts?: number
  /** Accepted bearer token. Default `emulator-token`. */
  readonly token?: string
  /** Accepted X-Auth-Key. Default `emulator-api-key`. */
  readonly apiKey?: string
  /** Accepted X-Auth-Email (compared case-insensitively). Default `admin@example.com`. */
  readonly email?: string
  /** Accepted X-Auth-User-Service-Key. Default `emulator-user-service-key`. */
  readonly userServiceKey?: string
  /** Faults to inject from the start. Default none. */
  readonly faults?: FaultConfig
  /**
   * Whether `POST /accounts/move` (batch move) works. Cloudflare's reference marks it
   * "Not implemented": with `"not_implemented"` it answers 501 with the
   * organizations-API error envelope (`ErrorCodes.notImplemented`), after
   * authentication, and changes nothing. Default `"implemented"`.
   */
  readonly batchMove?: BatchMoveMode
  /**
   * Every N-th seeded account (the N-th, 2N-th, ...) has the type `"partner"`, which the spec does
   * not list, as Cloudflare may send a type clients do not know yet. Default 0: none (every seeded
   * type is `standard` or `enterprise`).
   */
  readonly unknownTypeEvery?: number
  /**
   * What `result_info.total_count` counts on a listing filtered by `name`. `"filtered"` (the
   * default): the accounts that match, so `total_count` bounds the listing. `"unfiltered"`: every
   * account, as the spec defines it ("Total results available without any search parameters"),
   * so a filtered listing is shorter than its `total_count`. Cloudflare's actual behaviour is not
   * known; a client must be right under both.
   */
  readonly filteredTotalCount?: FilteredTotalCount
}

/**
 * What `total_count` counts on a filtered listing.
 *
 * @since 0.1.0
 */
export type FilteredTotalCount = "filtered" | "unfiltered"

/**
 * How `POST /accounts/move` answers.
 *
 * @since 0.1.0
 */
export type BatchMoveMode = "implemented" | "not_implemented"

/**
 * Options with every default filled in.
 *
 * @since 0.1.0
 */
export interface ResolvedOptions {
  readonly port: number
  readonly host: "127.0.0.1"
  readonly seed: number
  readonly seedAccounts: number
  readonly token: string
  readonly apiKey: string
  readonly email: string
  readonly userServiceKey: string
  readonly faults: FaultConfig
  readonly batchMove: BatchMoveMode
  readonly unknownTypeEvery: number
  readonly filteredTotalCount: FilteredTotalCount
}

/**
 * @since 0.1.0
 */
export const defaults: ResolvedOptions = {
  port: 0,
  host: "127.0.0.1",
  seed: 1,
  seedAccounts: 0,
  token: "emulator-token",
  apiKey: "emulator-api-key",
  email: "admin@example.com",
  userServiceKey: "emulator-user-service-key",
  faults: { rules: [] },
  batchMove: "implemented",
  unknownTypeEvery: 0,
  filteredTotalCount: "filtered"
}

/**
 * @since 0.1.0
 */
export const resolve = (options: EmulatorOptions = {}): ResolvedOptions => ({
  port: options.port ?? defaults.port,
  host: defaults.host,
  seed: options.seed ?? defaults.seed,
  seedAccounts: options.seedAccounts ?? defaults.seedAccounts,
  token: options.token ?? defaults.token,
  apiKey: options.apiKey ?? defaults.apiKey,
  email: options.email ?? defaults.email,
  userServiceKey: options.userServiceKey ?? defaults.userServiceKey,
  faults: options.faults ?? defaults.faults,
  batchMove: options.batchMove ?? defaults.batchMove,
  unknownTypeEvery: options.unknownTypeEvery ?? defaults.unknownTypeEvery,
  filteredTotalCount: options.filteredTotalCount ?? defaults.filteredTotalCount
})
