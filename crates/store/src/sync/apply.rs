//! Applying pulled changes: one page in one transaction with its cursor.
//!
//! * A change to a row that a pending entry of the technician's changed (a device update, a
//!   job report closing a visit, a deviation request...) is not applied: it is kept in
//!   `deferred_changes` and applied by [`Store::apply_deferred`] once nothing waits on the
//!   row. So pulled data never overwrites what the technician did and the portal has not got.
//! * Under an open job (a draft in progress) a device or sling is updated, and the job gets a
//!   notice that it changed; a device, sling or visit the portal removed is kept (deferred)
//!   until the job is closed, with a notice. The draft is never touched.
//! * A change older than the version held is ignored; a remove of something not held does
//!   nothing. A change that does not decode or is refused by the replica's rules is skipped
//!   and reported, so one bad row never stops the sync.
//! * Foreign keys are not enforced while a page is applied: the portal orders parents first
//!   within a page, but a child can arrive a page before its parent.

use super::purge;
use super::versions;
use crate::codec::{enum_text, time_from, time_text};
use crate::error::{Result, StoreError};
use crate::fetch::{collect, one};
use crate::rows::{self, sql};
use crate::{Store, Writer};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use veldwerk_core::jobs::DeviationRequest;
use veldwerk_core::logbook::LogbookEntry;
use veldwerk_core::model::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PulledOp {
    Upsert,
    Remove,
}

impl PulledOp {
    fn as_str(self) -> &'static str {
        match self {
            PulledOp::Upsert => "upsert",
            PulledOp::Remove => "remove",
        }
    }
}

/// One change of a pulled page: `entity` as the protocol names it ("device", ...,
/// "assignment_removed"), `data` the entity's JSON for an upsert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PulledChange {
    pub entity: String,
    pub op: PulledOp,
    pub id: String,
    pub version: i64,
    pub data: Option<String>,
}

/// What applying a page (or the deferred changes) did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOutcome {
    pub applied: u32,
    /// Held back: a change of the technician's waits on the row, or a job is open on it.
    pub deferred: u32,
    /// Residents (and devices) whose data was removed.
    pub purged: u32,
    /// Older than what is held, or a remove of something not held.
    pub ignored: u32,
    /// Changes that could not be applied, in words (skipped; the sync goes on).
    pub problems: Vec<String>,
}

/// Something a sync changed under an open job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncNotice {
    pub job_id: String,
    /// "device", "sling" or "appointment".
    pub entity: String,
    pub entity_id: String,
    /// "changed" (applied; the job shows the new values) or "removed" (kept until the job is
    /// closed).
    pub change: String,
    pub created_at: DateTime<Utc>,
}

/// What must not be overwritten or removed now: computed once per page.
struct Guards {
    /// (entity, id) rows a pending entry changed.
    touched: HashSet<(String, String)>,
    /// Devices with logbook entries waiting to go up.
    logbook_pending: HashSet<String>,
    /// Devices with an open job: device -> jobs.
    open_devices: HashMap<String, Vec<String>>,
    /// Visits with an open job: appointment -> jobs.
    open_appointments: HashMap<String, Vec<String>>,
    /// (entity, id) of the changes held back so far (a change applied now clears its own).
    deferred: RefCell<HashSet<(String, String)>>,
}

