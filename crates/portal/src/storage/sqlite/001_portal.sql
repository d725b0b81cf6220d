-- The portal's storage (schema version 1). Portable SQL: TEXT, INTEGER, UNIQUE and
-- ON CONFLICT as PostgreSQL has them; times are RFC 3339 UTC text with milliseconds.

-- Master data: every entity as its core type's JSON, with the columns that scope and find it.
CREATE TABLE entities (
    kind          TEXT NOT NULL,
    id            TEXT NOT NULL,
    version       INTEGER NOT NULL,
    -- the resident whose technicians see it (NULL: everyone, e.g. a device in the depot)
    resident_id   TEXT,
    -- appointments: the technician they belong to
    technician_id TEXT,
    -- slings, malfunctions and logbook entries: their device
    device_id     TEXT,
    data          TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX entities_by_resident ON entities (resident_id, kind);
CREATE INDEX entities_by_device ON entities (device_id, kind);

-- The per-device logbook chain: one entry per position, so a fork meets the constraint.
CREATE TABLE logbook_links (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    entry_id  TEXT NOT NULL UNIQUE,
    prev_hash TEXT,
    hash      TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
);

-- Jobs (inside their appointment's data) by id, for checking what records refer to.
CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL,
    resident_id    TEXT NOT NULL,
    technician_id  TEXT NOT NULL,
    device_id      TEXT
);

-- Which technician may see which resident: no rights unless granted here.
CREATE TABLE assignments (
    resident_id   TEXT NOT NULL,
    technician_id TEXT NOT NULL,
    assigned_at   TEXT NOT NULL,
    PRIMARY KEY (resident_id, technician_id)
);
CREATE INDEX assignments_by_technician ON assignments (technician_id, resident_id);

-- The change feed: per audience ('' = every technician) each entity once, at its latest
-- change (an older row is deleted when a newer one is written). seq never repeats.
CREATE TABLE changes (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    technician_id TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    op            TEXT NOT NULL,
    resident_id   TEXT,
    UNIQUE (technician_id, entity, entity_id)
);
CREATE INDEX changes_feed ON changes (technician_id, seq);
CREATE INDEX changes_by_resident ON changes (technician_id, resident_id);

-- Records pushed by the app: idempotent by the primary key on id.
CREATE TABLE records (
    id              TEXT PRIMARY KEY,
    record_type     TEXT NOT NULL,
    hash            TEXT NOT NULL,
    payload         TEXT NOT NULL,
    technician_id   TEXT NOT NULL,
    installation_id TEXT NOT NULL,
    resident_id     TEXT,
    device_id       TEXT,
    job_id          TEXT,
    -- stored | conflict (a master-data update waiting for the office)
    status          TEXT NOT NULL,
    received_at     TEXT NOT NULL
);
CREATE INDEX records_by_type ON records (record_type, received_at);
CREATE INDEX records_by_resident ON records (resident_id, record_type);
CREATE INDEX records_by_device ON records (device_id, record_type);
CREATE INDEX records_by_job ON records (job_id, record_type);

CREATE TABLE record_blobs (
    record_id TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    PRIMARY KEY (record_id, sha256)
);
CREATE INDEX record_blobs_by_blob ON record_blobs (sha256);

CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- Who sent a blob's bytes (and so may read it back).
CREATE TABLE blob_uploads (
    sha256        TEXT NOT NULL,
    technician_id TEXT NOT NULL,
    PRIMARY KEY (sha256, technician_id)
);

-- Master-data updates the office decides on.
CREATE TABLE conflicts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id       TEXT NOT NULL UNIQUE,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    base_version    INTEGER,
    portal_version  INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    resolution      TEXT,
    resolved_by     TEXT,
    resolved_at     TEXT
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    -- lower case; technicians sign in with their name
    login         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    -- technician | office
    role          TEXT NOT NULL,
    technician_id TEXT UNIQUE
);

CREATE TABLE tokens (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash         TEXT NOT NULL UNIQUE,
    user_id            INTEGER NOT NULL REFERENCES users(id),
    technician_id      TEXT NOT NULL,
    installation_id    TEXT NOT NULL,
    installation_label TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    last_sync_at       TEXT,
    pending            INTEGER,
    revoked_at         TEXT,
    revoked_by         TEXT
);
CREATE INDEX tokens_by_technician ON tokens (technician_id);

CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail  TEXT NOT NULL
);
