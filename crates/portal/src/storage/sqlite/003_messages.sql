-- Messages technicians record (records of type 'message') and how each was delivered, and
-- the e-mail address of each municipality (messages to the municipality go there; the app's
-- record names no address for them).

-- One row per message, written with the record: where its delivery stands.
CREATE TABLE message_deliveries (
    record_id       TEXT PRIMARY KEY,
    -- pending (to be sent; attempts so far) | sent | office (waiting for the office to send
    -- it by hand: letters, text messages, e-mail without an SMTP server) | failed
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    -- pending: not to be tried before this time (a retry's backoff, or the hold of an
    -- attempt under way)
    next_attempt_at TEXT NOT NULL,
    last_error_nl   TEXT,
    last_error_en   TEXT,
    -- the address it went (or is to go) to, as resolved when it was sent
    sent_to         TEXT,
    sent_at         TEXT,
    -- who in the office marked it sent by hand
    handled_by      TEXT,
    updated_at      TEXT NOT NULL
);
CREATE INDEX message_deliveries_due ON message_deliveries (status, next_attempt_at);

-- Messages stored before this table existed are to be sent too.
INSERT INTO message_deliveries (record_id, status, attempts, next_attempt_at, updated_at)
    SELECT id, 'pending', 0, received_at, received_at FROM records WHERE record_type = 'message';

CREATE TABLE municipality_contacts (
    municipality_id TEXT PRIMARY KEY,
    email           TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
