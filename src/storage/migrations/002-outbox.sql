-- Nobody is forgotten: the schedule of what is due, the outbox of messages to deliver, the live cards
-- people already have, the dispatcher's lease, directory review requests and where people were last seen.

-- What is due when: nudges, escalations, expiries, digests, directory reviews. One row per (subject, kind, time).
CREATE TABLE schedule (
  id           INTEGER PRIMARY KEY,
  subject_id   TEXT NOT NULL,                -- a handover id, a service id, or a digest key
  kind         TEXT NOT NULL,                -- reply_nudge, escalate, expire, follow_up_nudge, follow_up_introducer, digest, review_stale
  recipient_id TEXT NOT NULL DEFAULT '',       -- the person who will be nudged; '' for system actions
  due_at       TEXT NOT NULL,                -- ISO time, UTC
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','cancelled','folded')),
  folded_into  INTEGER REFERENCES schedule(id), -- the digest row a nudge was folded into
  created_at   TEXT NOT NULL,
  done_at      TEXT,
  UNIQUE (subject_id, kind, due_at, recipient_id)
);
CREATE INDEX schedule_due ON schedule(due_at) WHERE status = 'pending';
CREATE INDEX schedule_subject ON schedule(subject_id, status);
CREATE INDEX schedule_folded ON schedule(folded_into) WHERE folded_into IS NOT NULL;

-- Messages waiting to be delivered. Only the request (what to compose, for whom), never card text or client details.
CREATE TABLE outbox (
  id                 INTEGER PRIMARY KEY,
  idempotency_key    TEXT NOT NULL UNIQUE,
  recipient          TEXT NOT NULL,          -- JSON {personId} or {channel:{platform,tenant,channelId}}
  card               TEXT NOT NULL,          -- JSON CardRequest
  mode               TEXT NOT NULL CHECK (mode IN ('live','new')),
  live_key           TEXT,
  subject_id         TEXT NOT NULL,
  not_before         TEXT NOT NULL,
  status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','dead','skipped')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  rate_limited       INTEGER NOT NULL DEFAULT 0,
  last_error         TEXT,
  created_at         TEXT NOT NULL,
  sent_at            TEXT,
  platform           TEXT                    -- where it went in the end
);
CREATE INDEX outbox_ready ON outbox(not_before, id) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox(status) WHERE status IN ('sending','dead');
CREATE INDEX outbox_subject ON outbox(subject_id);

-- The one live card a person has for a subject (introduction, receipt, escalation): registered when first queued,
-- the platform's message reference filled in once it was sent, so later changes update it in place.
CREATE TABLE sent_cards (
  live_key        TEXT PRIMARY KEY,
  subject_id      TEXT NOT NULL,
  kind            TEXT NOT NULL,
  viewer_id       TEXT,
  recipient       TEXT NOT NULL,            -- JSON Recipient
  platform        TEXT,
  conversation_id TEXT,
  message_id      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX sent_cards_subject ON sent_cards(subject_id);

-- Only one instance dispatches: whoever holds the lease until it expires.
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- Directory freshness: one review request per service per last-reviewed date.
CREATE TABLE review_requests (
  service_id     TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  reviewed_as_of TEXT NOT NULL,             -- the services.last_reviewed value when asked ('' if never)
  requested_at   TEXT NOT NULL,
  PRIMARY KEY (service_id, reviewed_as_of)
);

-- The platform a person last used, so messages go where they are.
CREATE TABLE person_seen (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  platform  TEXT NOT NULL,
  seen_at   TEXT NOT NULL,
  PRIMARY KEY (person_id, platform)
);

-- Retention: find closed handovers whose client details are due to be purged.
CREATE INDEX handovers_purge ON handovers(closed_at) WHERE purged_at IS NULL AND closed_at IS NOT NULL;
