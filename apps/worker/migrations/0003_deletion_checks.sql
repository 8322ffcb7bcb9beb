-- Deletion confirmation: an account of the previous snapshot that a sync did not list is
-- only marked deleted once `GET /accounts/{account_id}` answers 404.
-- How many accounts of the previous snapshot the sync did not list (each one a GET).
ALTER TABLE syncs ADD COLUMN deletion_candidates INTEGER NOT NULL DEFAULT 0;
-- 1 when the candidates exceeded SYNC_MAX_DELETE_CHECKS: nothing was marked deleted.
ALTER TABLE syncs ADD COLUMN deletions_skipped INTEGER NOT NULL DEFAULT 0;
-- What a person should know about a completed sync (fewer accounts listed than reported, skipped deletions).
ALTER TABLE syncs ADD COLUMN warning TEXT;
