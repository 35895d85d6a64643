-- People, their chat identities, services and named contacts, handovers and the audit trail.
CREATE TABLE people (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  email        TEXT,
  organisation TEXT NOT NULL DEFAULT '',
  role         TEXT NOT NULL DEFAULT '',
  time_zone    TEXT,
  digest       INTEGER NOT NULL DEFAULT 0,   -- 1: one daily digest instead of separate nudges
  is_coordinator INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX people_email ON people(lower(email)) WHERE email IS NOT NULL;

CREATE TABLE identities (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  platform  TEXT NOT NULL CHECK (platform IN ({{PLATFORMS}})),
  tenant    TEXT NOT NULL DEFAULT '',      -- slack team id, teams tenant id, '' for web/email
  user_id   TEXT NOT NULL,                 -- slack user id, AAD object id, web id, e-mail address
  details   TEXT NOT NULL DEFAULT '{}',    -- platform extras (e.g. a Teams conversation reference)
  PRIMARY KEY (platform, tenant, user_id)
);
CREATE INDEX identities_person ON identities(person_id);

CREATE TABLE services (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  organisation    TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  keywords        TEXT NOT NULL DEFAULT '',
  categories      TEXT NOT NULL DEFAULT '[]',  -- JSON array of category ids
  journey_stage   TEXT NOT NULL DEFAULT 'multiple',
  course_type     TEXT NOT NULL DEFAULT 'bespoke',
  min_age         INTEGER,
  max_age         INTEGER,
  areas           TEXT NOT NULL DEFAULT '[]',  -- JSON array: postcode districts (SE11) or area names
  conditions      TEXT NOT NULL DEFAULT '',
  eligibility_other TEXT NOT NULL DEFAULT '',
  referral_routes TEXT NOT NULL DEFAULT '[]',
  cost            TEXT NOT NULL DEFAULT '',
  formats         TEXT NOT NULL DEFAULT '[]',
  locations       TEXT NOT NULL DEFAULT '[]',
  dates           TEXT NOT NULL DEFAULT '[]',
  capacity        TEXT NOT NULL DEFAULT 'open' CHECK (capacity IN ('open','limited','waiting_list','closed')),
  reply_by_days   INTEGER NOT NULL DEFAULT 2,
  follow_up_days  INTEGER NOT NULL DEFAULT 5,
  expiry_days     INTEGER NOT NULL DEFAULT 10,
  channel         TEXT,                        -- JSON {platform, tenant, channelId} for escalations without client details
  website         TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT '',
  how_to_refer    TEXT NOT NULL DEFAULT '',
  last_reviewed   TEXT,                        -- YYYY-MM-DD
  stale_since     TEXT,                        -- set when a review request went unanswered
  updated_at      TEXT NOT NULL
);

CREATE TABLE service_contacts (
  service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  person_id  TEXT NOT NULL REFERENCES people(id),
  role       TEXT NOT NULL CHECK (role IN ('primary','backup')),
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (service_id, person_id)
);

CREATE VIRTUAL TABLE services_fts USING fts5(
  name, description, keywords, organisation, categories,
  content='services', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER services_ai AFTER INSERT ON services BEGIN
  INSERT INTO services_fts(rowid, name, description, keywords, organisation, categories)
  VALUES (new.rowid, new.name, new.description, new.keywords, new.organisation, new.categories);
END;
CREATE TRIGGER services_ad AFTER DELETE ON services BEGIN
  INSERT INTO services_fts(services_fts, rowid, name, description, keywords, organisation, categories)
  VALUES ('delete', old.rowid, old.name, old.description, old.keywords, old.organisation, old.categories);
END;
CREATE TRIGGER services_au AFTER UPDATE ON services BEGIN
  INSERT INTO services_fts(services_fts, rowid, name, description, keywords, organisation, categories)
  VALUES ('delete', old.rowid, old.name, old.description, old.keywords, old.organisation, old.categories);
  INSERT INTO services_fts(rowid, name, description, keywords, organisation, categories)
  VALUES (new.rowid, new.name, new.description, new.keywords, new.organisation, new.categories);
END;

CREATE TABLE handovers (
  id              TEXT PRIMARY KEY,
  version         INTEGER NOT NULL,
  state           TEXT NOT NULL,
  service_id      TEXT NOT NULL REFERENCES services(id),
  introducer_id   TEXT NOT NULL REFERENCES people(id),
  contact_id      TEXT NOT NULL REFERENCES people(id),   -- the current named contact
  escalated_to    TEXT NOT NULL DEFAULT '[]',            -- JSON person ids who may also act after escalation
  client          TEXT,                                  -- JSON client details; NULL once purged
  consent         TEXT NOT NULL,                         -- JSON {confirmedBy, at, how}
  urgency         TEXT NOT NULL,
  reply_by        TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  follow_up_at    TEXT,
  snoozed_until   TEXT,
  outcome         TEXT,
  decline_reason  TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  accepted_at     TEXT,
  answered_at     TEXT,
  contact_made_at TEXT,
  closed_at       TEXT,
  purged_at       TEXT,
  opportunity_id  TEXT
);
CREATE INDEX handovers_state ON handovers(state, reply_by);
CREATE INDEX handovers_contact ON handovers(contact_id, state);
CREATE INDEX handovers_introducer ON handovers(introducer_id, state);
CREATE INDEX handovers_service ON handovers(service_id, created_at);

-- Notes carry free text, so they are purged with the client details.
CREATE TABLE handover_notes (
  id          INTEGER PRIMARY KEY,
  handover_id TEXT NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL REFERENCES people(id),
  at          TEXT NOT NULL,
  text        TEXT NOT NULL
);

-- Every state change and notable event, with no client-identifying text.
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  handover_id TEXT NOT NULL,
  actor_id    TEXT NOT NULL,          -- a person id, or 'system'
  event       TEXT NOT NULL,
  from_state  TEXT,
  to_state    TEXT,
  at          TEXT NOT NULL,
  details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_handover ON audit(handover_id, id);
