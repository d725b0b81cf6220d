-- Veldwerk local replica, schema version 3: a job report keeps the notices the technician
-- was given on completing (what to do next), so they can be shown again later.
ALTER TABLE job_reports ADD COLUMN notices_json TEXT NOT NULL DEFAULT '[]';
