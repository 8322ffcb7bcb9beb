-- What each completed sync left behind, for the dashboard's 30-day chart (one query): live
-- accounts, how many comply, how many are inaccessible, open findings, and open findings per
-- rule as a JSON object ({"enforce-twofactor": 12, ...}). Written in the sync's own transaction.
CREATE TABLE sync_aggregates (
  sync_id TEXT PRIMARY KEY,
  finished_at TEXT NOT NULL,
  accounts INTEGER NOT NULL,
  compliant INTEGER NOT NULL,
  inaccessible INTEGER NOT NULL,
  open_findings INTEGER NOT NULL,
  open_by_rule TEXT NOT NULL
);
CREATE INDEX sync_aggregates_finished ON sync_aggregates (finished_at);
