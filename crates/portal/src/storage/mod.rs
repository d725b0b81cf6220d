//! The portal's storage behind one trait, [`PortalStore`]: the seam where a PostgreSQL
//! implementation plugs in later. The contract speaks in domain types only (no connections,
//! no SQL types); [`sqlite::SqliteStore`] is the embedded default. Methods are blocking: the
//! HTTP layer calls them on tokio's blocking pool.
//!
//! Contract every implementation keeps:
//! * every write is one transaction that takes the write lock at its start (SQLite:
//!   `BEGIN IMMEDIATE`), so concurrent syncs wait for each other instead of failing;
//! * record ids are unique by constraint: [`PortalStore::push`] detects a repeated id by the
//!   constraint (insert, and on conflict compare hashes), never by reading first;
//! * a push is one transaction with one savepoint per record: a rejected record leaves
//!   nothing, accepted ones are committed together at the end of the request;
//! * the change sequence only grows; an entity appears once per audience, at its latest
//!   change.

pub mod sqlite;
mod types;

pub use types::*;

use crate::domain::records::Incoming;
use chrono::{DateTime, Utc};
use uuid::Uuid;
use veldwerk_core::ids::{
    AppointmentId, DeviationRequestId, MunicipalityId, ResidentId, TechnicianId,
};
use veldwerk_core::jobs::DeviationStatus;
use veldwerk_core::model::TimeWindow;
use veldwerk_sync::protocol::{EntityKind, RecordResult};

pub type Result<T> = std::result::Result<T, StorageError>;

/// What storage can fail with. Bad input never gets here as an error: it is answered per
/// record or refused by the HTTP layer first.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(String),
    #[error("stored {what} does not decode: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The action does not apply to the record's state (e.g. answering an answered request).
    #[error("refused: {0}")]
    Refused(&'static str),
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        StorageError::Database(e.to_string())
    }
}

