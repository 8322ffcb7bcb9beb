-- Inventory snapshot: one row per account ever seen. Rows are only written when a sync completes.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  settings TEXT,                -- JSON object as the API returned it
  managed_by TEXT,              -- JSON object as the API returned it
  created_on TEXT,
  enforce_twofactor INTEGER,    -- settings.enforce_twofactor (1, 0, NULL when absent)
  abuse_contact_email TEXT,     -- settings.abuse_contact_email
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  last_sync_id TEXT NOT NULL,
  deleted_at TEXT,              -- set when a completed sync no longer saw the account
  compliant INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX accounts_name ON accounts (name);
CREATE INDEX accounts_compliant ON accounts (compliant, id);

-- One row per sync run: running, completed or failed (with the error).
CREATE TABLE syncs (
  id TEXT PRIMARY KEY,
  trigger TEXT NOT NULL,        -- "scheduled" or "api"
  mode TEXT NOT NULL,           -- "inline" or "fanout"
  status TEXT NOT NULL,         -- "running", "finalizing", "completed", "failed"
  started_at TEXT NOT NULL,
  finished_at TEXT,
  total_count INTEGER,
  chunks_total INTEGER NOT NULL DEFAULT 0,
  accounts_seen INTEGER NOT NULL DEFAULT 0,
  accounts_deleted INTEGER NOT NULL DEFAULT 0,
  error TEXT
);
CREATE INDEX syncs_started ON syncs (started_at);
-- At most one sync runs at a time, even when two start at the same instant.
CREATE UNIQUE INDEX syncs_one_active ON syncs ((1)) WHERE status IN ('running', 'finalizing');

-- Accounts seen by a sync that has not completed yet. Merged into `accounts`, then cleared,
-- only when the sync completes, so a failed sync never touches the previous snapshot.
CREATE TABLE sync_staging (
  sync_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  settings TEXT,
  managed_by TEXT,
  created_on TEXT,
  PRIMARY KEY (sync_id, id)
);

-- Page ranges of a fanned-out sync, one row per queue message.
CREATE TABLE sync_chunks (
  sync_id TEXT NOT NULL,
  chunk INTEGER NOT NULL,
  first_page INTEGER NOT NULL,
  last_page INTEGER NOT NULL,
  status TEXT NOT NULL,         -- "pending", "done"
  accounts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sync_id, chunk)
);

-- Policy findings: one row per (account, rule); resolved when the account complies again.
CREATE TABLE findings (
  account_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  status TEXT NOT NULL,         -- "open" or "resolved"
  detail TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  resolved_at TEXT,
  PRIMARY KEY (account_id, rule)
);
CREATE INDEX findings_status ON findings (status, account_id, rule);

-- Bulk jobs and their items (one item per account, one queue message per item).
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,           -- "enforce-twofactor" or "move"
  params TEXT NOT NULL,         -- JSON, e.g. {"destination_organization_id": "..."}
  created_at TEXT NOT NULL,
  total INTEGER NOT NULL
);

CREATE TABLE job_items (
  job_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  state TEXT NOT NULL,          -- "pending", "done", "failed"
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,                   -- JSON: the last error (tag, status, Cloudflare errors[], message)
  updated_at TEXT NOT NULL,
  PRIMARY KEY (job_id, account_id)
);
CREATE INDEX job_items_state ON job_items (job_id, state);
