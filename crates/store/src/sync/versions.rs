//! The portal's version of every pulled entity, and the `base_version` an update of master
//! data is queued with.
//!
//! Each update the portal applies bumps the entity's version by one. So when a technician
//! queues two updates of the same device before a sync, the second is made on the version the
//! first will leave: `base = pulled version + updates queued since`. When the portal's row
//! changed meanwhile (the office, another technician), the versions differ and the portal keeps
//! the update as a conflict for the office: never applied blindly, never dropped. A pull of the
//! entity (once nothing of the technician's waits on it) sets the version and the count afresh.

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

/// The version last pulled, if any.
pub(crate) fn known(conn: &Connection, entity: &str, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT version FROM entity_versions WHERE entity = ?1 AND id = ?2")?
        .query_row(params![entity, id], |r| r.get(0))
        .optional()?)
}

/// Remembers a pulled version (updates queued before it are now in it or lost to a conflict
/// the office resolves).
pub(crate) fn set(conn: &Connection, entity: &str, id: &str, version: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO entity_versions (entity, id, version, local_updates) VALUES (?1, ?2, ?3, 0)
         ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, local_updates = 0",
    )?
    .execute(params![entity, id, version])?;
    Ok(())
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