/// The portal's storage. See the module documentation for the contract.
pub trait PortalStore: Send + Sync + 'static {
    // ---- sign-in ----
    /// A user by login name (case-insensitive).
    fn user_by_login(&self, login: &str) -> Result<Option<User>>;
    /// Adds a user (a login taken already, or a role without its link, is refused). Audited.
    fn add_user(&self, user: &NewUser, actor: &str, at: DateTime<Utc>) -> Result<i64>;
    /// Stores a new token (by its hash) and revokes earlier tokens of the same installation.
    fn create_token(&self, token: &NewToken) -> Result<i64>;
    /// A token by the hash of its text, revoked or not.
    fn token_by_hash(&self, token_hash: &str) -> Result<Option<Token>>;
    /// Notes a sync of an installation: when, and how many records it said were waiting.
    fn note_sync(&self, token_id: i64, at: DateTime<Utc>, pending: Option<u32>) -> Result<()>;
    /// Revokes a token; false when it was revoked already. Audited.
    fn revoke_token(&self, token_id: i64, actor: &str, at: DateTime<Utc>) -> Result<bool>;
    /// Every token (installation), newest first.
    fn installations(&self) -> Result<Vec<Token>>;
    fn create_session(&self, session: &NewSession) -> Result<()>;
    /// A live session (not expired at `now`) with its user.
    fn session(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Option<Session>>;
    fn end_session(&self, id_hash: &str) -> Result<()>;

    // ---- sync ----
    /// The changes after `cursor` that `technician` may see, at most `limit` (see
    /// `veldwerk_sync::protocol::PullResponse`).
    fn pull(&self, technician: TechnicianId, cursor: i64, limit: u32) -> Result<PullPage>;
    /// Stores validated records, in order, and answers each (see the module docs).
    fn push(&self, ctx: &PushContext, records: Vec<Incoming>) -> Result<Vec<RecordResult>>;
    /// Whether the portal holds this blob.
    fn blob_known(&self, sha256: &str) -> Result<bool>;
    /// Whether `technician` may read the blob: they uploaded it, or a record of a resident
    /// assigned to them references it.
    fn blob_readable(&self, technician: TechnicianId, sha256: &str) -> Result<bool>;
    /// Registers a verified blob and that `technician` sent it; true when it is new.
    fn register_blob(
        &self,
        sha256: &str,
        size: u64,
        technician: TechnicianId,
        at: DateTime<Utc>,
    ) -> Result<bool>;

    // ---- master data and records, for the office ----
    fn entity(&self, kind: EntityKind, id: Uuid) -> Result<Option<StoredEntity>>;
    fn entities(&self, kind: EntityKind, filter: EntityFilter) -> Result<Vec<StoredEntity>>;
    fn records(&self, filter: &RecordFilter) -> Result<Vec<StoredRecord>>;
    fn assignments(&self) -> Result<Vec<(ResidentId, TechnicianId)>>;
    /// Assigns (or unassigns) a resident to a technician; false when nothing changed.
    /// Assigning sends the resident's data to the technician; unassigning sends
    /// `assignment_removed`. Audited.
    fn set_assignment(
        &self,
        resident: ResidentId,
        technician: TechnicianId,
        assigned: bool,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<bool>;
    /// Moves an appointment to another window (an upsert for its technician). Audited.
    fn reschedule(
        &self,
        appointment: AppointmentId,
        window: TimeWindow,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// The municipality's answer to a pending deviation request. Audited.
    fn answer_deviation(
        &self,
        id: DeviationRequestId,
        status: DeviationStatus,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    /// Every conflict, open ones first.
    fn conflicts(&self) -> Result<Vec<ConflictRow>>;
    /// Resolves an open conflict. Audited.
    fn resolve_conflict(
        &self,
        id: i64,
        resolution: Resolution,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;
    fn audit(&self, entry: &AuditEntry) -> Result<()>;
    /// The newest audit entries first.
    fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>>;
    /// The newest entries of one part of the audit log, newest first.
    fn audit_log_of(&self, kind: AuditKind, limit: u32) -> Result<Vec<AuditEntry>>;

    // ---- messages and their delivery ----
    /// Takes up to `limit` messages due at `now` (pending, next attempt not after `now`),
    /// oldest due first, for one attempt each, in one transaction that takes the write lock
    /// at its start: each one's attempt count goes up and it is held until `hold_until`, so
    /// no other sender takes it meanwhile. A sender that stops mid-attempt leaves it to be
    /// tried again after the hold.
    fn claim_messages(
        &self,
        now: DateTime<Utc>,
        hold_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ClaimedMessage>>;
    /// Records how attempt `attempt` of a message ended; false (and nothing changed) when
    /// the message is no longer pending at that attempt.
    fn finish_message(
        &self,
        id: Uuid,
        attempt: u32,
        result: &DeliveryResult,
        at: DateTime<Utc>,
    ) -> Result<bool>;
    /// Every message's delivery state.
    fn message_deliveries(&self) -> Result<Vec<MessageDelivery>>;
    /// The office sent a message by hand (one waiting for the office, or one that failed).
    /// Audited.
    fn mark_message_sent(&self, id: Uuid, actor: &str, at: DateTime<Utc>) -> Result<()>;
    /// Stores a message the portal wrote with its delivery row (pending), in one
    /// transaction; false (nothing stored) when its id or its `once_key` is there already.
    /// Audited as `actor`.
    fn add_portal_message(&self, m: &PortalMessage, actor: &str) -> Result<bool>;
    /// Stores `m`, the confirmation of its appointment for `window`, when the appointment
    /// still has that window and was not confirmed for it last: one transaction, decided by
    /// a conditional upsert (two senders, a restart: one confirmation per window).
    fn confirm_appointment(&self, window: TimeWindow, m: &PortalMessage) -> Result<bool>;
    /// The window each appointment was last confirmed for.
    fn appointment_confirmations(&self) -> Result<Vec<(AppointmentId, TimeWindow)>>;
    /// The messages the portal wrote, of one resident or all, oldest first.
    fn portal_messages(&self, resident: Option<ResidentId>) -> Result<Vec<PortalMessage>>;
    /// One message the portal wrote, by its id.
    fn portal_message(&self, id: Uuid) -> Result<Option<PortalMessage>>;
    /// The messages the portal wrote about one kind of thing ("appointment", "complaint"),
    /// oldest first.
    fn portal_messages_about(&self, about_kind: &str) -> Result<Vec<PortalMessage>>;
    /// The e-mail address messages to the municipality go to.
    fn municipality_email(&self, id: MunicipalityId) -> Result<Option<String>>;
    /// Sets the e-mail address of a municipality the portal knows. Audited.
    fn set_municipality_email(
        &self,
        id: MunicipalityId,
        email: &str,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()>;

    // ---- seeding and checks ----
    /// Fills an empty portal: master data, assignments, users.
    fn import(&self, data: &SeedData) -> Result<()>;
    /// A digest of every data table (everything but the audit log, tokens and sessions):
    /// equal before and after means nothing was stored.
    fn content_digest(&self) -> Result<String>;
}
