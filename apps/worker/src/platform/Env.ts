/**
 * The Worker's bindings, as declared in `wrangler.jsonc`.
 */
import type { D1Database, Queue } from "@cloudflare/workers-types/index.ts"
import type { JobMessage } from "./JobMessage.js"
import type { SyncMessage } from "./SyncMessage.js"

export interface Env {
  /** The inventory, findings and jobs database (migrations in `migrations/`). */
  readonly DB: D1Database
  /** One message per job item. */
  readonly JOBS_QUEUE: Queue<JobMessage>
  /** One message per page range of a fanned-out sync. */
  readonly SYNC_QUEUE: Queue<SyncMessage>
  /**
   * Secret: the Cloudflare API token the client uses. Read, like the other `CLOUDFLARE_*`
   * credentials and `CLOUDFLARE_BASE_URL`, by the client's `layerConfig` through
   * `Runtime.configProvider`; an empty value counts as unset.
   */
  readonly CLOUDFLARE_API_TOKEN?: string
  /** Secret: the bearer token callers of the API present. */
  readonly ADMIN_TOKEN?: string
  /**
   * The dashboard's static files (`assets` in `wrangler.jsonc`, run after the worker so every
   * answer gets the security headers). Absent in tests that run without them.
   */
  readonly ASSETS?: { readonly fetch: (request: Request) => Promise<Response> }
  /** Vars: Cloudflare Access team origin (`https://<team>.cloudflareaccess.com`) and the application's AUD tag. */
  readonly ACCESS_TEAM_DOMAIN?: string
  readonly ACCESS_AUD?: string
  /** Var: the API base URL (the emulator's in local runs); empty means the default. */
  readonly CLOUDFLARE_BASE_URL?: string
  /** Further string vars (rules, thresholds, limits): read through `Settings`. */
  readonly [variable: string]: unknown
}

/** Queue names, as in `wrangler.jsonc`. */
export const QueueNames = {
  jobs: "cf-accounts-jobs",
  sync: "cf-accounts-sync",
  deadLetter: "cf-accounts-dlq"
} as const
