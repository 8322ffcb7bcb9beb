// Generated from the worker's OpenAPI document (src/api/WorkerApi.ts) by scripts/openapi.mjs: do not edit.
// Regenerate with `pnpm --filter @cf-accounts/worker openapi` (the dashboard's build does it first).

/** Each operation of the worker's API (`group.endpoint`) and its path, a key of `paths` in api.d.ts. */
export const operations = {
  "meta.health": "/v1/health",
  "meta.openapi": "/v1/openapi.json",
  "accounts.list": "/v1/accounts",
  "accounts.get": "/v1/accounts/{account_id}",
  "accounts.jobs": "/v1/accounts/{account_id}/jobs",
  "findings.list": "/v1/findings",
  "syncs.start": "/v1/sync",
  "syncs.list": "/v1/syncs",
  "syncs.get": "/v1/syncs/{sync_id}",
  "jobs.create": "/v1/jobs",
  "jobs.get": "/v1/jobs/{job_id}",
  "jobs.resume": "/v1/jobs/{job_id}/resume",
  "policy.get": "/v1/policy",
  "policy.put": "/v1/policy",
  "policy.versions": "/v1/policy/versions",
  "policy.version": "/v1/policy/versions/{version}",
  "dashboard.overview": "/v1/dashboard/overview",
  "dashboard.recentJobs": "/v1/dashboard/jobs",
  "dashboard.fixPreview": "/v1/dashboard/fix-preview/{rule}",
  "dashboard.session": "/v1/dashboard/session"
} as const
