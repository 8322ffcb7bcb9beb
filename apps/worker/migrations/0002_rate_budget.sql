-- The API request budget shared by every invocation (queue batches, syncs): a fixed window
-- of BUDGET_WINDOW_SECONDS with at most BUDGET_REQUESTS requests. One row.
CREATE TABLE rate_budget (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  window_start INTEGER NOT NULL,  -- epoch milliseconds
  used INTEGER NOT NULL,
  last_grant INTEGER NOT NULL DEFAULT 0
);
