-- Coordinators keep the directory true: people's own working hours, a capacity a named contact set until a
-- day, the answer to a review request, and an audit of every change made on the coordinator pages.
ALTER TABLE people ADD COLUMN work_start_hour INTEGER;   -- local hour the person's working day starts (NULL: default)
ALTER TABLE people ADD COLUMN work_end_hour INTEGER;     -- local hour it ends, exclusive (NULL: default)

ALTER TABLE services ADD COLUMN capacity_until TEXT;      -- YYYY-MM-DD: the capacity a named contact set lasts until then

ALTER TABLE review_requests ADD COLUMN answer TEXT;       -- still_right | closed | needs_changes
ALTER TABLE review_requests ADD COLUMN answered_by TEXT;
ALTER TABLE review_requests ADD COLUMN answered_at TEXT;

CREATE TABLE directory_audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,                 -- who: a coordinator's sign-in name, or a person id from chat
  action    TEXT NOT NULL,                 -- e.g. service_edited, import_applied, person_settings, message_retried
  subject   TEXT NOT NULL DEFAULT '',      -- service id, person id or outbox id
  details   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX directory_audit_at ON directory_audit(at);

-- A secure e-mail link for a directory review points at the service instead of an introduction.
ALTER TABLE email_links ADD COLUMN service_id TEXT REFERENCES services(id) ON DELETE CASCADE;
