-- Job guarantees: atomic claims with leases, truthful creation (what was enqueued), idempotent POSTs.
-- An item being applied is `running` until `lease_until` (ISO time); a claim takes an item that is
-- `pending`, or `running` with an expired lease, in one conditional UPDATE (see jobs/JobWorker.ts).
-- States: "pending", "running", "done", "skipped" (nothing to change), "failed".
ALTER TABLE job_items ADD COLUMN lease_until TEXT;
CREATE INDEX job_items_lease ON job_items (state, lease_until);
-- How many of a job's items (in account id order) are known to be on the queue. A job with
-- sent < total is resumed by the cron or POST /v1/jobs/:id/resume. Jobs created before this
-- migration sent everything (or marked the unsent items failed).
ALTER TABLE jobs ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
UPDATE jobs SET sent = total;
-- Idempotency-Key of POST /v1/jobs: the key, a SHA-256 of the canonical request body and the
-- job it created, kept for 24 hours. The primary key decides between concurrent duplicates.
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  job_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
