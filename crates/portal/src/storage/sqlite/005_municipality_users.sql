-- Municipality users: the municipality's Wmo staff sign in to a read-only view of their own
-- residents. Only that role has a municipality, and that role must have one (checked on
-- insert by the store; the column's CHECK keeps other roles without one).
ALTER TABLE users ADD COLUMN municipality_id TEXT
    CHECK (municipality_id IS NULL OR role = 'municipality');
