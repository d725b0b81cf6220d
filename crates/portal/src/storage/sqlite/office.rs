//! What the office reads and decides: master data, records, assignments, answers to
//! deviation requests and reschedules (conflicts: conflicts.rs). Every decision is audited
//! in the transaction that makes it.

use super::entities::{load, put_data, set_change};
use super::{auth, parse_ts, parse_uuid, ts};
use crate::storage::*;
use rusqlite::{params, Connection, Row};
use veldwerk_core::ids::DeviceId;
use veldwerk_core::jobs::DeviationRequest;
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityData};

const ENTITY_COLS: &str =
    "kind, id, version, resident_id, technician_id, device_id, data, updated_at";

pub(super) fn opt<T>(
    what: &'static str,
    v: Option<String>,
    f: impl Fn(uuid::Uuid) -> T,
) -> Result<Option<T>> {
    v.map(|s| parse_uuid(what, &s).map(&f)).transpose()
}

fn entity_row(r: &Row) -> Result<StoredEntity> {
    let kind: String = r.get(0)?;
    Ok(StoredEntity {
        kind: EntityKind::parse(&kind).ok_or(StorageError::Corrupt {
            what: "entity kind",
            detail: kind.clone(),
        })?,
        id: parse_uuid("entity id", &r.get::<_, String>(1)?)?,
        version: r.get(2)?,
        resident_id: opt("resident id", r.get(3)?, ResidentId)?,
        technician_id: opt("technician id", r.get(4)?, TechnicianId)?,
        device_id: opt("device id", r.get(5)?, DeviceId)?,
        data: r.get(6)?,
        updated_at: parse_ts("entity time", &r.get::<_, String>(7)?)?,
    })
}

pub(super) fn entity(c: &Connection, kind: EntityKind, id: Uuid) -> Result<Option<StoredEntity>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {ENTITY_COLS} FROM entities WHERE kind = ?1 AND id = ?2"
    ))?;
    let mut rows = stmt.query(params![kind.as_str(), id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(entity_row(r)?)),
        None => Ok(None),
    }
}

pub(super) fn entities(
    c: &Connection,
    kind: EntityKind,
    f: EntityFilter,
) -> Result<Vec<StoredEntity>> {
    let (cond, arg) = match f {
        EntityFilter::All => ("1 = 1 OR ?2 IS NULL", None),
        EntityFilter::Resident(r) => ("resident_id = ?2", Some(r.to_string())),
        EntityFilter::Device(d) => ("device_id = ?2", Some(d.to_string())),
        EntityFilter::Technician(t) => ("technician_id = ?2", Some(t.to_string())),
    };
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {ENTITY_COLS} FROM entities WHERE kind = ?1 AND ({cond}) ORDER BY id"
    ))?;
    let mut rows = stmt.query(params![kind.as_str(), arg])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(entity_row(r)?);
    }
    Ok(out)
}

pub(super) const RECORD_COLS: &str = "r.id, r.record_type, r.hash, r.payload, r.technician_id,
    r.installation_id, r.resident_id, r.device_id, r.job_id, r.status, r.received_at,
    (SELECT group_concat(sha256, ',') FROM record_blobs b WHERE b.record_id = r.id)";

fn record_row(r: &Row) -> Result<StoredRecord> {
    ShiftedRow { row: r, by: 0 }.record()
}

pub(super) fn records(c: &Connection, f: &RecordFilter) -> Result<Vec<StoredRecord>> {
    let types = f
        .record_types
        .iter()
        .filter(|t| t.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let type_cond = if types.is_empty() {
        String::from("1 = 1")
    } else {
        format!("r.record_type IN ({types})")
    };
    let sql = format!(
        "SELECT {RECORD_COLS} FROM records r WHERE {type_cond}
         AND (?1 IS NULL OR r.resident_id = ?1) AND (?2 IS NULL OR r.device_id = ?2)
         AND (?3 IS NULL OR r.job_id = ?3) AND (?4 IS NULL OR r.id = ?4)
         ORDER BY r.received_at DESC, r.id LIMIT ?5"
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![
        f.resident.map(|x| x.to_string()),
        f.device.map(|x| x.to_string()),
        f.job.map(|x| x.to_string()),
        f.id.map(|x| x.to_string()),
        f.limit.unwrap_or(10_000),
    ])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(record_row(r)?);
    }
    Ok(out)
}

pub(super) fn assignments(c: &Connection) -> Result<Vec<(ResidentId, TechnicianId)>> {
    let mut stmt =
        c.prepare_cached("SELECT resident_id, technician_id FROM assignments ORDER BY 1, 2")?;
    let pairs: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    pairs
        .iter()
        .map(|(r, t)| {
            Ok((
                ResidentId(parse_uuid("resident id", r)?),
                TechnicianId(parse_uuid("technician id", t)?),
            ))
        })
        .collect()
}

