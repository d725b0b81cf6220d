//! Reading a page of the change feed: the rows for everyone and the rows for the technician
//! after the cursor, each read by the index (audience, seq) with its own limit, merged.

use super::parse_uuid;
use crate::domain::scope::EVERYONE;
use crate::storage::{PullPage, Result, StorageError};
use rusqlite::{params, Connection};
use serde_json::value::RawValue;
use std::collections::HashMap;
use veldwerk_core::ids::TechnicianId;
use veldwerk_sync::protocol::{Change, ChangeOp, EntityKind, MAX_PULL_LIMIT};

/// The page's change rows are chosen first (each audience's rows by the index, limited,
/// merged and limited again), and only those rows are joined to their entity's JSON.
const PAGE: &str = "
    SELECT c.seq, c.entity, c.entity_id, c.op, e.version, e.data FROM (
        SELECT * FROM (
            SELECT * FROM (SELECT seq, entity, entity_id, op FROM changes
                           WHERE technician_id = ?1 AND seq > ?3 ORDER BY seq LIMIT ?4) a
            UNION ALL
            SELECT * FROM (SELECT seq, entity, entity_id, op FROM changes
                           WHERE technician_id = ?2 AND seq > ?3 ORDER BY seq LIMIT ?4) b
            ORDER BY seq LIMIT ?4)
    ) c
    LEFT JOIN entities e ON e.kind = c.entity AND e.id = c.entity_id
    ORDER BY c.seq";

pub(super) fn pull(c: &Connection, t: TechnicianId, cursor: i64, limit: u32) -> Result<PullPage> {
    let limit = limit.clamp(1, MAX_PULL_LIMIT);
    let mut stmt = c.prepare_cached(PAGE)?;
    let mut rows = stmt.query(params![
        EVERYONE,
        t.to_string(),
        cursor,
        i64::from(limit) + 1
    ])?;
    let mut changes: Vec<Change> = Vec::with_capacity(limit as usize);
    let mut more = false;
    while let Some(r) = rows.next()? {
        if changes.len() == limit as usize {
            more = true;
            break;
        }
        let entity: String = r.get(1)?;
        let entity = EntityKind::parse(&entity).ok_or(StorageError::Corrupt {
            what: "change entity",
            detail: entity.clone(),
        })?;
        let op: String = r.get(3)?;
        let data: Option<String> = r.get(5)?;
        let (op, data) = match (op.as_str(), data) {
            ("upsert", Some(d)) => (
                ChangeOp::Upsert,
                Some(RawValue::from_string(d).map_err(|e| StorageError::Corrupt {
                    what: "entity json",
                    detail: e.to_string(),
                })?),
            ),
            _ => (ChangeOp::Remove, None),
        };
        changes.push(Change {
            seq: r.get(0)?,
            entity,
            op,
            id: parse_uuid("change entity id", &r.get::<_, String>(2)?)?,
            version: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
            data,
        });
    }
    let next_cursor = changes.last().map_or(cursor, |c| c.seq);
    Ok(PullPage {
        changes: latest_once(changes),
        next_cursor,
        more,
    })
}

/// Keeps each entity once, at its latest change, ordered parents first (then by seq).
fn latest_once(changes: Vec<Change>) -> Vec<Change> {
    let mut latest: HashMap<(EntityKind, uuid::Uuid), i64> = HashMap::new();
    for c in &changes {
        let e = latest.entry((c.entity, c.id)).or_insert(c.seq);
        *e = (*e).max(c.seq);
    }
    let mut out: Vec<Change> = changes
        .into_iter()
        .filter(|c| latest.get(&(c.entity, c.id)) == Some(&c.seq))
        .collect();
    out.sort_by_key(|c| (c.entity.rank(), c.seq));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(seq: i64, entity: EntityKind, id: u128, op: ChangeOp) -> Change {
        Change {
            seq,
            entity,
            op,
            id: uuid::Uuid::from_u128(id),
            version: 1,
            data: None,
        }
    }

    #[test]
    fn each_entity_once_at_its_latest_change_parents_first() {
        let page = vec![
            ch(1, EntityKind::Device, 7, ChangeOp::Remove),
            ch(2, EntityKind::LogbookEntry, 8, ChangeOp::Upsert),
            ch(3, EntityKind::Device, 7, ChangeOp::Upsert),
            ch(4, EntityKind::Resident, 9, ChangeOp::Upsert),
        ];
        let out = latest_once(page);
        let seqs: Vec<i64> = out.iter().map(|c| c.seq).collect();
        assert_eq!(seqs, vec![4, 3, 2]);
        assert_eq!(out[1].op, ChangeOp::Upsert);
    }
}
