-- A status reply goes in the thread of the card it is about (a Slack DM's receipt or introduction card), so the
-- person is notified while the card itself changes in place. thread_key is the live key of that card.
ALTER TABLE outbox ADD COLUMN thread_key TEXT;
