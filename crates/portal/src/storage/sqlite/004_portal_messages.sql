-- Messages the portal writes itself (appointment confirmations, complaint letters). Records
-- stay what technicians pushed; these live here, with a delivery row in message_deliveries
-- (record_id = this table's id) like every pushed message, so one sender sends both.
CREATE TABLE portal_messages (
    -- the message's id (its MessageRecord's, the e-mail's Message-ID)
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL,
    -- what it is about: 'appointment' | 'complaint', and that entity's or record's id
    about_kind  TEXT NOT NULL,
    about_id    TEXT NOT NULL,
    -- why: confirmed (an appointment) | received | progress | outcome (a complaint)
    purpose     TEXT NOT NULL,
    -- a message that may exist once has its key here (e.g. 'complaint:<id>:outcome'): the
    -- constraint, not a read, keeps it to one
    once_key    TEXT UNIQUE,
    -- the veldwerk_core::messages::MessageRecord as JSON
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX portal_messages_about ON portal_messages (about_kind, about_id);
CREATE INDEX portal_messages_by_resident ON portal_messages (resident_id, created_at);

-- The window each appointment was last confirmed for: a new confirmation goes out only when
-- there is none or the window moved (a conditional upsert decides, in the transaction that
-- writes the message).
CREATE TABLE appointment_confirmations (
    appointment_id TEXT PRIMARY KEY,
    window_start   TEXT NOT NULL,
    window_end     TEXT NOT NULL,
    message_id     TEXT NOT NULL,
    confirmed_at   TEXT NOT NULL
);
