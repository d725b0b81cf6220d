-- Veldwerk local replica, schema version 1.
-- Times are TEXT in RFC 3339 UTC with milliseconds ("2026-03-02T08:00:00.000Z"), which sorts
-- correctly as text; dates are TEXT "YYYY-MM-DD"; booleans are INTEGER 0/1.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE municipalities (
    id   TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE technicians (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('fitter', 'mechanic', 'case_manager'))
) STRICT;

CREATE TABLE residents (
    -- Stable integer key: the search index row of a resident is 2 * seq.
    seq                     INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL UNIQUE,
    resident_number         TEXT NOT NULL,
    municipality_id         TEXT NOT NULL REFERENCES municipalities(id),
    initials                TEXT NOT NULL,
    first_name              TEXT NOT NULL,
    name_prefix             TEXT,
    surname                 TEXT NOT NULL,
    birth_date              TEXT NOT NULL,
    street                  TEXT NOT NULL,
    house_number            TEXT NOT NULL,
    postcode                TEXT NOT NULL,
    city                    TEXT NOT NULL,
    phone                   TEXT,
    email                   TEXT,
    preferred_communication TEXT NOT NULL,
    particulars             TEXT,
    UNIQUE (municipality_id, resident_number)
) STRICT;

CREATE TABLE caregivers (
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    relation    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    phone       TEXT,
    email       TEXT,
    may_sign    INTEGER NOT NULL
) STRICT;
CREATE INDEX caregivers_resident ON caregivers(resident_id);

CREATE TABLE devices (
    -- Stable integer key: the search index row of a device is 2 * seq + 1.
    seq                           INTEGER PRIMARY KEY,
    id                            TEXT NOT NULL UNIQUE,
    registration_number           TEXT NOT NULL UNIQUE,
    category                      TEXT NOT NULL,
    brand                         TEXT NOT NULL,
    model                         TEXT NOT NULL,
    serial_number                 TEXT NOT NULL,
    build_year                    INTEGER NOT NULL,
    first_issued_on               TEXT,
    first_delivered_on            TEXT,
    last_delivered_on             TEXT,
    catalogue_value_cents         INTEGER NOT NULL,
    accessories_value_cents       INTEGER NOT NULL,
    configuration_json            TEXT NOT NULL,
    measurements_json             TEXT NOT NULL,
    reconditioned                 INTEGER NOT NULL,
    electric                      INTEGER NOT NULL,
    battery_json                  TEXT,
    insurance_plate               TEXT,
    wlz_use                       INTEGER NOT NULL,
    max_user_weight_kg            INTEGER,
    swl_kg                        INTEGER,
    status                        TEXT NOT NULL,
    resident_id                   TEXT REFERENCES residents(id),
    last_preventive_maintenance_on TEXT,
    last_malfunction_on           TEXT,
    last_misuse_maintenance_on    TEXT,
    next_maintenance_due          TEXT,
    next_inspection_due           TEXT
) STRICT;
CREATE INDEX devices_resident ON devices(resident_id);

CREATE TABLE slings (
    id                  TEXT PRIMARY KEY,
    hoist_id            TEXT NOT NULL REFERENCES devices(id),
    sling_number        TEXT NOT NULL UNIQUE,
    manufacturer        TEXT NOT NULL,
    model               TEXT NOT NULL,
    size                TEXT NOT NULL,
    swl_kg              INTEGER NOT NULL,
    manufactured_on     TEXT,
    in_use_since        TEXT,
    status              TEXT NOT NULL,
    next_inspection_due TEXT
) STRICT;
CREATE INDEX slings_hoist ON slings(hoist_id);

CREATE TABLE orders (
    id              TEXT PRIMARY KEY,
    order_number    TEXT NOT NULL,
    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
    resident_id     TEXT NOT NULL REFERENCES residents(id),
    kind            TEXT NOT NULL,
    category        TEXT NOT NULL,
    description     TEXT NOT NULL,
    ordered_on      TEXT NOT NULL,
    status          TEXT NOT NULL,
    device_id       TEXT REFERENCES devices(id)
) STRICT;
CREATE INDEX orders_resident ON orders(resident_id);

CREATE TABLE malfunctions (
    id            TEXT PRIMARY KEY,
    device_id     TEXT NOT NULL REFERENCES devices(id),
    resident_id   TEXT NOT NULL REFERENCES residents(id),
    reported_at   TEXT NOT NULL,
    class         TEXT NOT NULL CHECK (class IN ('A', 'B', 'C')),
    description   TEXT NOT NULL,
    drive_related INTEGER NOT NULL,
    status        TEXT NOT NULL,
    arrived_at    TEXT,
    resolved_at   TEXT
) STRICT;
CREATE INDEX malfunctions_device ON malfunctions(device_id);
CREATE INDEX malfunctions_resident ON malfunctions(resident_id);

CREATE TABLE appointments (
    id            TEXT PRIMARY KEY,
    technician_id TEXT NOT NULL REFERENCES technicians(id),
    resident_id   TEXT NOT NULL REFERENCES residents(id),
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    status        TEXT NOT NULL,
    note          TEXT,
    CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX appointments_technician_start ON appointments(technician_id, starts_at);
CREATE INDEX appointments_resident ON appointments(resident_id);

CREATE TABLE jobs (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    device_id      TEXT REFERENCES devices(id),
    order_id       TEXT REFERENCES orders(id),
    malfunction_id TEXT REFERENCES malfunctions(id),
    status         TEXT NOT NULL
) STRICT;
CREATE INDEX jobs_appointment ON jobs(appointment_id);
CREATE INDEX jobs_device ON jobs(device_id);

-- The append-only logbook: one hash chain per device.
CREATE TABLE logbook (
    id           TEXT PRIMARY KEY,
    device_id    TEXT NOT NULL REFERENCES devices(id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    kind         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    author       TEXT NOT NULL,
    job_id       TEXT,
    summary      TEXT NOT NULL,
    details_json TEXT NOT NULL,
    corrects     TEXT REFERENCES logbook(id),
    prev_hash    TEXT,
    hash         TEXT NOT NULL,
    UNIQUE (device_id, seq)
) STRICT;

CREATE TRIGGER logbook_append_only_update BEFORE UPDATE ON logbook
BEGIN
    SELECT RAISE(ABORT, 'logbook is append-only');
END;
CREATE TRIGGER logbook_append_only_delete BEFORE DELETE ON logbook
BEGIN
    SELECT RAISE(ABORT, 'logbook is append-only');
END;

-- Offline search: one row per resident and per device. Accents are folded by the tokenizer
-- ("ruizendaal" finds "Ruïzendaal"); postcodes and numbers are indexed spaced and compact.
-- Row ids: 2 * residents.seq for a resident, 2 * devices.seq + 1 for a device.
CREATE VIRTUAL TABLE search_index USING fts5(
    body,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3 4'
);
