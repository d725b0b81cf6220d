//! The queue of records to send: what waits (in commit order, with the blobs each needs),
//! what the portal answered, and what the sync screen shows.

use super::blobs::{needs_of, BlobNeed};
use super::content_hash;
use crate::codec::{opt_time_from, time_from, time_text};
use crate::error::{Result, StoreError};
use crate::Store;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use veldwerk_core::Localized;

/// A pending entry as it is sent: frozen when it was queued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxItem {
    pub seq: i64,
    pub record_id: String,
    pub record_type: String,
    /// Sent byte for byte as the raw JSON payload.
    pub payload_json: String,
    /// `content_hash(payload_json)`, stored with the entry.
    pub hash: String,
    pub created_at: DateTime<Utc>,
    pub attempts: u32,
    /// The blobs the record references (upload them first).
    pub blobs: Vec<BlobNeed>,
}

/// What the portal answered about one entry (or why it was not answered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordAnswer {
    /// Accepted or already stored: the portal holds it. `conflict`: an update of master data
    /// kept for the office to decide.
    Acknowledged { conflict: bool },
    /// Refused for good: kept, with the code and message, for the technician to see.
    Rejected { code: String, message: Localized },
    /// Not stored this time (a blob missing, a logbook entry before its predecessors, the
    /// network): stays pending, and the reason is kept for the sync screen.
    Retry { reason: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutboxState {
    Pending,
    Acknowledged,
    Rejected,
}

impl OutboxState {
    fn parse(s: &str) -> Result<OutboxState> {
        match s {
            "pending" => Ok(OutboxState::Pending),
            "acknowledged" => Ok(OutboxState::Acknowledged),
            "rejected" => Ok(OutboxState::Rejected),
            other => Err(StoreError::Corrupt {
                what: "outbox state",
                detail: other.to_string(),
            }),
        }
    }
}

/// An entry as the sync screen lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutboxLine {
    pub seq: i64,
    pub record_id: String,
    pub record_type: String,
    pub state: OutboxState,
    pub created_at: DateTime<Utc>,
    pub attempts: u32,
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// The last retryable failure (pending entries).
    pub last_error: Option<String>,
    /// The portal's rejection (rejected entries).
    pub code: Option<String>,
    pub message: Option<Localized>,
    /// The job the record belongs to, when it names one.
    pub job_id: Option<String>,
    pub resident_id: Option<String>,
    pub conflict: bool,
}

/// Counts for the header and the sync screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Waiting to go up.
    pub pending_records: u32,
    /// Refused by the portal (kept, shown).
    pub rejected_records: u32,
    /// Blobs pending records need that the portal does not hold yet, and their bytes.
    pub pending_blobs: u32,
    pub pending_blob_bytes: u64,
    /// When the oldest waiting record was made.
    pub oldest_pending_at: Option<DateTime<Utc>>,
    /// Pulled changes held back until the technician's own changes are sent.
    pub deferred_changes: u32,
}

const ITEM_COLS: &str =
    "seq, record_id, record_type, payload_json, hash, created_at, attempts, state";

impl Store {
    /// Sets the hash of entries queued before schema v5 (once; the payload never changes).
    pub fn freeze_outbox_hashes(&mut self) -> Result<u32> {
        let w = self.write()?;
        let rows: Vec<(i64, String)> =
            w.tx.prepare("SELECT seq, payload_json FROM outbox WHERE hash IS NULL")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
        for (seq, payload) in &rows {
            w.tx.execute(
                "UPDATE outbox SET hash = ?2 WHERE seq = ?1",
                params![seq, content_hash(payload.as_bytes())],
            )?;
        }
        w.commit()?;
        Ok(rows.len() as u32)
    }

