-- Each account as the API sent it (a JSON object): every field kept, those the worker does not
-- model (`legacy_flags`, settings it does not read) and nulls included, so the read API shows
-- the account as sent. The other columns are read from the same answer. NULL on a row no sync
-- has written since this migration (the next completed sync fills it).
ALTER TABLE accounts ADD COLUMN account TEXT;
ALTER TABLE sync_staging ADD COLUMN account TEXT;
