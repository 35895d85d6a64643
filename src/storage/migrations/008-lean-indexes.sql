-- Fewer index pages rewritten by every state change. The person indexes no longer carry `state` (a person has a
-- handful of handovers; filtering them by state after the lookup costs nothing), so accepting, declining or closing
-- an introduction leaves them alone. schedule_subject duplicated the prefix of the schedule's UNIQUE
-- (subject_id, kind, due_at, recipient_id) index, which answers the same lookups.
DROP INDEX handovers_contact;
DROP INDEX handovers_introducer;
CREATE INDEX handovers_contact ON handovers(contact_id);
CREATE INDEX handovers_introducer ON handovers(introducer_id);
DROP INDEX schedule_subject;