    /// Pending entries after `after_seq` in commit order: at most `limit`, and no more payload
    /// bytes than `max_bytes` (but always at least one entry when one waits).
    pub fn pending_outbox(
        &self,
        after_seq: i64,
        limit: u32,
        max_bytes: usize,
    ) -> Result<Vec<OutboxItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ITEM_COLS} FROM outbox WHERE state = 'pending' AND seq > ?1
             ORDER BY seq LIMIT ?2"
        ))?;
        let mut rows = stmt.query(params![after_seq, limit.clamp(1, 1000)])?;
        let mut out = Vec::new();
        let mut bytes = 0usize;
        while let Some(r) = rows.next()? {
            let payload: String = r.get(3)?;
            if !out.is_empty() && bytes + payload.len() > max_bytes {
                break;
            }
            bytes += payload.len();
            let record_id: String = r.get(1)?;
            let hash: Option<String> = r.get(4)?;
            out.push(OutboxItem {
                seq: r.get(0)?,
                blobs: needs_of(&self.conn, &record_id)?,
                record_id,
                record_type: r.get(2)?,
                hash: hash.unwrap_or_else(|| content_hash(payload.as_bytes())),
                payload_json: payload,
                created_at: time_from("outbox time", &r.get::<_, String>(5)?)?,
                attempts: r.get(6)?,
            });
        }
        Ok(out)
    }

    /// Records the portal's answers (or why there was none), all in one transaction: an
    /// acknowledged entry is marked so in the same transaction that records the answer.
    pub fn record_answers(
        &mut self,
        answers: &[(i64, RecordAnswer)],
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.record_push(answers, &[], &[], at)
    }

    /// [`Store::record_answers`], the blobs found on the portal while sending (HEAD 200, or
    /// stored by a PUT), and the blobs the portal said it lacks after all (`missing_blobs`:
    /// sent again next time), in one transaction. A blob not noted (a crash before this) is
    /// asked for again next time.
    pub fn record_push(
        &mut self,
        answers: &[(i64, RecordAnswer)],
        on_portal: &[crate::blobs::Sha256Hex],
        missing: &[crate::blobs::Sha256Hex],
        at: DateTime<Utc>,
    ) -> Result<()> {
        let w = self.write()?;
        let at = time_text(&at);
        for sha in on_portal.iter().filter(|s| !missing.contains(s)) {
            w.tx.prepare_cached(
                "UPDATE blobs_known SET on_portal_at = ?2
                 WHERE sha256 = ?1 AND on_portal_at IS NULL",
            )?
            .execute(params![sha.as_str(), at])?;
        }
        for sha in missing {
            w.tx.prepare_cached("UPDATE blobs_known SET on_portal_at = NULL WHERE sha256 = ?1")?
                .execute([sha.as_str()])?;
        }
        for (seq, answer) in answers {
            let settled = match answer {
                RecordAnswer::Acknowledged { conflict } => Some(!conflict),
                RecordAnswer::Rejected { .. } => Some(false),
                RecordAnswer::Retry { .. } => None,
            };
            if let Some(applied) = settled {
                let row: Option<(String, String, String)> =
                    w.tx.prepare_cached(
                        "SELECT record_type, payload_json, state FROM outbox WHERE seq = ?1",
                    )?
                    .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                if let Some((t, payload, state)) = row {
                    if state == "pending" {
                        super::versions::answered(&w.tx, &t, &payload, applied)?;
                    }
                }
            }
            match answer {
                RecordAnswer::Acknowledged { conflict } => {
                    w.tx.prepare_cached(
                        "UPDATE outbox SET state = 'acknowledged', attempts = attempts + 1,
                            last_attempt_at = ?2, answered_at = ?2, conflict = ?3,
                            last_error = NULL
                         WHERE seq = ?1 AND state = 'pending'",
                    )?
                    .execute(params![seq, at, conflict])?
                }
                RecordAnswer::Rejected { code, message } => {
                    w.tx.prepare_cached(
                        "UPDATE outbox SET state = 'rejected', attempts = attempts + 1,
                            last_attempt_at = ?2, answered_at = ?2, answer_code = ?3,
                            answer_nl = ?4, answer_en = ?5, last_error = NULL
                         WHERE seq = ?1 AND state = 'pending'",
                    )?
                    .execute(params![seq, at, code, message.nl, message.en])?
                }
                RecordAnswer::Retry { reason } => {
                    w.tx.prepare_cached(
                        "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?2,
                            last_error = ?3
                         WHERE seq = ?1 AND state = 'pending'",
                    )?
                    .execute(params![seq, at, reason])?
                }
            };
        }
        w.commit()
    }

    /// Counts for the header and the sync screen.
    pub fn sync_summary(&self) -> Result<SyncSummary> {
        let (pending, rejected, oldest): (u32, u32, Option<String>) = self.conn.query_row(
            "SELECT coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'rejected'), 0),
                min(CASE WHEN state = 'pending' THEN created_at END)
             FROM outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let (blobs, bytes): (u32, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(k.size), 0) FROM blobs_known k
             WHERE k.on_portal_at IS NULL AND EXISTS (
                SELECT 1 FROM blob_refs b JOIN outbox o ON o.record_id = b.record_id
                WHERE b.sha256 = k.sha256 AND o.state = 'pending')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let deferred: u32 =
            self.conn
                .query_row("SELECT count(*) FROM deferred_changes", [], |r| r.get(0))?;
        Ok(SyncSummary {
            pending_records: pending,
            rejected_records: rejected,
            pending_blobs: blobs,
            pending_blob_bytes: u64::try_from(bytes).unwrap_or(0),
            oldest_pending_at: opt_time_from("outbox time", oldest)?,
            deferred_changes: deferred,
        })
    }

    /// The entries that are not on the portal (pending first, then rejected), oldest first,
    /// at most `limit`; with `job`, only those of that job.
    pub fn outbox_lines(&self, job: Option<&str>, limit: u32) -> Result<Vec<OutboxLine>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.seq, o.record_id, o.record_type, o.state, o.created_at, o.attempts,
                o.last_attempt_at, o.last_error, o.answer_code, o.answer_nl, o.answer_en,
                coalesce(json_extract(o.payload_json, '$.job_id'),
                         json_extract(o.payload_json, '$.job.id')),
                v.resident_id, o.conflict
             FROM outbox o JOIN outbox_resident v ON v.seq = o.seq
             WHERE o.state <> 'acknowledged'
               AND (?1 IS NULL OR coalesce(json_extract(o.payload_json, '$.job_id'),
                         json_extract(o.payload_json, '$.job.id')) = ?1)
             ORDER BY o.state = 'rejected', o.seq LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![job, limit.clamp(1, 1000)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let code: Option<String> = r.get(8)?;
            let message = match (&code, r.get::<_, Option<String>>(9)?) {
                (Some(_), Some(nl)) => Some(Localized::new(
                    nl,
                    r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                )),
                _ => None,
            };
            out.push(OutboxLine {
                seq: r.get(0)?,
                record_id: r.get(1)?,
                record_type: r.get(2)?,
                state: OutboxState::parse(&r.get::<_, String>(3)?)?,
                created_at: time_from("outbox time", &r.get::<_, String>(4)?)?,
                attempts: r.get(5)?,
                last_attempt_at: opt_time_from("outbox time", r.get(6)?)?,
                last_error: r.get(7)?,
                code,
                message,
                job_id: r.get(11)?,
                resident_id: r.get(12)?,
                conflict: r.get(13)?,
            });
        }
        Ok(out)
    }

    /// The state of one entry by its record id (tests and the job view).
    pub fn outbox_state(&self, record_id: &str) -> Result<Option<OutboxState>> {
        let s: Option<String> = self
            .conn
            .prepare_cached("SELECT state FROM outbox WHERE record_id = ?1")?
            .query_row([record_id], |r| r.get(0))
            .optional()?;
        s.map(|s| OutboxState::parse(&s)).transpose()
    }
}
