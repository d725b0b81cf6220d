-- Veldwerk local replica, schema version 8: a photo of a device taken from its passport, outside
-- any job. photos.job_id becomes optional (the table is rebuilt: SQLite cannot drop a NOT NULL),
-- with its indexes and its rules (immutable; kept unless the resident is purged) as before.

CREATE TABLE photos_v8 (
    id            TEXT PRIMARY KEY,
    job_id        TEXT,
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
    author        TEXT NOT NULL,
    -- a photo belongs to a job or, outside a job, to a device
    CHECK (job_id IS NOT NULL OR device_id IS NOT NULL)
) STRICT;
INSERT INTO photos_v8 (id, job_id, resident_id, device_id, item_key, sha256, size, width, height,
                       thumb_sha256, thumb_size, captured_at, annotates, created_at, author)
SELECT id, job_id, resident_id, device_id, item_key, sha256, size, width, height,
       thumb_sha256, thumb_size, captured_at, annotates, created_at, author
FROM photos ORDER BY rowid;
DROP TABLE photos;
ALTER TABLE photos_v8 RENAME TO photos;
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
