-- Residents a technician was assigned to before. A record the technician made while the
-- resident was theirs may still be on its way (the laptop was offline when the office took
-- the resident away): it is accepted, so that it is not lost. Reading (pull, blobs) follows
-- the current assignments only.
CREATE TABLE former_assignments (
    resident_id   TEXT NOT NULL,
    technician_id TEXT NOT NULL,
    removed_at    TEXT NOT NULL,
    PRIMARY KEY (resident_id, technician_id)
);