fn guards(conn: &Connection) -> Result<Guards> {
    let pairs = |sql: &str| -> Result<Vec<(String, String)>> {
        Ok(conn
            .prepare(sql)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let touched = pairs("SELECT entity, id FROM pending_touches WHERE id IS NOT NULL")?
        .into_iter()
        .collect();
    let logbook_pending = pairs(
        "SELECT 'device', json_extract(payload_json, '$.device_id') FROM outbox
         WHERE state = 'pending' AND record_type = 'logbook_entry'",
    )?
    .into_iter()
    .map(|(_, d)| d)
    .collect();
    let mut open_devices: HashMap<String, Vec<String>> = HashMap::new();
    let mut open_appointments: HashMap<String, Vec<String>> = HashMap::new();
    let open = conn
        .prepare(
            "SELECT j.id, j.device_id, j.appointment_id FROM job_drafts d
             JOIN jobs j ON j.id = d.job_id
             WHERE d.state NOT IN ('completed', 'cannot_proceed')",
        )?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (job, device, appointment) in open {
        if let Some(d) = device {
            open_devices.entry(d).or_default().push(job.clone());
        }
        open_appointments.entry(appointment).or_default().push(job);
    }
    let deferred = pairs("SELECT entity, id FROM deferred_changes")?
        .into_iter()
        .collect();
    Ok(Guards {
        touched,
        logbook_pending,
        open_devices,
        open_appointments,
        deferred: RefCell::new(deferred),
    })
}

impl Guards {
    fn touched(&self, entity: &str, id: &str) -> bool {
        self.touched.contains(&(entity.to_string(), id.to_string()))
    }
}

/// An appointment change's data.
#[derive(serde::Deserialize)]
struct AppointmentWithJobs {
    appointment: Appointment,
    jobs: Vec<Job>,
}

fn decode<T: DeserializeOwned>(c: &PulledChange) -> Result<T> {
    let data = c.data.as_deref().ok_or_else(|| StoreError::Corrupt {
        what: "pulled change",
        detail: format!("{} {} has no data", c.entity, c.id),
    })?;
    serde_json::from_str(data).map_err(|e| StoreError::Corrupt {
        what: "pulled change",
        detail: format!("{} {}: {e}", c.entity, c.id),
    })
}

/// Whether the change is applied now, deferred, or ignored.
enum Step {
    Applied,
    Deferred,
    Ignored,
    Purged,
}

impl Store {
    /// Applies one pulled page and stores `next_cursor` with it, in one transaction.
    pub fn apply_pull_page(
        &mut self,
        changes: &[PulledChange],
        next_cursor: i64,
        now: DateTime<Utc>,
    ) -> Result<PageOutcome> {
        self.without_foreign_keys(|w| {
            let outcome = apply_all(w, changes, now)?;
            w.tx.prepare_cached("UPDATE sync_state SET cursor = ?1 WHERE id = 1")?
                .execute([next_cursor])?;
            Ok(outcome)
        })
    }

    /// Applies the deferred changes whose rows are free now (after a push was answered), and
    /// the purges that waited.
    pub fn apply_deferred(&mut self, now: DateTime<Utc>) -> Result<PageOutcome> {
        self.without_foreign_keys(|w| {
            let mut changes: Vec<PulledChange> =
                w.tx.prepare("SELECT entity, id, op, version, data FROM deferred_changes")?
                    .query_map([], |r| {
                        let op: String = r.get(2)?;
                        Ok(PulledChange {
                            entity: r.get(0)?,
                            id: r.get(1)?,
                            op: if op == "remove" {
                                PulledOp::Remove
                            } else {
                                PulledOp::Upsert
                            },
                            version: r.get(3)?,
                            data: r.get(4)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
            changes.sort_by_key(|c| super::entity_rank(&c.entity));
            let mut outcome = apply_all(w, &changes, now)?;
            // What was deferred again is not new.
            outcome.deferred = 0;
            Ok(outcome)
        })
    }

    /// The notices of a job (what a sync changed under it while it was open).
    pub fn sync_notices(&self, job: &str) -> Result<Vec<SyncNotice>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT job_id, entity, entity_id, change, created_at FROM sync_notices
             WHERE job_id = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([job])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(SyncNotice {
                job_id: r.get(0)?,
                entity: r.get(1)?,
                entity_id: r.get(2)?,
                change: r.get(3)?,
                created_at: time_from("notice time", &r.get::<_, String>(4)?)?,
            });
        }
        Ok(out)
    }

    /// Runs `f` in a write transaction with foreign keys off (a pulled page may name a parent
    /// that arrives in a later page); they are on again afterwards, whatever happened.
    fn without_foreign_keys<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
        let result = (|| -> Result<T> {
            let w = self.write()?;
            let out = f(&w)?;
            w.commit()?;
            Ok(out)
        })();
        let on = self.conn.execute_batch("PRAGMA foreign_keys = ON");
        let out = result?;
        on?;
        Ok(out)
    }
}

fn count(out: &mut PageOutcome, step: Step) {
    match step {
        Step::Applied => out.applied += 1,
        Step::Deferred => out.deferred += 1,
        Step::Ignored => out.ignored += 1,
        Step::Purged => out.purged += 1,
    }
}

fn run(w: &Writer, sql: &str) -> Result<()> {
    w.tx.prepare_cached(sql)?.execute([])?;
    Ok(())
}

/// The whole page in one savepoint; when a change fails (not fatally), the page is applied
/// again with a savepoint per change, so that only that change is skipped.
fn apply_all(w: &Writer, changes: &[PulledChange], now: DateTime<Utc>) -> Result<PageOutcome> {
    let g = guards(&w.tx)?;
    run(w, "SAVEPOINT pulled_page")?;
    let mut out = PageOutcome::default();
    let mut failed = false;
    for c in changes {
        match apply_one(w, &g, c, now) {
            Ok(step) => count(&mut out, step),
            Err(e) if is_fatal(&e) => return Err(e),
            Err(_) => {
                failed = true;
                break;
            }
        }
    }
    if !failed {
        run(w, "RELEASE pulled_page")?;
        return Ok(out);
    }
    run(w, "ROLLBACK TO pulled_page")?;
    run(w, "RELEASE pulled_page")?;
    let g = guards(&w.tx)?;
    let mut out = PageOutcome::default();
    for c in changes {
        run(w, "SAVEPOINT pulled_change")?;
        match apply_one(w, &g, c, now) {
            Ok(step) => {
                run(w, "RELEASE pulled_change")?;
                count(&mut out, step);
            }
            Err(e) if is_fatal(&e) => return Err(e),
            Err(e) => {
                run(w, "ROLLBACK TO pulled_change")?;
                run(w, "RELEASE pulled_change")?;
                out.problems
                    .push(format!("{} {} ({}): {e}", c.entity, c.id, c.op.as_str()));
            }
        }
    }
    Ok(out)
}

/// Errors that stop the page (it is tried again whole); anything else skips one change.
fn is_fatal(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::DiskFull(_)
            | StoreError::Io(_)
            | StoreError::WrongKey
            | StoreError::KeyMissing
            | StoreError::SecretStore(_)
    ) || matches!(e, StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
        if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn defer(w: &Writer, g: &Guards, c: &PulledChange, now: DateTime<Utc>) -> Result<Step> {
    g.deferred
        .borrow_mut()
        .insert((c.entity.clone(), c.id.clone()));
    w.tx.prepare_cached(
        "INSERT INTO deferred_changes (entity, id, op, version, data, deferred_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (entity, id) DO UPDATE SET op = excluded.op, version = excluded.version,
            data = excluded.data, deferred_at = excluded.deferred_at
         WHERE excluded.version >= deferred_changes.version",
    )?
    .execute(params![
        c.entity,
        c.id,
        c.op.as_str(),
        c.version,
        c.data,
        time_text(&now)
    ])?;
    Ok(Step::Deferred)
}

fn done_with(w: &Writer, g: &Guards, c: &PulledChange) -> Result<()> {
    if !g
        .deferred
        .borrow()
        .contains(&(c.entity.clone(), c.id.clone()))
    {
        return Ok(());
    }
    w.tx.prepare_cached(
        "DELETE FROM deferred_changes WHERE entity = ?1 AND id = ?2 AND version <= ?3",
    )?
    .execute(params![c.entity, c.id, c.version])?;
    Ok(())
}

fn notice(
    w: &Writer,
    jobs: &[String],
    entity: &str,
    id: &str,
    change: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    for job in jobs {
        w.tx.prepare_cached(
            "INSERT INTO sync_notices (job_id, entity, entity_id, change, created_at)
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM sync_notices
                WHERE job_id = ?1 AND entity = ?2 AND entity_id = ?3 AND change = ?4)",
        )?
        .execute(params![job, entity, id, change, time_text(&now)])?;
    }
    Ok(())
}

fn apply_one(w: &Writer, g: &Guards, c: &PulledChange, now: DateTime<Utc>) -> Result<Step> {
    let step = match (c.entity.as_str(), c.op) {
        ("assignment_removed", _) | ("resident", PulledOp::Remove) => {
            if purge::resident(w, &c.id)? {
                Step::Purged
            } else {
                return defer(w, g, c, now);
            }
        }
        (_, PulledOp::Remove) => remove(w, g, c, now)?,
        (_, PulledOp::Upsert) => upsert(w, g, c, now)?,
    };
    if !matches!(step, Step::Deferred) {
        done_with(w, g, c)?;
    }
    Ok(step)
}

fn upsert(w: &Writer, g: &Guards, c: &PulledChange, now: DateTime<Utc>) -> Result<Step> {
    let (entity, id) = (c.entity.as_str(), c.id.as_str());
    if g.touched(entity, id) || (entity == "appointment" && g.open_appointments.contains_key(id)) {
        return defer(w, g, c, now);
    }
    // the version is taken first (one statement: older than held is ignored); a failure
    // below rolls it back with the change
    if !versions::take(&w.tx, entity, id, c.version)? {
        return Ok(Step::Ignored);
    }
    match entity {
        "municipality" => w.upsert_municipality(&decode::<Municipality>(c)?)?,
        "technician" => w.upsert_technician(&decode::<Technician>(c)?)?,
        "resident" => {
            let r: Resident = decode(c)?;
            // Assigned again: a removal that waited is void.
            let key = ("assignment_removed".to_string(), id.to_string());
            if g.deferred.borrow_mut().remove(&key) {
                w.tx.prepare_cached(
                    "DELETE FROM deferred_changes WHERE entity = 'assignment_removed' AND id = ?1",
                )?
                .execute([id])?;
            }
            let kept = collect(&w.tx, &sql::CAREGIVERS_OF, [id], rows::caregiver)?;
            w.upsert_resident(&r, &kept)?;
        }
        "caregiver" => upsert_caregiver(w, &decode(c)?)?,
        "supplier_contact" => w.upsert_supplier_contact(&decode(c)?)?,
        "device" => {
            let d: Device = decode(c)?;
            if let Some(jobs) = g.open_devices.get(id) {
                let before = one(&w.tx, &sql::DEVICE_BY_ID, [id], rows::device)?;
                if before.as_ref() != Some(&d) {
                    notice(w, jobs, "device", id, "changed", now)?;
                }
            }
            w.upsert_device(&d)?;
        }
        "sling" => {
            let s: Sling = decode(c)?;
            let hoist = s.hoist_id.to_string();
            if let Some(jobs) = g.open_devices.get(&hoist) {
                let held = collect(&w.tx, &sql::SLINGS_OF, [&hoist], rows::sling)?;
                if held.iter().any(|x| x.id == s.id && *x != s) {
                    notice(w, jobs, "sling", id, "changed", now)?;
                }
            }
            w.upsert_sling(&s)?;
        }
        "order" => w.upsert_order(&decode(c)?)?,
        "malfunction" => w.upsert_malfunction(&decode(c)?)?,
        "appointment" => {
            let a: AppointmentWithJobs = decode(c)?;
            w.upsert_appointment(&a.appointment, &a.jobs)?;
        }
        "logbook_entry" => insert_logbook(w, &decode(c)?)?,
        "deviation_request" => upsert_deviation(w, &decode(c)?)?,
        other => {
            return Err(StoreError::Corrupt {
                what: "pulled change",
                detail: format!("unknown entity {other}"),
            })
        }
    }
    Ok(Step::Applied)
}

fn remove(w: &Writer, g: &Guards, c: &PulledChange, now: DateTime<Utc>) -> Result<Step> {
    let (entity, id) = (c.entity.as_str(), c.id.as_str());
    if g.touched(entity, id) {
        return defer(w, g, c, now);
    }
    let removed = match entity {
        "device" => {
            if let Some(jobs) = g.open_devices.get(id) {
                notice(w, jobs, "device", id, "removed", now)?;
                return defer(w, g, c, now);
            }
            if g.logbook_pending.contains(id) {
                return defer(w, g, c, now);
            }
            purge::device(w, id)?
        }
        "sling" => {
            let hoist: Option<String> =
                w.tx.prepare_cached("SELECT hoist_id FROM slings WHERE id = ?1")?
                    .query_row([id], |r| r.get(0))
                    .optional()?;
            if let Some(jobs) = hoist.as_ref().and_then(|h| g.open_devices.get(h)) {
                notice(w, jobs, "sling", id, "removed", now)?;
                return defer(w, g, c, now);
            }
            delete_where(w, "slings", id)?
        }
        "appointment" => {
            if let Some(jobs) = g.open_appointments.get(id) {
                notice(w, jobs, "appointment", id, "removed", now)?;
                return defer(w, g, c, now);
            }
            purge::appointment(w, id)?
        }
        "caregiver" => delete_where(w, "caregivers", id)?,
        "supplier_contact" => delete_where(w, "supplier_contacts", id)?,
        "order" => delete_where(w, "orders", id)?,
        "malfunction" => delete_where(w, "malfunctions", id)?,
        "municipality" => delete_where(w, "municipalities", id)?,
        "technician" => delete_where(w, "technicians", id)?,
        // Logbook entries and deviation requests leave with their device or resident.
        _ => false,
    };
    versions::forget(&w.tx, entity, id)?;
    Ok(if removed {
        Step::Applied
    } else {
        Step::Ignored
    })
}

fn delete_where(w: &Writer, table: &'static str, id: &str) -> Result<bool> {
    Ok(w.tx
        .prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
        .execute([id])?
        > 0)
}

fn upsert_caregiver(w: &Writer, c: &Caregiver) -> Result<()> {
    c.validate()?;
    w.tx.prepare_cached(
        "INSERT INTO caregivers (id, resident_id, name, relation, kind, phone, email, may_sign)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET resident_id = excluded.resident_id,
            name = excluded.name, relation = excluded.relation, kind = excluded.kind,
            phone = excluded.phone, email = excluded.email, may_sign = excluded.may_sign",
    )?
    .execute(params![
        c.id.to_string(),
        c.resident_id.to_string(),
        c.name,
        c.relation,
        enum_text(&c.kind),
        c.phone,
        c.email,
        c.may_sign,
    ])?;
    Ok(())
}

/// Appends an entry as the portal chained it. The technician's own entries come back
/// unchanged (same id: nothing happens); an entry of another technician in a position this
/// replica already filled is a fork the portal refused on its side: it is reported.
fn insert_logbook(w: &Writer, e: &LogbookEntry) -> Result<()> {
    let n =
        w.tx.prepare_cached(
            "INSERT INTO logbook (id, device_id, seq, kind, occurred_at, recorded_at, author,
                job_id, summary, details_json, corrects, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            e.id.to_string(),
            e.device_id.to_string(),
            e.seq,
            enum_text(&e.kind),
            time_text(&e.occurred_at),
            time_text(&e.recorded_at),
            e.author,
            e.job_id.map(|j| j.to_string()),
            e.summary,
            e.details_json,
            e.corrects.map(|c| c.to_string()),
            e.prev_hash,
            e.hash,
        ])?;
    let held =
        w.tx.prepare_cached("SELECT 1 FROM logbook WHERE id = ?1")?
            .query_row([e.id.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
    if n == 0 && !held {
        return Err(StoreError::Corrupt {
            what: "logbook chain",
            detail: format!(
                "position {} of device {} holds another entry here",
                e.seq, e.device_id
            ),
        });
    }
    Ok(())
}

fn upsert_deviation(w: &Writer, d: &DeviationRequest) -> Result<()> {
    w.tx.prepare_cached(&format!(
        "{} ON CONFLICT (id) DO UPDATE SET status = excluded.status
         WHERE deviation_requests.status IS NOT excluded.status",
        *sql::INSERT_DEVIATION
    ))?
    .execute(params![
        d.id.to_string(),
        d.order_id.to_string(),
        d.resident_id.to_string(),
        d.job_id.to_string(),
        enum_text(&d.ordered),
        enum_text(&d.proposed),
        d.motivation,
        time_text(&d.requested_at),
        enum_text(&d.status),
    ])?;
    Ok(())
}