/// Assigning sends the resident's whole data to the technician (changes re-emitted for
/// them, parents first); unassigning drops their pending changes for the resident and sends
/// `assignment_removed`.
pub(super) fn set_assignment(
    c: &Connection,
    resident: ResidentId,
    t: TechnicianId,
    assign: bool,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<bool> {
    let (rid, tid) = (resident.to_string(), t.to_string());
    let changed = if assign {
        assign_one(c, resident, t, at)?
    } else {
        let n = c
            .prepare_cached(
                "DELETE FROM assignments WHERE resident_id = ?1 AND technician_id = ?2",
            )?
            .execute([&rid, &tid])?;
        if n == 1 {
            c.prepare_cached(
                "INSERT INTO former_assignments (resident_id, technician_id, removed_at)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (resident_id, technician_id) DO UPDATE SET removed_at = excluded.removed_at",
            )?
            .execute([&rid, &tid, &ts(&at)])?;
            c.prepare_cached("DELETE FROM changes WHERE technician_id = ?1 AND resident_id = ?2")?
                .execute([&tid, &rid])?;
            set_change(
                c,
                &tid,
                EntityKind::AssignmentRemoved,
                resident.0,
                "remove",
                None,
            )?;
        }
        n == 1
    };
    if changed {
        auth::audit(
            c,
            &AuditEntry {
                at,
                actor: actor.to_string(),
                action: if assign { "assigned" } else { "unassigned" }.into(),
                subject: format!("resident {rid}"),
                detail: format!("technician {tid}"),
            },
        )?;
    }
    Ok(changed)
}

/// An entity of a resident: kind, id, technician, device, chain position.
type Owned = (
    EntityKind,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
);

pub(super) fn assign_one(
    c: &Connection,
    resident: ResidentId,
    t: TechnicianId,
    at: DateTime<Utc>,
) -> Result<bool> {
    let (rid, tid) = (resident.to_string(), t.to_string());
    let n = c
        .prepare_cached(
            "INSERT INTO assignments (resident_id, technician_id, assigned_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (resident_id, technician_id) DO NOTHING",
        )?
        .execute([&rid, &tid, &ts(&at)])?;
    if n == 0 {
        return Ok(false);
    }
    c.prepare_cached(
        "DELETE FROM changes WHERE technician_id = ?1 AND entity = 'assignment_removed'
         AND entity_id = ?2",
    )?
    .execute([&tid, &rid])?;
    let mut stmt = c.prepare_cached(
        "SELECT e.kind, e.id, e.technician_id, e.device_id, l.seq FROM entities e
         LEFT JOIN logbook_links l ON l.entry_id = e.id AND e.kind = 'logbook_entry'
         WHERE e.resident_id = ?1",
    )?;
    let mut rows: Vec<Owned> = Vec::new();
    let mut q = stmt.query([&rid])?;
    while let Some(r) = q.next()? {
        let kind: String = r.get(0)?;
        let kind = EntityKind::parse(&kind).ok_or(StorageError::Corrupt {
            what: "entity kind",
            detail: kind.clone(),
        })?;
        rows.push((kind, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    rows.sort_by(|a, b| (a.0.rank(), &a.3, a.4, &a.1).cmp(&(b.0.rank(), &b.3, b.4, &b.1)));
    for (kind, id, technician, _, _) in rows {
        if technician.is_some_and(|x| x != tid) {
            continue;
        }
        set_change(
            c,
            &tid,
            kind,
            parse_uuid("entity id", &id)?,
            "upsert",
            Some(resident),
        )?;
    }
    Ok(true)
}

pub(super) fn reschedule(
    c: &Connection,
    id: AppointmentId,
    window: TimeWindow,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let (_, mut a) = load::<AppointmentWithJobs>(c, EntityKind::Appointment, id.0)?
        .ok_or(StorageError::NotFound("appointment"))?;
    let before = a.appointment.window;
    a.appointment.window = window;
    put_data(c, &EntityData::Appointment(a), at)?;
    auth::audit(
        c,
        &AuditEntry {
            at,
            actor: actor.to_string(),
            action: "rescheduled".into(),
            subject: format!("appointment {id}"),
            detail: format!("{} -> {}", ts(&before.start), ts(&window.start)),
        },
    )
}

pub(super) fn answer_deviation(
    c: &Connection,
    id: DeviationRequestId,
    status: DeviationStatus,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let (_, mut d) = load::<DeviationRequest>(c, EntityKind::DeviationRequest, id.0)?
        .ok_or(StorageError::NotFound("deviation request"))?;
    if d.status != DeviationStatus::Pending || status == DeviationStatus::Pending {
        return Err(StorageError::Refused("the request was answered already"));
    }
    d.status = status;
    put_data(c, &EntityData::DeviationRequest(d), at)?;
    auth::audit(
        c,
        &AuditEntry {
            at,
            actor: actor.to_string(),
            action: "deviation_answered".into(),
            subject: format!("deviation request {id}"),
            detail: format!("{status:?}").to_lowercase(),
        },
    )
}

/// Reads a record whose columns start at an offset.
pub(super) struct ShiftedRow<'a, 'b> {
    pub row: &'a Row<'b>,
    pub by: usize,
}

impl ShiftedRow<'_, '_> {
    pub fn record(&self) -> Result<StoredRecord> {
        let (r, b) = (self.row, self.by);
        let blobs: Option<String> = r.get(b + 11)?;
        Ok(StoredRecord {
            id: parse_uuid("record id", &r.get::<_, String>(b)?)?,
            record_type: r.get(b + 1)?,
            hash: r.get(b + 2)?,
            payload: r.get(b + 3)?,
            technician_id: TechnicianId(parse_uuid("technician id", &r.get::<_, String>(b + 4)?)?),
            installation_id: parse_uuid("installation id", &r.get::<_, String>(b + 5)?)?,
            resident_id: opt("resident id", r.get(b + 6)?, ResidentId)?,
            device_id: opt("device id", r.get(b + 7)?, DeviceId)?,
            job_id: opt("job id", r.get(b + 8)?, veldwerk_core::ids::JobId)?,
            status: r.get(b + 9)?,
            received_at: parse_ts("record time", &r.get::<_, String>(b + 10)?)?,
            blobs: {
                let mut v: Vec<String> = blobs
                    .map(|x| x.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                v.sort();
                v
            },
        })
    }
}
