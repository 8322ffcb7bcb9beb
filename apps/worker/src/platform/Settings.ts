/**
 * The worker's tunables, read with `Config` from the Worker's vars (see `wrangler.jsonc`).
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Layer from "effect/Layer"
import { SEND_BATCH_LIMIT } from "./Queues.js"

const positiveInt = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "must be a positive integer", validation: (n) => n > 0 }),
    Config.withDefault(fallback)
  )

export const SettingsConfig = Config.all({
  rules: Config.all({
    enforceTwofactor: Config.boolean("RULE_ENFORCE_TWOFACTOR").pipe(Config.withDefault(true)),
    abuseContact: Config.boolean("RULE_ABUSE_CONTACT").pipe(Config.withDefault(true))
  }),
  syncPageSize: positiveInt("SYNC_PAGE_SIZE", 50),
  fanoutThreshold: positiveInt("SYNC_FANOUT_THRESHOLD", 2000),
  pagesPerMessage: positiveInt("SYNC_PAGES_PER_MESSAGE", 10),
  /**
   * Accounts of the previous snapshot a sync did not list are confirmed one GET each before
   * they are marked deleted. The most checks one invocation makes: an inline sync with more
   * candidates marks none deleted; a fanned-out sync pages its checks over the sync queue in
   * chunks no larger, and checks up to this many or a tenth of its listing, whichever is more
   * (`sync/DeletionCheck.ts`). 0 never deletes.
   */
  maxDeleteChecks: Config.integer("SYNC_MAX_DELETE_CHECKS").pipe(
    Config.validate({ message: "must be 0 or more", validation: (n) => n >= 0 }),
    Config.withDefault(500)
  ),
  /** A sync still "running" after this long no longer blocks a new one. */
  syncStaleMinutes: positiveInt("SYNC_STALE_MINUTES", 30),
  /**
   * An inline sync's listing that is not a consistent snapshot is read again from page 1
   * after this many milliseconds, doubled for each further pass (the client's `restartDelay`);
   * unset: the client's own default.
   */
  syncRestartDelayMs: Config.option(
    Config.integer("SYNC_RESTART_DELAY_MS").pipe(
      Config.validate({ message: "must be 0 or more", validation: (n) => n >= 0 })
    )
  ),
  rateLimitRequests: positiveInt("RATE_LIMIT_REQUESTS", 1200),
  rateLimitWindowSeconds: positiveInt("RATE_LIMIT_WINDOW_SECONDS", 300),
  concurrency: positiveInt("CONCURRENCY", 4),
  /** API requests all invocations may make per budget window; 0 turns the shared budget off. */
  budgetRequests: Config.integer("BUDGET_REQUESTS").pipe(
    Config.validate({ message: "must be 0 or more", validation: (n) => n >= 0 }),
    Config.withDefault(600)
  ),
  /**
   * Length of a budget window in seconds. 300 matches Cloudflare's limit; a shorter window
   * (with `BUDGET_REQUESTS` scaled alike) compresses time in benches, never in production.
   */
  budgetWindowSeconds: positiveInt("BUDGET_WINDOW_SECONDS", 300),
  /**
   * Percent of a budget window (1 to 100) a fanned-out sync may take while job items wait;
   * jobs keep the rest, and while a sync runs they cannot take its share (`db/RateBudget.ts`).
   */
  syncBudgetShare: Config.integer("SYNC_BUDGET_SHARE").pipe(
    Config.validate({ message: "must be 1 to 100", validation: (n) => n >= 1 && n <= 100 }),
    Config.withDefault(75)
  ),
  jobMaxAttempts: positiveInt("JOB_MAX_ATTEMPTS", 5),
  /**
   * How long a claimed job item is held before another delivery may take it over. Longer
   * than a queue consumer invocation may run (15 minutes of wall clock), and the holder's calls
   * are cut off at 90% of it (`JobWorker.applyTimeout`), so only the lease of a holder that has
   * stopped ever expires.
   */
  jobLeaseSeconds: positiveInt("JOB_LEASE_SECONDS", 960),
  /**
   * Messages per `sendBatch` on either queue: 1 to 100 (the queues' limit). A job's enqueue
   * records its progress (`jobs.sent`) after each batch.
   */
  queueSendBatch: Config.integer("QUEUE_SEND_BATCH").pipe(
    Config.validate({ message: "must be 1 to 100", validation: (n) => n >= 1 && n <= SEND_BATCH_LIMIT }),
    Config.withDefault(SEND_BATCH_LIMIT)
  ),
  /** First queue retry delay; doubled per attempt, capped at 15 minutes. 0 retries at once. */
  retryBaseDelaySeconds: Config.integer("RETRY_BASE_DELAY_SECONDS").pipe(
    Config.validate({ message: "must be 0 or more", validation: (n) => n >= 0 }),
    Config.withDefault(10)
  )
})

export type SettingsShape = Config.Config.Success<typeof SettingsConfig>

export class Settings extends Context.Tag("@cf-accounts/worker/Settings")<Settings, SettingsShape>() {
  static readonly layerConfig = Layer.effect(Settings, SettingsConfig)
}
