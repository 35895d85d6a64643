-- Opportunities shared in peer-group channels (courses, jobs, volunteering, groups, events), where each was
-- posted, the channels registered as peer groups, and which weekly digests have gone out.
-- Nothing here holds client details: an opportunity is about a provider's offer, never about a person helped.

CREATE TABLE opportunities (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  provider     TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('course','job','volunteering','group','event')),
  summary      TEXT,                                   -- what it is, optional
  dates        TEXT,                                   -- when it runs, as typed ("Tuesdays 10:00-12:00 from 12 Jan")
  deadline     TEXT NOT NULL,                          -- ISO instant (UTC); open while now < deadline
  who_for      TEXT NOT NULL,
  how_to_join  TEXT NOT NULL,
  posted_by    TEXT NOT NULL REFERENCES people(id),
  contact_id   TEXT NOT NULL REFERENCES people(id),    -- the named contact "Introduce a client to this" goes to
  service_id   TEXT REFERENCES services(id) ON DELETE SET NULL, -- the directory service introductions go through
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
  created_at   TEXT NOT NULL,
  closed_at    TEXT,
  closed_by    TEXT,                                   -- a person id, or 'system' when the deadline passed
  close_reason TEXT CHECK (close_reason IN ('deadline','manual'))
);
CREATE INDEX opportunities_open_deadline ON opportunities(deadline) WHERE status = 'open';
CREATE INDEX opportunities_created ON opportunities(created_at);

-- Where each opportunity was posted: one card per channel, updated in place when it closes.
CREATE TABLE opportunity_posts (
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  platform       TEXT NOT NULL CHECK (platform IN ({{PLATFORMS}})),
  tenant         TEXT NOT NULL DEFAULT '',
  channel_id     TEXT NOT NULL,
  posted_at      TEXT NOT NULL,
  PRIMARY KEY (opportunity_id, platform, tenant, channel_id)
);
CREATE INDEX opportunity_posts_channel ON opportunity_posts(platform, tenant, channel_id);

-- A channel registered as a peer group, with a name people recognise.
CREATE TABLE peer_groups (
  platform      TEXT NOT NULL CHECK (platform IN ({{PLATFORMS}})),
  tenant        TEXT NOT NULL DEFAULT '',
  channel_id    TEXT NOT NULL,
  name          TEXT NOT NULL,
  registered_by TEXT,
  registered_at TEXT NOT NULL,
  PRIMARY KEY (platform, tenant, channel_id)
);

-- One weekly digest run per ISO week (e.g. 2026-W48), so a sweep every minute queues it once.
CREATE TABLE opportunity_digest_runs (
  iso_week TEXT PRIMARY KEY,
  ran_at   TEXT NOT NULL
);
