//! Master-data updates kept for the office, and how the office resolves them.

use super::office::{ShiftedRow, RECORD_COLS};
use super::{auth, parse_ts, parse_uuid, push_apply, ts};
use crate::domain::records::decode_stored;
use crate::storage::*;
use rusqlite::{params, Connection, OptionalExtension};

pub(super) fn conflicts(c: &Connection) -> Result<Vec<ConflictRow>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT x.id, x.entity, x.entity_id, x.base_version, x.portal_version, x.created_at,
             x.resolution, x.resolved_by, x.resolved_at, {RECORD_COLS}
         FROM conflicts x JOIN records r ON r.id = x.record_id
         ORDER BY x.resolved_at IS NOT NULL, x.id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let record = {
            // the record's columns start after the conflict's nine
            let shifted = ShiftedRow { row: r, by: 9 };
            shifted.record()?
        };
        out.push(ConflictRow {
            id: r.get(0)?,
            entity: EntityKind::parse(&kind).ok_or(StorageError::Corrupt {
                what: "entity kind",
                detail: kind.clone(),
            })?,
            entity_id: parse_uuid("entity id", &r.get::<_, String>(2)?)?,
            base_version: r.get(3)?,
            portal_version: r.get(4)?,
            created_at: parse_ts("conflict time", &r.get::<_, String>(5)?)?,
            resolution: r.get(6)?,
            resolved_by: r.get(7)?,
            resolved_at: r
                .get::<_, Option<String>>(8)?
                .map(|s| parse_ts("conflict time", &s))
                .transpose()?,
            record,
        });
    }
    Ok(out)
}

pub(super) fn resolve_conflict(
    c: &Connection,
    id: i64,
    resolution: Resolution,
    actor: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let row: Option<(String, String, String, Option<String>)> = c
        .prepare_cached(
            "SELECT x.record_id, r.record_type, r.payload, x.resolution FROM conflicts x
             JOIN records r ON r.id = x.record_id WHERE x.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let (record_id, record_type, payload, done) = row.ok_or(StorageError::NotFound("conflict"))?;
    if done.is_some() {
        return Err(StorageError::Refused("the conflict was resolved already"));
    }
    if resolution == Resolution::ApplyClient {
        let body = decode_stored(&record_type, &payload).map_err(|e| StorageError::Corrupt {
            what: "conflict record",
            detail: e,
        })?;
        push_apply::update(c, &body, at, true)?
            .map_err(|_| StorageError::Refused("the update does not apply"))?;
    }
    c.prepare_cached(
        "UPDATE conflicts SET resolution = ?2, resolved_by = ?3, resolved_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, resolution.as_str(), actor, ts(&at)])?;
    c.prepare_cached("UPDATE records SET status = 'resolved' WHERE id = ?1")?
        .execute([&record_id])?;
    auth::audit(
        c,
        &AuditEntry {
            at,
            actor: actor.to_string(),
            action: "conflict_resolved".into(),
            subject: format!("record {record_id}"),
            detail: resolution.as_str().into(),
        },
    )
}
