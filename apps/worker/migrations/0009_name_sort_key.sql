-- Names in natural order ("Labs 69" before "Labs 414"): `name_key` is the name in lower case
-- with each run of digits written as its length then its digits (db/Accounts.ts `nameKey`),
-- computed by the worker where it writes an account (a sync's staging, a job's write), and the
-- account listing sorts and pages by (name_key, id). SQLite cannot compute the key, so rows
-- written before this migration get their lower-case name until the next completed sync
-- writes every live account again.
ALTER TABLE accounts ADD COLUMN name_key TEXT;
ALTER TABLE sync_staging ADD COLUMN name_key TEXT;
UPDATE accounts SET name_key = lower(name);
CREATE INDEX accounts_name_key ON accounts (name_key, id);
