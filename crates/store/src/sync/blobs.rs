//! Which blobs records need, and which the portal holds.
//!
//! A record that references blobs (a photo's, a signature's or a document's metadata) is
//! queued with [`Store::queue_record_with_blobs`]: the outbox entry and one `blob_refs` row per
//! blob, in one transaction. The sync uploads a record's blobs before the record and notes
//! each one the portal holds. A blob no record references any more (after a purge) is
//! collected only once it is on the portal ([`Store::collectable_blobs`]).

use super::content_hash;
use crate::blobs::Sha256Hex;
use crate::codec::time_text;
use crate::error::{Result, StoreError};
use crate::rows::sql;
use crate::Store;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use veldwerk_core::ids::ResidentId;

/// A blob a pending record needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobNeed {
    pub sha256: Sha256Hex,
    pub size: u64,
    /// Known to be on the portal already.
    pub on_portal: bool,
}

/// A blob that waits to go up, for the sync screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingBlob {
    pub sha256: Sha256Hex,
    pub size: u64,
}

pub(crate) fn needs_of(conn: &Connection, record_id: &str) -> Result<Vec<BlobNeed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.sha256, k.size, k.on_portal_at IS NOT NULL FROM blob_refs b
         JOIN blobs_known k ON k.sha256 = b.sha256 WHERE b.record_id = ?1 ORDER BY k.sha256",
    )?;
    let mut rows = stmt.query([record_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let sha: String = r.get(0)?;
        out.push(BlobNeed {
            sha256: Sha256Hex::parse(&sha).map_err(|e| StoreError::Corrupt {
                what: "blob reference",
                detail: e.to_string(),
            })?,
            size: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            on_portal: r.get(2)?,
        });
    }
    Ok(out)
}

/// Queues a record that references blobs inside the caller's transaction: one `blob_refs`
/// row per blob (and the blob as known), then the outbox entry.
pub(crate) fn queue_with_blobs(
    conn: &Connection,
    record_id: &str,
    record_type: &str,
    payload_json: &str,
    blobs: &[(Sha256Hex, u64)],
    resident: Option<ResidentId>,
    created_at: DateTime<Utc>,
) -> Result<()> {
    for (sha, size) in blobs {
        conn.prepare_cached(
            "INSERT INTO blobs_known (sha256, size, resident_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (sha256) DO NOTHING",
        )?
        .execute(params![
            sha.as_str(),
            i64::try_from(*size).unwrap_or(i64::MAX),
            resident.map(|r| r.to_string())
        ])?;
        conn.prepare_cached(
            "INSERT INTO blob_refs (record_id, sha256) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )?
        .execute(params![record_id, sha.as_str()])?;
    }
    conn.prepare_cached(sql::INSERT_OUTBOX)?.execute(params![
        record_id,
        record_type,
        payload_json,
        time_text(&created_at),
        content_hash(payload_json.as_bytes()),
    ])?;
    Ok(())
}

impl Store {
    /// Queues a record that references blobs (stored in the blob store beforehand): its
    /// outbox entry and its references, in one transaction. `blobs` are (hash, size in
    /// bytes). Queuing the same record id again is refused by the outbox's unique id.
    pub fn queue_record_with_blobs(
        &mut self,
        record_id: &str,
        record_type: &str,
        payload_json: &str,
        blobs: &[(Sha256Hex, u64)],
        resident: Option<ResidentId>,
        created_at: DateTime<Utc>,
    ) -> Result<()> {
        let w = self.write()?;
        queue_with_blobs(
            &w.tx,
            record_id,
            record_type,
            payload_json,
            blobs,
            resident,
            created_at,
        )?;
        w.commit()
    }

    /// The portal holds this blob (a HEAD answered 200, or a PUT was stored).
    pub fn mark_blob_on_portal(&mut self, sha: &Sha256Hex, at: DateTime<Utc>) -> Result<()> {
        let w = self.write()?;
        w.tx.prepare_cached(
            "UPDATE blobs_known SET on_portal_at = ?2 WHERE sha256 = ?1 AND on_portal_at IS NULL",
        )?
        .execute(params![sha.as_str(), time_text(&at)])?;
        w.commit()
    }

    /// The portal said it lacks these blobs after all: they are uploaded again.
    pub fn mark_blobs_missing(&mut self, hashes: &[Sha256Hex]) -> Result<()> {
        let w = self.write()?;
        for h in hashes {
            w.tx.prepare_cached("UPDATE blobs_known SET on_portal_at = NULL WHERE sha256 = ?1")?
                .execute([h.as_str()])?;
        }
        w.commit()
    }

    /// Blobs pending records need that are not on the portal yet.
    pub fn pending_blobs(&self) -> Result<Vec<PendingBlob>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.sha256, k.size FROM blobs_known k WHERE k.on_portal_at IS NULL
               AND EXISTS (SELECT 1 FROM blob_refs b JOIN outbox o ON o.record_id = b.record_id
                           WHERE b.sha256 = k.sha256 AND o.state = 'pending')
             ORDER BY k.sha256",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let sha: String = r.get(0)?;
            out.push(PendingBlob {
                sha256: Sha256Hex::parse(&sha).map_err(|e| StoreError::Corrupt {
                    what: "blob reference",
                    detail: e.to_string(),
                })?,
                size: u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            });
        }
        Ok(out)
    }

    /// Blobs that may be removed from this device: on the portal and referenced by no record.
    pub fn collectable_blobs(&self) -> Result<Vec<Sha256Hex>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.sha256 FROM blobs_known k WHERE k.on_portal_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM blob_refs b WHERE b.sha256 = k.sha256)",
        )?;
        let hashes: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        hashes
            .iter()
            .map(|h| {
                Sha256Hex::parse(h).map_err(|e| StoreError::Corrupt {
                    what: "blob reference",
                    detail: e.to_string(),
                })
            })
            .collect()
    }

    /// Forgets a collected blob (after its file was removed). Refused while it is referenced
    /// or not on the portal.
    pub fn forget_blob(&mut self, sha: &Sha256Hex) -> Result<bool> {
        let w = self.write()?;
        let n = w.tx.execute(
            "DELETE FROM blobs_known WHERE sha256 = ?1 AND on_portal_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM blob_refs b WHERE b.sha256 = ?1)",
            [sha.as_str()],
        )?;
        w.commit()?;
        Ok(n == 1)
    }
}
