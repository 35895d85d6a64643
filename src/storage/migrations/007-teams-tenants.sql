-- Teams tenants this deployment serves: each organisation registers the bot in its own Azure tenant (a single-tenant
-- app registration), and one deployment holds several. The password is never stored here: secret_env is the NAME of
-- an environment variable that holds it (for example TEAMS_SECRET_CAMDEN), read by the server when it starts.
-- The registration from MICROSOFT_APP_ID / MICROSOFT_APP_TENANT_ID in the environment is not in this table.

CREATE TABLE teams_tenants (
  tenant_id  TEXT PRIMARY KEY,                 -- the organisation's Azure AD (Entra ID) tenant id, lower-case GUID
  app_id     TEXT NOT NULL,                    -- the bot's app registration id in that tenant, lower-case GUID
  secret_env TEXT NOT NULL,                    -- name of the environment variable holding the app password
  created_at TEXT NOT NULL
);
