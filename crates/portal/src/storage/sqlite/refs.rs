//! Looking up what pushed records refer to, and the blobs.

use super::entities::{current, may_record_for};
use super::{parse_uuid, ts};
use crate::storage::Result;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use veldwerk_core::ids::{AppointmentId, DeviceId, JobId, ResidentId, TechnicianId};
use veldwerk_sync::protocol::EntityKind;

/// A job as the index knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct JobRef {
    pub appointment: AppointmentId,
    pub resident: ResidentId,
    pub device: Option<DeviceId>,
}

pub(super) fn job(c: &Connection, id: JobId) -> Result<Option<JobRef>> {
    let row: Option<(String, String, Option<String>)> = c
        .prepare_cached("SELECT appointment_id, resident_id, device_id FROM jobs WHERE id = ?1")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(a, r, d)| {
        Ok(JobRef {
            appointment: AppointmentId(parse_uuid("appointment id", &a)?),
            resident: ResidentId(parse_uuid("resident id", &r)?),
            device: d
                .map(|d| parse_uuid("device id", &d).map(DeviceId))
                .transpose()?,
        })
    })
    .transpose()
}

/// Whether a device exists: Some(its resident, None in the depot).
pub(super) fn device(c: &Connection, id: DeviceId) -> Result<Option<Option<ResidentId>>> {
    Ok(current(c, EntityKind::Device, id.0)?.map(|(_, s, _)| s.resident))
}

/// The resident an entity is scoped to, when it exists.
pub(super) fn resident_of(
    c: &Connection,
    kind: EntityKind,
    id: uuid::Uuid,
) -> Result<Option<Option<ResidentId>>> {
    Ok(current(c, kind, id)?.map(|(_, s, _)| s.resident))
}

/// A device the technician may record on: one of an assigned (or formerly assigned)
/// resident's, or in the depot.
pub(super) fn device_in_scope(c: &Connection, id: DeviceId, t: TechnicianId) -> Result<bool> {
    match device(c, id)? {
        Some(Some(r)) => may_record_for(c, r, t),
        Some(None) => Ok(true),
        None => Ok(false),
    }
}

pub(super) fn blob_known(c: &Connection, sha256: &str) -> Result<bool> {
    Ok(c.prepare_cached("SELECT 1 FROM blobs WHERE sha256 = ?1")?
        .query_row([sha256], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(super) fn blob_readable(c: &Connection, t: TechnicianId, sha256: &str) -> Result<bool> {
    if !blob_known(c, sha256)? {
        return Ok(false);
    }
    let tid = t.to_string();
    let uploaded = c
        .prepare_cached("SELECT 1 FROM blob_uploads WHERE sha256 = ?1 AND technician_id = ?2")?
        .query_row([sha256, &tid], |_| Ok(()))
        .optional()?
        .is_some();
    if uploaded {
        return Ok(true);
    }
    Ok(c.prepare_cached(
        "SELECT 1 FROM record_blobs rb JOIN records r ON r.id = rb.record_id
         JOIN assignments a ON a.resident_id = r.resident_id AND a.technician_id = ?2
         WHERE rb.sha256 = ?1 LIMIT 1",
    )?
    .query_row([sha256, &tid], |_| Ok(()))
    .optional()?
    .is_some())
}

pub(super) fn register_blob(
    c: &Connection,
    sha256: &str,
    size: u64,
    t: TechnicianId,
    at: DateTime<Utc>,
) -> Result<bool> {
    let size = i64::try_from(size).unwrap_or(i64::MAX);
    let created = c
        .prepare_cached(
            "INSERT INTO blobs (sha256, size, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (sha256) DO NOTHING",
        )?
        .execute(params![sha256, size, ts(&at)])?
        == 1;
    c.prepare_cached(
        "INSERT INTO blob_uploads (sha256, technician_id) VALUES (?1, ?2)
         ON CONFLICT (sha256, technician_id) DO NOTHING",
    )?
    .execute(params![sha256, t.to_string()])?;
    Ok(created)
}

/// The listed blobs the portal does not hold, in the order given.
pub(super) fn missing_blobs(c: &Connection, hashes: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for h in hashes {
        if !blob_known(c, h)? {
            out.push(h.clone());
        }
    }
    Ok(out)
}

/// What a record refers to, and whether all of it is the technician's to record on.
#[derive(Clone, Copy, Debug, Default)]
pub(in crate::storage::sqlite) struct Refs {
    pub resident: Option<ResidentId>,
    pub device: Option<DeviceId>,
    pub job: Option<JobId>,
    pub in_scope: bool,
}
