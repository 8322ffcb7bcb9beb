-- Live accounts in natural name order (the accounts listing sorted by name, either way): found by
-- an index search instead of sorting every live account in a temporary table (101 ms at 100,000).
CREATE INDEX accounts_live_name ON accounts (deleted_at, inaccessible_since, name_key, id);
