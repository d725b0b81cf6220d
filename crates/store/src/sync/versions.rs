//! The portal's version of every pulled entity, and the `base_version` an update of master
//! data is queued with.
//!
//! Each update the portal applies bumps the entity's version by one. So when a technician
//! queues two updates of the same device before a sync, the second is made on the version the
//! first will leave: `base = known version + updates of it still waiting`. The known version
//! is the last one pulled, or `base + 1` of an update of the technician's the portal applied
//! (its answer says so), whichever is newer. When the portal's row changed meanwhile (the
//! office, another technician), the versions differ and the portal keeps the update as a
//! conflict for the office: never applied blindly, never dropped; later updates queued on top
//! of it are conflicts too, until a pull brings the portal's row.

use crate::error::{Result, StoreError};
use crate::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// The entity and the field naming it, of each type of update.
fn target(record_type: &str) -> Option<(&'static str, &'static str)> {
    match record_type {
        "device_update" => Some(("device", "device_id")),
        "sling_update" => Some(("sling", "sling_id")),
        "malfunction_update" => Some(("malfunction", "malfunction_id")),
        "order_update" => Some(("order", "order_id")),
        _ => None,
    }
}

/// The base version of an update being queued (None when the entity was never pulled, as in
/// the offline demo: the portal then applies it unchecked), counting the update as queued.
pub(crate) fn base_for_update<T: Serialize>(
    conn: &Connection,
    record_type: &str,
    update: &T,
) -> Result<Option<i64>> {
    let Some((entity, field)) = target(record_type) else {
        return Ok(None);
    };
    let value = serde_json::to_value(update).map_err(|e| StoreError::Corrupt {
        what: "update",
        detail: e.to_string(),
    })?;
    let Some(id) = value.get(field).and_then(|v| v.as_str()) else {
        return Ok(None);
    };
    let known: Option<(i64, i64)> = conn
        .prepare_cached(
            "SELECT version, local_updates FROM entity_versions WHERE entity = ?1 AND id = ?2",
        )?
        .query_row(params![entity, id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((version, queued)) = known else {
        return Ok(None);
    };
    conn.prepare_cached(
        "UPDATE entity_versions SET local_updates = local_updates + 1
         WHERE entity = ?1 AND id = ?2",
    )?
    .execute(params![entity, id])?;
    Ok(Some(version + queued))
}

/// The portal answered an update queued here: `applied` when it applied it (accepted, not
/// a conflict), else it kept it as a conflict or refused it. Either way it no longer waits.
pub(crate) fn answered(
    conn: &Connection,
    record_type: &str,
    payload_json: &str,
    applied: bool,
) -> Result<()> {
    let Some((entity, field)) = target(record_type) else {
        return Ok(());
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(payload_json) else {
        return Ok(());
    };
    let Some(id) = value.get(field).and_then(|v| v.as_str()) else {
        return Ok(());
    };
    let base = value.get("base_version").and_then(|v| v.as_i64());
    let new_version = match (applied, base) {
        (true, Some(b)) => Some(b + 1),
        _ => None,
    };
    conn.prepare_cached(
        "UPDATE entity_versions SET local_updates = max(local_updates - 1, 0),
            version = max(version, coalesce(?3, version))
         WHERE entity = ?1 AND id = ?2",
    )?
    .execute(params![entity, id, new_version])?;
    Ok(())
}

/// The version last pulled, if any.
pub(crate) fn known(conn: &Connection, entity: &str, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT version FROM entity_versions WHERE entity = ?1 AND id = ?2")?
        .query_row(params![entity, id], |r| r.get(0))
        .optional()?)
}

/// Takes a pulled version unless an older one than held (then false: the change is stale).
/// Applied only when nothing of the technician's waits on the entity, so no update of it is
/// queued: the count of queued updates starts afresh.
pub(crate) fn take(conn: &Connection, entity: &str, id: &str, version: i64) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT INTO entity_versions (entity, id, version, local_updates)
             VALUES (?1, ?2, ?3, 0)
             ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, local_updates = 0
             WHERE excluded.version >= entity_versions.version",
        )?
        .execute(params![entity, id, version])?;
    Ok(n > 0)
}

pub(crate) fn forget(conn: &Connection, entity: &str, id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM entity_versions WHERE entity = ?1 AND id = ?2")?
        .execute(params![entity, id])?;
    Ok(())
}

impl Store {
    /// The portal's version of an entity as last pulled ("device", "sling", ...).
    pub fn entity_version(&self, entity: &str, id: &str) -> Result<Option<i64>> {
        known(&self.conn, entity, id)
    }
}
