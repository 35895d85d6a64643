-- Every introduction ends. The introducer is asked for the outcome after the follow-up date (outcome_asks counts the
-- questions, not_yet_count / not_yet_at the "Not yet" answers); an introduction nobody finishes closes with the
-- outcome 'unknown'. A service may wait a different number of working days before that (NULL: the default).
ALTER TABLE handovers ADD COLUMN outcome_asks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE handovers ADD COLUMN not_yet_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE handovers ADD COLUMN not_yet_at TEXT;
ALTER TABLE services ADD COLUMN outcome_wait_days INTEGER;
-- The purge also looks for introductions sent longer ago than the retention maximum, whatever their state.
CREATE INDEX handovers_unpurged_created ON handovers(created_at) WHERE purged_at IS NULL;
