-- Veldwerk local replica, schema version 10: how a complaint came in (orally or in writing) and
-- the day it was received (PvE 5.1.4-5.1.5: its handling deadline counts from that day).
-- Complaints recorded before: oral, received the day they were recorded.

ALTER TABLE complaints ADD COLUMN received_as TEXT NOT NULL DEFAULT 'oral'
    CHECK (received_as IN ('oral', 'written'));
ALTER TABLE complaints ADD COLUMN received_on TEXT;
