-- The policy is the user's (issue 23): every version of the policy file PUT /v1/policy stored,
-- none ever changed or removed. `text`: the file as sent (YAML or JSON); `file`: the file as the
-- policy engine parsed it (JSON). `created_by`: "token", or the Cloudflare Access email.
-- With no row, the worker uses its default policy (see findings/Policy.ts).
CREATE TABLE policy_versions (
  version INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  file TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- The policy version a sync audits with (NULL: the default policy), fixed when it starts, so
-- every page range of a fanned-out sync audits with the same one.
ALTER TABLE syncs ADD COLUMN policy_version INTEGER;

-- Findings come from the policy engine: its rule ids, its detail, and the exception that
-- silenced a finding (status "excused") or that expired (status "open"), as JSON
-- {rule, accounts, reason, expires, expired}. Status: "open", "excused" or "resolved".
UPDATE findings SET rule = 'enforce_twofactor' WHERE rule = 'enforce-twofactor';
UPDATE findings SET rule = 'abuse_contact_email' WHERE rule = 'abuse-contact';
ALTER TABLE findings ADD COLUMN exception TEXT;
UPDATE sync_aggregates SET open_by_rule =
  replace(replace(open_by_rule, '"enforce-twofactor"', '"enforce_twofactor"'), '"abuse-contact"', '"abuse_contact_email"');

-- What a sync's audit reported, page by page, where it stages the accounts; the step that
-- applies the sync opens, excuses and resolves findings from it (one transaction), then clears it.
CREATE TABLE sync_findings (
  sync_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  status TEXT NOT NULL,         -- "open" or "excused"
  detail TEXT NOT NULL,
  exception TEXT,
  PRIMARY KEY (sync_id, account_id, rule)
);
