-- Veldwerk local replica, schema version 11: complex custom work (PvE 6.1, 6.3.4): the case
-- manager's plans and their updates (progress, the resident's consent, the evaluation). Each
-- record kept whole as JSON as it was queued; immutable; deleted only with a purged resident.

CREATE TABLE work_plans (
    id           TEXT PRIMARY KEY,
    resident_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    record       TEXT NOT NULL
) STRICT;
CREATE INDEX work_plans_resident ON work_plans(resident_id);

CREATE TABLE plan_updates (
    id           TEXT PRIMARY KEY,
    plan_id      TEXT NOT NULL REFERENCES work_plans(id),
    resident_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    record       TEXT NOT NULL
) STRICT;
CREATE INDEX plan_updates_plan ON plan_updates(plan_id);

CREATE TRIGGER work_plans_immutable BEFORE UPDATE ON work_plans
BEGIN
    SELECT RAISE(ABORT, 'a work plan is immutable');
END;
CREATE TRIGGER work_plans_kept BEFORE DELETE ON work_plans
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'a work plan is kept');
END;
CREATE TRIGGER plan_updates_immutable BEFORE UPDATE ON plan_updates
BEGIN
    SELECT RAISE(ABORT, 'a plan update is immutable');
END;
CREATE TRIGGER plan_updates_kept BEFORE DELETE ON plan_updates
WHEN NOT EXISTS (SELECT 1 FROM purge_scope WHERE kind = 'resident' AND id = OLD.resident_id)
BEGIN
    SELECT RAISE(ABORT, 'a plan update is kept');
END;
