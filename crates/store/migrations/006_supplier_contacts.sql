-- Veldwerk local replica, schema version 6: the supplier's fixed contact persons of each
-- resident (PvE 5.2.3a: at most three, who keep in touch with the resident and the
-- municipality). The limit is core's rule (check_supplier_contacts), applied by every writer.
CREATE TABLE supplier_contacts (
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    phone       TEXT,
    email       TEXT
) STRICT;
CREATE INDEX supplier_contacts_resident ON supplier_contacts(resident_id);
