-- Veldwerk local replica, schema version 7: signatures, documents and photos.
--
-- (Version 6 is 006_supplier_contacts.sql, made on main at the same time; this one follows it.)
--
-- * signatures: a drawn signature (the user agreement at delivery, a maintenance or repair
--   sign-off): who, in which role, when, the strokes as drawn; its PNG is a blob
--   (png_sha256). A redo is a new signature; the latest (by rowid) of each side counts.
-- * documents: a PDF made on the laptop (user agreement, hoist certificate, job report),
--   stored as a blob (sha256); for the agreement the hash of the text the signers saw.
-- * photos: a photo attached to a job (and maybe one of its items), its processed JPEG and
--   its thumbnail blobs; an annotated copy is a new photo naming its original.
-- All are immutable records a client made (ids from the client): no UPDATE, and a DELETE
-- only for a resident in the purge scope (migration 005). Each is queued in the outbox with
-- its blob references in the same transaction as its row.

CREATE TABLE signatures (
    id           TEXT PRIMARY KEY,
    job_id       TEXT NOT NULL,
    resident_id  TEXT NOT NULL,
    device_id    TEXT,
    purpose      TEXT NOT NULL CHECK (purpose IN ('agreement', 'sign_off')),
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    signed_at    TEXT NOT NULL,
    strokes_json TEXT NOT NULL,
    png_sha256   TEXT NOT NULL CHECK (length(png_sha256) = 64),
    png_size     INTEGER NOT NULL CHECK (png_size >= 0),
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    text_sha256  TEXT,
    author       TEXT NOT NULL
) STRICT;
CREATE INDEX signatures_job ON signatures(job_id, purpose);

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('agreement', 'hoist_certificate', 'job_report')),
    resident_id  TEXT NOT NULL,
    device_id    TEXT,
    job_id       TEXT,
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    size         INTEGER NOT NULL CHECK (size >= 0),
    text_sha256  TEXT,
    created_at   TEXT NOT NULL,
    author       TEXT NOT NULL
) STRICT;
CREATE INDEX documents_device ON documents(device_id, created_at);
CREATE INDEX documents_job ON documents(job_id);

CREATE TABLE photos (
    id            TEXT PRIMARY KEY,
    job_id        TEXT NOT NULL,
    resident_id   TEXT NOT NULL,
    device_id     TEXT,
    item_key      TEXT,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    size          INTEGER NOT NULL CHECK (size >= 0),
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    thumb_sha256  TEXT NOT NULL CHECK (length(thumb_sha256) = 64),
    thumb_size    INTEGER NOT NULL CHECK (thumb_size >= 0),
    captured_at   TEXT,
    annotates     TEXT,
    created_at    TEXT NOT NULL,
    author        TEXT NOT NULL
) STRICT;
CREATE INDEX photos_job ON photos(job_id);
CREATE INDEX photos_device ON photos(device_id);

CREATE TRIGGER photos_immutable BEFORE UPDATE ON photos
BEGIN
    SELECT RAISE(ABORT, 'a photo is immutable');
END;
CREATE TRIGGER photos_kept BEFORE DELETE ON photos
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'a photo is kept');
END;

CREATE TRIGGER signatures_immutable BEFORE UPDATE ON signatures
BEGIN
    SELECT RAISE(ABORT, 'a signature is immutable');
END;
CREATE TRIGGER signatures_kept BEFORE DELETE ON signatures
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'a signature is kept');
END;
CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
BEGIN
    SELECT RAISE(ABORT, 'a document is immutable');
END;
CREATE TRIGGER documents_kept BEFORE DELETE ON documents
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'a document is kept');
END;
