-- Slack installed in many workspaces (OAuth): one row per workspace (or per Enterprise Grid org for an org-wide
-- install). The installation, with its bot token, is stored only encrypted (AES-256-GCM, key from SECRETS_KEY);
-- the ids beside it are not secret and are what lookups use.
CREATE TABLE slack_installations (
  install_key           TEXT PRIMARY KEY,            -- the team id, or the enterprise id for an org-wide install
  team_id               TEXT,
  enterprise_id         TEXT,
  is_enterprise_install INTEGER NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
  team_name             TEXT NOT NULL DEFAULT '',
  sealed                TEXT NOT NULL,               -- v1.<iv>.<tag>.<ciphertext> (base64url) of the installation JSON
  installed_at          TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX slack_installations_enterprise ON slack_installations(enterprise_id) WHERE enterprise_id IS NOT NULL;

-- Which workspace a conversation we posted in belongs to, so a later update uses that workspace's token.
CREATE TABLE slack_conversations (
  channel_id TEXT PRIMARY KEY,
  team_id    TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
