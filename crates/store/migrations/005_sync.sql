-- Veldwerk local replica, schema version 5: sync with the supplier portal.
--
-- * The outbox keeps every entry after it was sent: pending -> acknowledged (the portal holds
--   it) or rejected (with the portal's code and message, shown on its job, never retried).
--   An entry is frozen: its id, type, payload and content hash never change once written.
-- * sync_state: the portal this installation is linked to, the pull cursor (only ever moves
--   forward), the offset to the portal's clock, the last successful sync and the last error.
-- * entity_versions: the portal's version of every pulled entity (sent back as base_version).
-- * deferred_changes: pulled changes held back because a change of the technician's to the
--   same row still waits to go up (or a draft is open on it); applied once it is sent.
-- * blob_refs / blobs_known: which blobs records need, their sizes, and which are on the portal.
-- * sync_notices: what a sync changed under an open job, for the job view.
-- * purge_scope: the only way past the append-only guards. A purge (a resident no longer
--   assigned, a device that left the technician's view) fills it, deletes, and empties it in
--   one transaction; a key can only enter it when nothing of it waits to go up.

ALTER TABLE outbox ADD COLUMN hash TEXT;
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'acknowledged', 'rejected'));
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
-- The last retryable failure (network, server, chain_gap, missing_blobs), for the sync screen.
ALTER TABLE outbox ADD COLUMN last_error TEXT;
-- The portal's answer: a rejection's code and message, or 1 when an update was kept as a
-- conflict for the office.
ALTER TABLE outbox ADD COLUMN answer_code TEXT;
ALTER TABLE outbox ADD COLUMN answer_nl TEXT;
ALTER TABLE outbox ADD COLUMN answer_en TEXT;
ALTER TABLE outbox ADD COLUMN conflict INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN answered_at TEXT;
CREATE INDEX outbox_state ON outbox(state, seq);

-- New entries carry their hash and start pending.
CREATE TRIGGER outbox_insert_frozen BEFORE INSERT ON outbox
WHEN NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.state <> 'pending'
BEGIN
    SELECT RAISE(ABORT, 'an outbox entry is written pending, with its hash');
END;

-- What was queued travels as it was queued. The hash of an entry written before version 5
-- is set once; the state moves only from pending.
CREATE TRIGGER outbox_frozen BEFORE UPDATE ON outbox
WHEN NEW.seq IS NOT OLD.seq OR NEW.record_id IS NOT OLD.record_id
  OR NEW.record_type IS NOT OLD.record_type OR NEW.payload_json IS NOT OLD.payload_json
  OR NEW.created_at IS NOT OLD.created_at
  OR (OLD.hash IS NOT NULL AND NEW.hash IS NOT OLD.hash)
  OR (OLD.state <> 'pending' AND NEW.state IS NOT OLD.state)
BEGIN
    SELECT RAISE(ABORT, 'an outbox entry is frozen');
END;

