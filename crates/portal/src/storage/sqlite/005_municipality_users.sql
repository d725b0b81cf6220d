-- Municipality users: the municipality's Wmo staff sign in to a read-only view of their own
-- residents. A municipality user has a municipality and no other role has one (the column's
-- CHECK; the store also refuses a role without its link, with a message).
ALTER TABLE users ADD COLUMN municipality_id TEXT
    CHECK ((role = 'municipality') = (municipality_id IS NOT NULL));
