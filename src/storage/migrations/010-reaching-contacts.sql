-- Reaching named contacts who have never used the app.

-- A platform where a person could not be found or reached (Slack: users_not_found, account_inactive; Teams: the
-- app is not installed for them). A look-up is not repeated while its miss is fresh; cleared when they arrive.
CREATE TABLE route_misses (
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  platform  TEXT NOT NULL,
  reason    TEXT NOT NULL,
  noted_at  TEXT NOT NULL,
  PRIMARY KEY (person_id, platform)
);

-- People who just became reachable somewhere (a new identity, however it was linked: first use, an install, the
-- people link command, a look-up). The dispatcher delivers what is waiting for them, then deletes the row.
CREATE TABLE arrivals (
  id        INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL,
  platform  TEXT NOT NULL
);
CREATE TRIGGER identity_arrived AFTER INSERT ON identities
BEGIN
  INSERT INTO arrivals (person_id, platform) VALUES (NEW.person_id, NEW.platform);
END;
CREATE TRIGGER identity_moved AFTER UPDATE OF person_id ON identities WHEN NEW.person_id <> OLD.person_id
BEGIN
  INSERT INTO arrivals (person_id, platform) VALUES (NEW.person_id, NEW.platform);
END;
-- A 1:1 chat with the bot became known for an identity (a Teams personal install for someone linked before).
CREATE TRIGGER identity_chat_known AFTER UPDATE OF details ON identities
WHEN json_extract(NEW.details, '$.reference.conversation.id') IS NOT NULL
 AND json_extract(NEW.details, '$.reference.conversation.id') IS NOT json_extract(OLD.details, '$.reference.conversation.id')
BEGIN
  INSERT INTO arrivals (person_id, platform) VALUES (NEW.person_id, NEW.platform);
END;
