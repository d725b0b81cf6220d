//! The link to a portal and the state of the sync: one row (`sync_state`).

use crate::codec::{opt_time_from, time_text};
use crate::error::{Result, StoreError};
use crate::Store;
use chrono::{DateTime, Utc};
use rusqlite::params;
use veldwerk_core::ids::TechnicianId;
use veldwerk_core::model::Technician;
use veldwerk_core::Localized;

/// The last failure of a sync (cleared by the next success).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastError {
    pub code: String,
    pub message: Localized,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncState {
    /// The portal this installation is linked to (None: never logged in, or the offline demo).
    pub portal_url: Option<String>,
    /// Who logged in here: the technician whose data the replica holds.
    pub technician_id: Option<TechnicianId>,
    /// This installation's id at the portal (made once, kept across logins).
    pub installation_id: Option<uuid::Uuid>,
    /// Where the next pull starts: the portal's change sequence, never a clock.
    pub cursor: i64,
    /// The portal's clock minus this computer's, in milliseconds, as last measured.
    pub clock_offset_ms: Option<i64>,
    pub clock_checked_at: Option<DateTime<Utc>>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<LastError>,
    /// The portal refused the token (revoked, or logged out): the queue waits for a login.
    pub needs_login: bool,
}

fn corrupt(what: &'static str, detail: impl ToString) -> StoreError {
    StoreError::Corrupt {
        what,
        detail: detail.to_string(),
    }
}

impl Store {
    pub fn sync_state(&self) -> Result<SyncState> {
        let row = self.conn.query_row(
            "SELECT portal_url, technician_id, installation_id, cursor, clock_offset_ms,
                clock_checked_at, last_success_at, last_attempt_at, last_error_code,
                last_error_nl, last_error_en, needs_login
             FROM sync_state WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    (
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                    ),
                    r.get::<_, bool>(11)?,
                ))
            },
        )?;
        let (url, tech, inst, cursor, offset, checked, success, attempt, err, needs_login) = row;
        let technician_id = tech
            .map(|t| TechnicianId::parse(&t).map_err(|e| corrupt("sync technician", e)))
            .transpose()?;
        let installation_id = inst
            .map(|i| uuid::Uuid::parse_str(&i).map_err(|e| corrupt("installation id", e)))
            .transpose()?;
        let last_error = match err {
            (Some(code), nl, en) => Some(LastError {
                code,
                message: Localized::new(nl.unwrap_or_default(), en.unwrap_or_default()),
            }),
            _ => None,
        };
        Ok(SyncState {
            portal_url: url,
            technician_id,
            installation_id,
            cursor,
            clock_offset_ms: offset,
            clock_checked_at: opt_time_from("clock checked", checked)?,
            last_success_at: opt_time_from("last sync", success)?,
            last_attempt_at: opt_time_from("last attempt", attempt)?,
            last_error,
            needs_login,
        })
    }

    /// Links the replica to a portal after a login: who logged in (their row is written now,
    /// so the app knows them before the first pull) and this installation's id. A replica
    /// that holds another technician's data is not relinked ([`StoreError::OtherTechnician`]).
    pub fn link_portal(
        &mut self,
        url: &str,
        technician: &Technician,
        installation: uuid::Uuid,
    ) -> Result<()> {
        let w = self.write()?;
        let current: Option<String> = w.tx.query_row(
            "SELECT technician_id FROM sync_state WHERE id = 1",
            [],
            |r| r.get(0),
        )?;
        if let Some(c) = current {
            if c != technician.id.to_string() {
                return Err(StoreError::OtherTechnician);
            }
        }
        w.upsert_technician(technician)?;
        w.tx.execute(
            "UPDATE sync_state SET portal_url = ?1, technician_id = ?2, installation_id = ?3,
                needs_login = 0 WHERE id = 1",
            params![url, technician.id.to_string(), installation.to_string()],
        )?;
        w.commit()
    }

    /// The portal refused the token, or the technician logged out: the queue waits (nothing
    /// is removed, the cursor stays) until the next login.
    pub fn set_needs_login(&mut self, needs: bool) -> Result<()> {
        let w = self.write()?;
        w.tx.execute(
            "UPDATE sync_state SET needs_login = ?1 WHERE id = 1",
            params![needs],
        )?;
        w.commit()
    }

    /// A sync was started.
    pub fn note_sync_attempt(&mut self, at: DateTime<Utc>) -> Result<()> {
        let w = self.write()?;
        w.tx.execute(
            "UPDATE sync_state SET last_attempt_at = ?1 WHERE id = 1",
            [time_text(&at)],
        )?;
        w.commit()
    }

    /// A sync ran to the end (everything it could send was answered, every page applied).
    pub fn note_sync_success(&mut self, at: DateTime<Utc>) -> Result<()> {
        let w = self.write()?;
        w.tx.execute(
            "UPDATE sync_state SET last_success_at = ?1, last_error_code = NULL,
                last_error_nl = NULL, last_error_en = NULL WHERE id = 1",
            [time_text(&at)],
        )?;
        w.commit()
    }

    /// A sync stopped early (no network, the portal failing, a login needed).
    pub fn note_sync_error(&mut self, code: &str, message: &Localized) -> Result<()> {
        let w = self.write()?;
        w.tx.execute(
            "UPDATE sync_state SET last_error_code = ?1, last_error_nl = ?2, last_error_en = ?3
             WHERE id = 1",
            params![code, message.nl, message.en],
        )?;
        w.commit()
    }

    /// The portal's clock minus this computer's (from `X-Server-Time`), measured at `at`.
    pub fn note_clock_offset(&mut self, offset_ms: i64, at: DateTime<Utc>) -> Result<()> {
        let w = self.write()?;
        w.tx.execute(
            "UPDATE sync_state SET clock_offset_ms = ?1, clock_checked_at = ?2 WHERE id = 1",
            params![offset_ms, time_text(&at)],
        )?;
        w.commit()
    }
}
