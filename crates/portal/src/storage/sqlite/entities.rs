//! Writing master data and its change feed: every write of an entity bumps its version and
//! puts one row per audience in the feed (replacing that audience's older row), so a pull
//! sees each entity once, at its latest change.

use super::{parse_uuid, ts};
use crate::domain::scope::{audience, row_of, EntityRow};
use crate::storage::{Result, StorageError};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;
use veldwerk_core::ids::{DeviceId, ResidentId, TechnicianId};
use veldwerk_sync::protocol::{AppointmentWithJobs, EntityData, EntityKind};

/// The scope columns of an entity as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Scope {
    pub resident: Option<ResidentId>,
    pub technician: Option<TechnicianId>,
}

fn opt_uuid(what: &'static str, v: Option<String>) -> Result<Option<Uuid>> {
    v.map(|s| parse_uuid(what, &s)).transpose()
}

/// The stored version, scope and data of an entity.
pub(super) fn current(
    c: &Connection,
    kind: EntityKind,
    id: Uuid,
) -> Result<Option<(i64, Scope, String)>> {
    let row = c
        .prepare_cached(
            "SELECT version, resident_id, technician_id, data FROM entities
             WHERE kind = ?1 AND id = ?2",
        )?
        .query_row(params![kind.as_str(), id.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .optional()?;
    row.map(|(v, res, tech, data)| {
        let scope = Scope {
            resident: opt_uuid("resident id", res)?.map(ResidentId),
            technician: opt_uuid("technician id", tech)?.map(TechnicianId),
        };
        Ok((v, scope, data))
    })
    .transpose()
}

/// An entity decoded as its core type.
pub(super) fn load<T: serde::de::DeserializeOwned>(
    c: &Connection,
    kind: EntityKind,
    id: Uuid,
) -> Result<Option<(i64, T)>> {
    match current(c, kind, id)? {
        Some((v, _, data)) => serde_json::from_str(&data)
            .map(|t| Some((v, t)))
            .map_err(|e| StorageError::Corrupt {
                what: "entity",
                detail: e.to_string(),
            }),
        None => Ok(None),
    }
}

pub(super) fn assigned(c: &Connection, resident: ResidentId) -> Result<Vec<TechnicianId>> {
    let mut stmt =
        c.prepare_cached("SELECT technician_id FROM assignments WHERE resident_id = ?1")?;
    let ids = stmt
        .query_map([resident.to_string()], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    ids.iter()
        .map(|s| parse_uuid("technician id", s).map(TechnicianId))
        .collect()
}

/// Whether the technician may send records about the resident: assigned now, or before (a
/// record made then may arrive after the office took the resident away).
pub(super) fn may_record_for(
    c: &Connection,
    resident: ResidentId,
    t: TechnicianId,
) -> Result<bool> {
    Ok(is_assigned(c, resident, t)?
        || c.prepare_cached(
            "SELECT 1 FROM former_assignments WHERE resident_id = ?1 AND technician_id = ?2",
        )?
        .query_row(params![resident.to_string(), t.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn is_assigned(c: &Connection, resident: ResidentId, t: TechnicianId) -> Result<bool> {
    Ok(
        c.prepare_cached(
            "SELECT 1 FROM assignments WHERE resident_id = ?1 AND technician_id = ?2",
        )?
        .query_row(params![resident.to_string(), t.to_string()], |_| Ok(()))
        .optional()?
        .is_some(),
    )
}

/// Puts the entity's row for `audience` in the feed, replacing that audience's older one.
pub(super) fn set_change(
    c: &Connection,
    audience: &str,
    kind: EntityKind,
    id: Uuid,
    op: &str,
    resident: Option<ResidentId>,
) -> Result<()> {
    let id = id.to_string();
    c.prepare_cached(
        "DELETE FROM changes WHERE technician_id = ?1 AND entity = ?2 AND entity_id = ?3",
    )?
    .execute(params![audience, kind.as_str(), id])?;
    c.prepare_cached(
        "INSERT INTO changes (technician_id, entity, entity_id, op, resident_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        audience,
        kind.as_str(),
        id,
        op,
        resident.map(|r| r.to_string())
    ])?;
    Ok(())
}

fn audience_of(c: &Connection, s: Scope) -> Result<Vec<String>> {
    let assigned = match s.resident {
        Some(r) => assigned(c, r)?,
        None => Vec::new(),
    };
    Ok(audience(s.resident, s.technician, &assigned))
}

/// Announces an entity to its audience: an upsert for whoever sees it now, a remove for
/// whoever saw it before and no longer does.
pub(super) fn announce(
    c: &Connection,
    kind: EntityKind,
    id: Uuid,
    old: Option<Scope>,
    new: Scope,
) -> Result<()> {
    let now_seen = audience_of(c, new)?;
    if let Some(old) = old {
        for a in audience_of(c, old)? {
            if !now_seen.contains(&a) {
                set_change(c, &a, kind, id, "remove", old.resident)?;
            }
        }
    }
    for a in &now_seen {
        set_change(c, a, kind, id, "upsert", new.resident)?;
    }
    Ok(())
}

/// A new version of an entity whose data did not change (an update of the technician's was
/// applied and happened to change nothing): the technician's next update of it is made on
/// this version, so every applied update makes one. Announced like any change.
pub(super) fn bump(c: &Connection, kind: EntityKind, id: Uuid, at: DateTime<Utc>) -> Result<i64> {
    let Some((v, scope, _)) = current(c, kind, id)? else {
        return Err(StorageError::NotFound("entity"));
    };
    c.prepare_cached(
        "UPDATE entities SET version = ?3, updated_at = ?4 WHERE kind = ?1 AND id = ?2",
    )?
    .execute(params![kind.as_str(), id.to_string(), v + 1, ts(&at)])?;
    announce(c, kind, id, Some(scope), scope)?;
    Ok(v + 1)
}

/// Writes an entity (a new version when anything changed) and announces it. Returns the
/// version now stored.
pub(super) fn put(c: &Connection, row: &EntityRow, at: DateTime<Utc>) -> Result<i64> {
    let old = current(c, row.kind, row.id)?;
    let new_scope = Scope {
        resident: row.resident_id,
        technician: row.technician_id,
    };
    if let Some((v, scope, data)) = &old {
        if *scope == new_scope && *data == row.data {
            return Ok(*v);
        }
    }
    let version = old.as_ref().map_or(1, |(v, _, _)| v + 1);
    c.prepare_cached(
        "INSERT INTO entities (kind, id, version, resident_id, technician_id, device_id, data,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version,
             resident_id = excluded.resident_id, technician_id = excluded.technician_id,
             device_id = excluded.device_id, data = excluded.data,
             updated_at = excluded.updated_at",
    )?
    .execute(params![
        row.kind.as_str(),
        row.id.to_string(),
        version,
        row.resident_id.map(|r| r.to_string()),
        row.technician_id.map(|t| t.to_string()),
        row.device_id.map(|d| d.to_string()),
        row.data,
        ts(&at),
    ])?;
    announce(c, row.kind, row.id, old.map(|(_, s, _)| s), new_scope)?;
    Ok(version)
}

fn encode_err(e: serde_json::Error) -> StorageError {
    StorageError::Corrupt {
        what: "entity json",
        detail: e.to_string(),
    }
}

/// The resident of a device (None in the depot or when unknown).
pub(super) fn device_resident(c: &Connection, device: DeviceId) -> Result<Option<ResidentId>> {
    Ok(current(c, EntityKind::Device, device.0)?.and_then(|(_, s, _)| s.resident))
}

/// Writes any entity; slings and logbook entries take their device's scope. A device whose
/// resident changes takes its slings and logbook along.
pub(super) fn put_data(c: &Connection, data: &EntityData, at: DateTime<Utc>) -> Result<i64> {
    let owner = match data {
        EntityData::Sling(s) => device_resident(c, s.hoist_id)?,
        EntityData::LogbookEntry(e) => device_resident(c, e.device_id)?,
        _ => None,
    };
    let row = row_of(data, owner).map_err(encode_err)?;
    let before = match data {
        EntityData::Device(d) => Some(device_resident(c, d.id)?),
        _ => None,
    };
    if let EntityData::Appointment(a) = data {
        index_jobs(c, a)?;
    }
    let version = put(c, &row, at)?;
    if let (EntityData::Device(d), Some(before)) = (data, before) {
        if before != d.resident_id {
            rescope_children(c, d.id, before, d.resident_id)?;
        }
    }
    Ok(version)
}

/// Keeps the job index of an appointment.
fn index_jobs(c: &Connection, a: &AppointmentWithJobs) -> Result<()> {
    let mut stmt = c.prepare_cached(
        "INSERT INTO jobs (id, appointment_id, resident_id, technician_id, device_id)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET appointment_id = excluded.appointment_id,
             resident_id = excluded.resident_id, technician_id = excluded.technician_id,
             device_id = excluded.device_id",
    )?;
    for j in &a.jobs {
        stmt.execute(params![
            j.id.to_string(),
            a.appointment.id.to_string(),
            a.appointment.resident_id.to_string(),
            a.appointment.technician_id.to_string(),
            j.device_id.map(|d| d.to_string()),
        ])?;
    }
    Ok(())
}

/// A device moved: its slings and logbook entries now reach the new resident's technicians
/// (or everyone, in the depot), and leave those who no longer see the device.
fn rescope_children(
    c: &Connection,
    device: DeviceId,
    before: Option<ResidentId>,
    after: Option<ResidentId>,
) -> Result<()> {
    let children: Vec<(String, String)> = c
        .prepare_cached(
            "SELECT kind, id FROM entities WHERE device_id = ?1
             AND kind IN ('sling', 'logbook_entry') ORDER BY kind DESC, id",
        )?
        .query_map([device.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    c.prepare_cached(
        "UPDATE entities SET resident_id = ?2 WHERE device_id = ?1
         AND kind IN ('sling', 'logbook_entry')",
    )?
    .execute(params![device.to_string(), after.map(|r| r.to_string())])?;
    let scope = |resident| Scope {
        resident,
        technician: None,
    };
    for (kind, id) in children {
        let kind = EntityKind::parse(&kind).ok_or(StorageError::Corrupt {
            what: "entity kind",
            detail: kind.clone(),
        })?;
        announce(
            c,
            kind,
            parse_uuid("entity id", &id)?,
            Some(scope(before)),
            scope(after),
        )?;
    }
    Ok(())
}
