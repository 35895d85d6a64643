-- Messages the web playground has delivered: each person's inbox and each channel, kept across restarts.
-- card holds the neutral card (it may carry client details in a person's inbox, never in a channel).
CREATE TABLE web_messages (
  id              TEXT PRIMARY KEY,
  conversation    TEXT NOT NULL,          -- 'person:<person id>' or 'channel:<channel id>'
  idempotency_key TEXT NOT NULL UNIQUE,   -- a repeated send returns the first message
  subject_id      TEXT,
  card            TEXT NOT NULL,          -- JSON of the neutral card model
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  seq             INTEGER NOT NULL        -- grows with every send or update
);
CREATE INDEX web_messages_conversation ON web_messages(conversation, seq);
