-- The deletion check of a fanned-out sync, paged over the sync queue like its page ranges: the
-- candidates (live accounts of the previous snapshot the listing did not return) are frozen here
-- once every range is staged, in id order (`seq` from 0), and checked in chunks of `sync_chunks`
-- (kind "checks", first_page..last_page being a range of `seq`), each chunk taking its GETs from
-- the shared budget first. `outcome` is what `GET /accounts/{account_id}` said: NULL until its
-- chunk ran, then "gone" (404), "inaccessible" (403) or "exists" (staged, kept and refreshed).
-- The sync is applied when every chunk is done; its rows go with its staging rows.
ALTER TABLE sync_chunks ADD COLUMN kind TEXT NOT NULL DEFAULT 'pages';
CREATE TABLE sync_candidates (
  sync_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  outcome TEXT,
  PRIMARY KEY (sync_id, seq)
);
