-- Veldwerk local replica, schema version 2: guided jobs.
-- Drafts (local, autosaved), the immutable records a visit produces, and the outbox that
-- carries every record to the portal. Same conventions as 001: times are RFC 3339 UTC text
-- with milliseconds, dates "YYYY-MM-DD", booleans 0/1, enums their serde names.
--
-- Records made on this device (job reports, signals, complaints, deviation requests,
-- not-home reports) carry no foreign keys to master data: master data belongs to the portal
-- and may be replaced or removed by a sync, while a record must stay as it was made. The
-- store checks the references when it writes a record.

-- A job in progress. The foreign key is deferred so that a sync replacing an appointment's
-- job list (delete + insert in one transaction) keeps the drafts of the jobs that remain.
CREATE TABLE job_drafts (
    job_id           TEXT PRIMARY KEY REFERENCES jobs(id) DEFERRABLE INITIALLY DEFERRED,
    template_id      TEXT NOT NULL,
    template_version INTEGER NOT NULL CHECK (template_version >= 0),
    state            TEXT NOT NULL CHECK (state IN
                         ('not_started', 'in_progress', 'ready_to_sign', 'completed',
                          'cannot_proceed')),
    started_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

-- One answer per template item key, saved on every change.
CREATE TABLE draft_answers (
    job_id      TEXT NOT NULL REFERENCES job_drafts(job_id),
    key         TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (job_id, key)
) STRICT, WITHOUT ROWID;

-- A closed job (completed or cannot proceed) is immutable, whoever writes.
CREATE TRIGGER draft_answers_closed_insert BEFORE INSERT ON draft_answers
WHEN (SELECT state FROM job_drafts WHERE job_id = NEW.job_id) IN ('completed', 'cannot_proceed')
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;
CREATE TRIGGER draft_answers_closed_update BEFORE UPDATE ON draft_answers
WHEN (SELECT state FROM job_drafts WHERE job_id = OLD.job_id) IN ('completed', 'cannot_proceed')
  OR (SELECT state FROM job_drafts WHERE job_id = NEW.job_id) IN ('completed', 'cannot_proceed')
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;
CREATE TRIGGER draft_answers_closed_delete BEFORE DELETE ON draft_answers
WHEN (SELECT state FROM job_drafts WHERE job_id = OLD.job_id) IN ('completed', 'cannot_proceed')
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;
CREATE TRIGGER job_drafts_closed_update BEFORE UPDATE ON job_drafts
WHEN OLD.state IN ('completed', 'cannot_proceed')
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;
CREATE TRIGGER job_drafts_closed_delete BEFORE DELETE ON job_drafts
WHEN OLD.state IN ('completed', 'cannot_proceed')
BEGIN
    SELECT RAISE(ABORT, 'job is closed');
END;

-- The record of a finished job: template id and version and every answer.
CREATE TABLE job_reports (
    id               TEXT PRIMARY KEY,
    job_id           TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    template_id      TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    answers_json     TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    completed_at     TEXT NOT NULL,
    technician       TEXT NOT NULL
) STRICT;

CREATE TABLE signals (
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL,
    device_id   TEXT,
    job_id      TEXT,
    kind        TEXT NOT NULL,
    urgent      INTEGER NOT NULL,
    description TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    author      TEXT NOT NULL
) STRICT;
CREATE INDEX signals_resident ON signals(resident_id, created_at);

CREATE TABLE complaints (
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL,
    job_id      TEXT,
    process     TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    author      TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_resident ON complaints(resident_id, created_at);

-- The status changes when the municipality answers; nothing else does.
CREATE TABLE deviation_requests (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL,
    resident_id  TEXT NOT NULL,
    job_id       TEXT NOT NULL,
    ordered      TEXT NOT NULL,
    proposed     TEXT NOT NULL,
    motivation   TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected'))
) STRICT;
CREATE INDEX deviation_requests_order ON deviation_requests(order_id, requested_at);

CREATE TRIGGER deviation_requests_status_only BEFORE UPDATE ON deviation_requests
WHEN NEW.id IS NOT OLD.id OR NEW.order_id IS NOT OLD.order_id
  OR NEW.resident_id IS NOT OLD.resident_id OR NEW.job_id IS NOT OLD.job_id
  OR NEW.ordered IS NOT OLD.ordered OR NEW.proposed IS NOT OLD.proposed
  OR NEW.motivation IS NOT OLD.motivation OR NEW.requested_at IS NOT OLD.requested_at
BEGIN
    SELECT RAISE(ABORT, 'only the status of a deviation request changes');
END;
CREATE TRIGGER deviation_requests_no_delete BEFORE DELETE ON deviation_requests
BEGIN
    SELECT RAISE(ABORT, 'deviation_requests is append-only');
END;

-- A visit that could not go ahead. The proposal is an optional window (both or neither).
CREATE TABLE not_home_reports (
    id                TEXT PRIMARY KEY,
    appointment_id    TEXT NOT NULL,
    resident_id       TEXT NOT NULL,
    jobs_json         TEXT NOT NULL,
    reason            TEXT NOT NULL,
    note              TEXT NOT NULL,
    proposal_start    TEXT,
    proposal_end      TEXT,
    tell_resident_via TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    author            TEXT NOT NULL,
    CHECK ((proposal_start IS NULL) = (proposal_end IS NULL))
) STRICT;
CREATE INDEX not_home_reports_appointment ON not_home_reports(appointment_id);

CREATE TRIGGER job_reports_append_only_update BEFORE UPDATE ON job_reports
BEGIN
    SELECT RAISE(ABORT, 'job_reports is append-only');
END;
CREATE TRIGGER job_reports_append_only_delete BEFORE DELETE ON job_reports
BEGIN
    SELECT RAISE(ABORT, 'job_reports is append-only');
END;
CREATE TRIGGER signals_append_only_update BEFORE UPDATE ON signals
BEGIN
    SELECT RAISE(ABORT, 'signals is append-only');
END;
CREATE TRIGGER signals_append_only_delete BEFORE DELETE ON signals
BEGIN
    SELECT RAISE(ABORT, 'signals is append-only');
END;
CREATE TRIGGER complaints_append_only_update BEFORE UPDATE ON complaints
BEGIN
    SELECT RAISE(ABORT, 'complaints is append-only');
END;
CREATE TRIGGER complaints_append_only_delete BEFORE DELETE ON complaints
BEGIN
    SELECT RAISE(ABORT, 'complaints is append-only');
END;
CREATE TRIGGER not_home_reports_append_only_update BEFORE UPDATE ON not_home_reports
BEGIN
    SELECT RAISE(ABORT, 'not_home_reports is append-only');
END;
CREATE TRIGGER not_home_reports_append_only_delete BEFORE DELETE ON not_home_reports
BEGIN
    SELECT RAISE(ABORT, 'not_home_reports is append-only');
END;

-- What waits to go to the portal, in commit order. record_id is the record's own id (or a
-- fresh UUIDv7 for an update of master data, whose target id is in the payload), so the
-- portal upserts idempotently.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id    TEXT NOT NULL UNIQUE,
    record_type  TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

-- Registration numbers are typed and scanned in any case.
CREATE INDEX devices_registration_nocase ON devices(registration_number COLLATE NOCASE);
-- Loan candidates: devices in the depot, with nobody, by category.
CREATE INDEX devices_loan_pool ON devices(category, registration_number)
    WHERE status = 'in_depot' AND resident_id IS NULL;
-- Drive-related repairs per device and period (the replacement rule).
CREATE INDEX malfunctions_device_reported ON malfunctions(device_id, reported_at);
