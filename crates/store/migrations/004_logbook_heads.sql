-- Veldwerk local replica, schema version 4: the head (last entry) of every device's logbook
-- chain, kept by a trigger as entries are appended. Verifying a chain compares its end with
-- the head, so removing the newest entries (which the chain itself cannot show) is caught.
CREATE TABLE logbook_heads (
    device_id TEXT PRIMARY KEY REFERENCES devices(id),
    seq       INTEGER NOT NULL CHECK (seq >= 1),
    hash      TEXT NOT NULL,
    entry_id  TEXT NOT NULL
) STRICT;

INSERT INTO logbook_heads (device_id, seq, hash, entry_id)
    SELECT l.device_id, l.seq, l.hash, l.id FROM logbook l
    WHERE l.seq = (SELECT max(seq) FROM logbook m WHERE m.device_id = l.device_id);

CREATE TRIGGER logbook_heads_follow AFTER INSERT ON logbook
BEGIN
    INSERT INTO logbook_heads (device_id, seq, hash, entry_id)
        VALUES (NEW.device_id, NEW.seq, NEW.hash, NEW.id)
    ON CONFLICT (device_id) DO UPDATE
        SET seq = excluded.seq, hash = excluded.hash, entry_id = excluded.entry_id
        WHERE excluded.seq > logbook_heads.seq;
END;

-- A head only moves forward, and never goes away.
CREATE TRIGGER logbook_heads_forward BEFORE UPDATE ON logbook_heads
WHEN NEW.seq <= OLD.seq
BEGIN
    SELECT RAISE(ABORT, 'logbook_heads only moves forward');
END;

CREATE TRIGGER logbook_heads_no_delete BEFORE DELETE ON logbook_heads
BEGIN
    SELECT RAISE(ABORT, 'logbook_heads is append-only');
END;

-- Demo replicas made before the generator marked a finished fill: they were filled whole
-- (the mark is how a fill cut off by a kill is told apart).
INSERT OR IGNORE INTO settings (key, value)
    SELECT 'demo_complete', '1' WHERE EXISTS (SELECT 1 FROM settings WHERE key = 'demo_seed');
