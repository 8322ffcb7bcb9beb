-- Fleet scale (issue 24): indexes for the dashboard's queries at 100,000 accounts, and the
-- sync's share of the shared request budget. test/query-plans.test.ts checks each dashboard
-- query's plan against these.

-- Live accounts the token sees (`deleted_at IS NULL AND inaccessible_since IS NULL`): the
-- overview's counts and the default account listing, in id order, found by an index search
-- instead of a scan of the table; with `compliant` for the compliant filter and count.
CREATE INDEX accounts_live ON accounts (deleted_at, inaccessible_since, compliant, id);
CREATE INDEX accounts_live_id ON accounts (deleted_at, inaccessible_since, id);
-- Open findings by rule: the overview's counts per rule and the findings listing filtered by
-- status and rule, in account order.
CREATE INDEX findings_status_rule ON findings (status, rule, account_id);

-- Requests fanned-out sync ranges and a sync's own reads took in the current window, beside
-- `used` (everything): while job items wait, a sync takes at most SYNC_BUDGET_SHARE percent
-- of a window; while a sync runs, jobs cannot take its share (db/RateBudget.ts).
ALTER TABLE rate_budget ADD COLUMN sync_used INTEGER NOT NULL DEFAULT 0;
