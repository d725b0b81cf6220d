-- Veldwerk local replica, schema version 9: messages to residents and municipalities, recorded
-- on the laptop (offline) for the portal to send. The whole record is kept as JSON as it was
-- queued (exactly what is sent); the columns are for finding it. Immutable; deleted only with
-- a purged resident.

CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    resident_id     TEXT NOT NULL,
    job_id          TEXT,
    appointment_id  TEXT,
    recipient       TEXT NOT NULL CHECK (recipient IN ('resident', 'municipality')),
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'letter')),
    reason          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    record          TEXT NOT NULL
) STRICT;
CREATE INDEX messages_resident ON messages(resident_id);
CREATE INDEX messages_job ON messages(job_id);

CREATE TRIGGER messages_immutable BEFORE UPDATE ON messages
BEGIN
    SELECT RAISE(ABORT, 'a message is immutable');
END;
CREATE TRIGGER messages_kept BEFORE DELETE ON messages
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'a message is kept');
END;
