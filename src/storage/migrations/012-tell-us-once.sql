-- One answer per press: each form submit or button press that changed something keeps its key, so a repeat
-- (double-click, Slack or Teams retry, a second tab) is answered from here and changes nothing.
CREATE TABLE action_keys (
  key         TEXT PRIMARY KEY,
  actor_id    TEXT NOT NULL,
  action_id   TEXT NOT NULL,
  handover_id TEXT NOT NULL,
  at          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX action_keys_at ON action_keys(at);

-- A re-introduction records the introduction it follows; an introduction started from a Slack message keeps a
-- link to that message for the introducer (purged with the client details).
ALTER TABLE handovers ADD COLUMN follows_id TEXT;
ALTER TABLE handovers ADD COLUMN source_link TEXT;
CREATE INDEX handovers_follows ON handovers(follows_id) WHERE follows_id IS NOT NULL;