-- Only what the portal holds may leave the outbox (a purge of a resident's data).
CREATE TRIGGER outbox_keeps_unsent BEFORE DELETE ON outbox
WHEN OLD.state <> 'acknowledged'
BEGIN
    SELECT RAISE(ABORT, 'an outbox entry not on the portal is kept');
END;

CREATE TABLE sync_state (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    portal_url         TEXT,
    technician_id      TEXT,
    installation_id    TEXT,
    cursor             INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
    clock_offset_ms    INTEGER,
    clock_checked_at   TEXT,
    last_success_at    TEXT,
    last_attempt_at    TEXT,
    last_error_code    TEXT,
    last_error_nl      TEXT,
    last_error_en      TEXT,
    needs_login        INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

CREATE TRIGGER sync_cursor_forward BEFORE UPDATE ON sync_state
WHEN NEW.cursor < OLD.cursor
BEGIN
    SELECT RAISE(ABORT, 'the pull cursor only moves forward');
END;

-- version: as last pulled; local_updates: updates of it queued here since (each one the
-- portal applies bumps its version by one, so the next update's base is version + local_updates).
CREATE TABLE entity_versions (
    entity        TEXT NOT NULL,
    id            TEXT NOT NULL,
    version       INTEGER NOT NULL,
    local_updates INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE deferred_changes (
    entity      TEXT NOT NULL,
    id          TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'remove')),
    version     INTEGER NOT NULL,
    data        TEXT,
    deferred_at TEXT NOT NULL,
    PRIMARY KEY (entity, id)
) STRICT;

CREATE TABLE blobs_known (
    sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size         INTEGER NOT NULL CHECK (size >= 0),
    resident_id  TEXT,
    on_portal_at TEXT
) STRICT;

CREATE TABLE blob_refs (
    record_id TEXT NOT NULL,
    sha256    TEXT NOT NULL REFERENCES blobs_known(sha256),
    PRIMARY KEY (record_id, sha256)
) STRICT, WITHOUT ROWID;
CREATE INDEX blob_refs_sha ON blob_refs(sha256);

CREATE TABLE sync_notices (
    id         INTEGER PRIMARY KEY,
    job_id     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    change     TEXT NOT NULL CHECK (change IN ('changed', 'removed')),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX sync_notices_job ON sync_notices(job_id);

-- The resident each outbox entry concerns (NULL when it cannot be told, e.g. a depot device).
CREATE VIEW outbox_resident AS
SELECT o.seq, o.state, o.record_id, CASE o.record_type
    WHEN 'job_report' THEN (SELECT a.resident_id FROM jobs j JOIN appointments a
        ON a.id = j.appointment_id WHERE j.id = json_extract(o.payload_json, '$.job_id'))
    WHEN 'closed_draft' THEN (SELECT a.resident_id FROM jobs j JOIN appointments a
        ON a.id = j.appointment_id WHERE j.id = json_extract(o.payload_json, '$.job_id'))
    WHEN 'logbook_entry' THEN (SELECT d.resident_id FROM devices d
        WHERE d.id = json_extract(o.payload_json, '$.device_id'))
    WHEN 'device_update' THEN (SELECT d.resident_id FROM devices d
        WHERE d.id = json_extract(o.payload_json, '$.device_id'))
    WHEN 'sling_update' THEN (SELECT d.resident_id FROM slings s JOIN devices d
        ON d.id = s.hoist_id WHERE s.id = json_extract(o.payload_json, '$.sling_id'))
    WHEN 'malfunction_update' THEN (SELECT m.resident_id FROM malfunctions m
        WHERE m.id = json_extract(o.payload_json, '$.malfunction_id'))
    WHEN 'order_update' THEN (SELECT r.resident_id FROM orders r
        WHERE r.id = json_extract(o.payload_json, '$.order_id'))
    WHEN 'malfunction' THEN json_extract(o.payload_json, '$.malfunction.resident_id')
    ELSE json_extract(o.payload_json, '$.resident_id')
END AS resident_id
FROM outbox o;

-- The rows of master data a pending entry changed locally: a pull does not overwrite them.
CREATE VIEW pending_touches AS
SELECT 'device' AS entity, json_extract(payload_json, '$.device_id') AS id FROM outbox
    WHERE state = 'pending' AND record_type = 'device_update'
UNION ALL SELECT 'sling', json_extract(payload_json, '$.sling_id') FROM outbox
    WHERE state = 'pending' AND record_type = 'sling_update'
UNION ALL SELECT 'malfunction', json_extract(payload_json, '$.malfunction_id') FROM outbox
    WHERE state = 'pending' AND record_type = 'malfunction_update'
UNION ALL SELECT 'malfunction', json_extract(payload_json, '$.malfunction.id') FROM outbox
    WHERE state = 'pending' AND record_type = 'malfunction'
UNION ALL SELECT 'order', json_extract(payload_json, '$.order_id') FROM outbox
    WHERE state = 'pending' AND record_type = 'order_update'
UNION ALL SELECT 'deviation_request', json_extract(payload_json, '$.id') FROM outbox
    WHERE state = 'pending' AND record_type = 'deviation_request'
UNION ALL SELECT 'appointment', json_extract(payload_json, '$.appointment_id') FROM outbox
    WHERE state = 'pending' AND record_type = 'not_home_report'
UNION ALL SELECT 'appointment', json_extract(payload_json, '$.job.appointment_id') FROM outbox
    WHERE state = 'pending' AND record_type = 'malfunction'
UNION ALL SELECT 'appointment', j.appointment_id FROM outbox o
    JOIN jobs j ON j.id = json_extract(o.payload_json, '$.job_id')
    WHERE o.state = 'pending' AND o.record_type IN ('job_report', 'closed_draft');

-- The purge ------------------------------------------------------------------------------

CREATE TABLE purge_scope (
    kind TEXT NOT NULL CHECK (kind IN ('resident', 'device', 'job')),
    id   TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT, WITHOUT ROWID;

-- A key enters the scope only when nothing of it waits to go up and no job of it is open.
CREATE TRIGGER purge_scope_resident BEFORE INSERT ON purge_scope
WHEN NEW.kind = 'resident' AND (
    EXISTS (SELECT 1 FROM outbox_resident o WHERE o.state = 'pending'
            AND (o.resident_id IS NULL OR o.resident_id = NEW.id))
    OR EXISTS (SELECT 1 FROM job_drafts d JOIN jobs j ON j.id = d.job_id
            JOIN appointments a ON a.id = j.appointment_id
            WHERE a.resident_id = NEW.id
              AND d.state NOT IN ('completed', 'cannot_proceed')))
BEGIN
    SELECT RAISE(ABORT, 'something of this resident still waits to go up');
END;

CREATE TRIGGER purge_scope_device BEFORE INSERT ON purge_scope
WHEN NEW.kind = 'device' AND (
    EXISTS (SELECT 1 FROM outbox WHERE state = 'pending'
            AND record_type IN ('logbook_entry', 'device_update')
            AND json_extract(payload_json, '$.device_id') = NEW.id)
    OR EXISTS (SELECT 1 FROM job_drafts d JOIN jobs j ON j.id = d.job_id
            WHERE j.device_id = NEW.id
              AND d.state NOT IN ('completed', 'cannot_proceed')))
BEGIN
    SELECT RAISE(ABORT, 'something of this device still waits to go up');
END;

CREATE TRIGGER purge_scope_job BEFORE INSERT ON purge_scope
WHEN NEW.kind = 'job' AND (
    EXISTS (SELECT 1 FROM outbox WHERE state = 'pending'
            AND record_type IN ('job_report', 'closed_draft')
            AND json_extract(payload_json, '$.job_id') = NEW.id)
    OR EXISTS (SELECT 1 FROM job_drafts d WHERE d.job_id = NEW.id
              AND d.state NOT IN ('completed', 'cannot_proceed')))
BEGIN
    SELECT RAISE(ABORT, 'something of this job still waits to go up');
END;

-- The append-only guards, again, with the one exception of a key in the purge scope.
DROP TRIGGER logbook_append_only_delete;
CREATE TRIGGER logbook_append_only_delete BEFORE DELETE ON logbook
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'device' AND id = OLD.device_id)
BEGIN
    SELECT RAISE(ABORT, 'logbook is append-only');
END;

DROP TRIGGER logbook_heads_no_delete;
CREATE TRIGGER logbook_heads_no_delete BEFORE DELETE ON logbook_heads
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'device' AND id = OLD.device_id)
BEGIN
    SELECT RAISE(ABORT, 'logbook_heads is append-only');
END;

DROP TRIGGER job_reports_append_only_delete;
CREATE TRIGGER job_reports_append_only_delete BEFORE DELETE ON job_reports
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'job' AND id = OLD.job_id)
BEGIN
    SELECT RAISE(ABORT, 'job_reports is append-only');
END;

DROP TRIGGER signals_append_only_delete;
CREATE TRIGGER signals_append_only_delete BEFORE DELETE ON signals
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'signals is append-only');
END;

DROP TRIGGER complaints_append_only_delete;
CREATE TRIGGER complaints_append_only_delete BEFORE DELETE ON complaints
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'complaints is append-only');
END;

DROP TRIGGER not_home_reports_append_only_delete;
CREATE TRIGGER not_home_reports_append_only_delete BEFORE DELETE ON not_home_reports
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'not_home_reports is append-only');
END;

DROP TRIGGER deviation_requests_no_delete;
CREATE TRIGGER deviation_requests_no_delete BEFORE DELETE ON deviation_requests
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'deviation_requests is append-only');
END;

DROP TRIGGER job_drafts_closed_delete;
CREATE TRIGGER job_drafts_closed_delete BEFORE DELETE ON job_drafts
WHEN OLD.state IN ('completed', 'cannot_proceed')
  AND NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'job' AND id = OLD.job_id)
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;

DROP TRIGGER draft_answers_closed_delete;
CREATE TRIGGER draft_answers_closed_delete BEFORE DELETE ON draft_answers
WHEN (SELECT state FROM job_drafts WHERE job_id = OLD.job_id) IN ('completed', 'cannot_proceed')
  AND NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'job' AND id = OLD.job_id)
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;
