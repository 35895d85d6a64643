-- E-mail for contacts on no chat platform: secure links, one-time codes, browser sessions and sent mails.
-- Secrets (link tokens, codes, session ids) are stored only as sha256 hashes. No card content or client text here.
CREATE TABLE email_links (
  id            TEXT PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,                 -- sha256 hex of the random token in the link
  purpose       TEXT NOT NULL,                        -- what the link may be used for ('handover')
  handover_id   TEXT REFERENCES handovers(id) ON DELETE CASCADE,
  person_id     TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  address       TEXT NOT NULL,                        -- where the link (and its codes) were sent
  created_at    TEXT NOT NULL,
  expires_at    TEXT NOT NULL,
  opened_at     TEXT,                                 -- first time the page was opened
  used_at       TEXT,                                 -- a one-time code was confirmed: the link is spent
  failed_codes  INTEGER NOT NULL DEFAULT 0,           -- wrong codes over the link's whole life
  codes_sent    INTEGER NOT NULL DEFAULT 0,
  locked        INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
);
CREATE INDEX email_links_handover ON email_links(handover_id);
CREATE INDEX email_links_expiry ON email_links(expires_at);

CREATE TABLE email_codes (
  id          INTEGER PRIMARY KEY,
  link_id     TEXT NOT NULL REFERENCES email_links(id) ON DELETE CASCADE,
  code_hash   TEXT NOT NULL,                          -- sha256 hex of link id + code
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,             -- wrong tries against this code
  spent_at    TEXT                                    -- confirmed, replaced by a newer code, or too many tries
);
CREATE INDEX email_codes_link ON email_codes(link_id, spent_at);

CREATE TABLE email_sessions (
  id_hash     TEXT PRIMARY KEY,                       -- sha256 hex of the session cookie value
  link_id     TEXT NOT NULL REFERENCES email_links(id) ON DELETE CASCADE,
  csrf_token  TEXT NOT NULL,                          -- random, put in every form of the session
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX email_sessions_link ON email_sessions(link_id);

-- One row per mail sent for an outbox message: the idempotency key makes a retry return the same message.
CREATE TABLE email_messages (
  idempotency_key TEXT PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  person_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  address         TEXT NOT NULL,
  link_id         TEXT REFERENCES email_links(id) ON DELETE SET NULL,
  provider_id     TEXT NOT NULL DEFAULT '',           -- SMTP message id or Notify notification id
  sent_at         TEXT NOT NULL
);
