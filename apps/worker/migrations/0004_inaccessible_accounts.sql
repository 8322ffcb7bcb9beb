-- Accounts the worker's token can no longer see. A deletion candidate (not listed) whose
-- `GET /accounts/{account_id}` answers 403 is not deleted: it is marked with the time it
-- became inaccessible, left out of the default listing and of later deletion checks, and
-- the mark is cleared when a listing shows the account again.
ALTER TABLE accounts ADD COLUMN inaccessible_since TEXT;
-- How many accounts a sync marked inaccessible (also said in its warning).
ALTER TABLE syncs ADD COLUMN accounts_inaccessible INTEGER NOT NULL DEFAULT 0;
