//! [`PortalStore`] on an SQLite file, through the workspace's rusqlite (its bundled
//! SQLCipher build; the portal's file is plain, opened without a key).
//!
//! One writer connection behind a mutex (SQLite allows one writer at a time; the mutex makes
//! in-process writers queue instead of spinning on SQLITE_BUSY) and a small pool of reader
//! connections; WAL, so readers never wait for the writer. Every write transaction starts
//! IMMEDIATE and `busy_timeout` is set, so another process on the same file (a `seed` run)
//! waits too. `synchronous = FULL`: an acknowledged push survives a power cut, since the app
//! marks its outbox entry acknowledged on the answer and never sends it again (the entry is
//! kept until a purge of its resident deletes it).

mod auth;
mod conflicts;
mod entities;
mod import;
mod messages;
mod office;
mod portal_messages;
mod pull;
mod push;
mod push_apply;
mod refs;

use super::*;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use veldwerk_sync::protocol::format_time;

const SCHEMA: &str = include_str!("001_portal.sql");
const FORMER_ASSIGNMENTS: &str = include_str!("002_former_assignments.sql");
const MESSAGES: &str = include_str!("003_messages.sql");
const PORTAL_MESSAGES: &str = include_str!("004_portal_messages.sql");
const MUNICIPALITY_USERS: &str = include_str!("005_municipality_users.sql");
/// Idle reader connections kept.
const IDLE_READERS: usize = 8;

pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(SCHEMA),
        M::up(FORMER_ASSIGNMENTS),
        M::up(MESSAGES),
        M::up(PORTAL_MESSAGES),
        M::up(MUNICIPALITY_USERS),
    ])
}

fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

fn poisoned<T>(_: T) -> StorageError {
    StorageError::Database("a storage lock was poisoned by a panic".into())
}

/// Stored times are RFC 3339 UTC with milliseconds.
pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    format_time(t)
}

pub(crate) fn parse_ts(what: &'static str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StorageError::Corrupt {
            what,
            detail: e.to_string(),
        })
}

pub(crate) fn parse_uuid(what: &'static str, s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StorageError::Corrupt {
        what,
        detail: e.to_string(),
    })
}

impl SqliteStore {
    /// Opens (creating and migrating when needed) the portal's database file.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let mut conn = open_connection(path)?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StorageError::Database(format!("migration: {e}")))?;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            writer: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one IMMEDIATE transaction and commits when it returns Ok.
    fn write<T>(&self, f: impl FnOnce(&mut rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().map_err(poisoned)?;
        let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` on a reader connection (inside one read transaction, so it sees one state).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let taken = self.readers.lock().map_err(poisoned)?.pop();
        let mut conn = match taken {
            Some(c) => c,
            None => open_connection(&self.path)?,
        };
        let out = {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
            let out = f(&tx);
            tx.finish()?;
            out
        };
        let mut idle = self.readers.lock().map_err(poisoned)?;
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        out
    }
}

impl PortalStore for SqliteStore {
    fn user_by_login(&self, login: &str) -> Result<Option<User>> {
        self.read(|c| auth::user_by_login(c, login))
    }
    fn add_user(&self, user: &NewUser, actor: &str, at: DateTime<Utc>) -> Result<i64> {
        self.write(|tx| auth::add_user(tx, user, actor, at))
    }
    fn create_token(&self, token: &NewToken) -> Result<i64> {
        self.write(|tx| auth::create_token(tx, token))
    }
    fn token_by_hash(&self, token_hash: &str) -> Result<Option<Token>> {
        self.read(|c| auth::token_by_hash(c, token_hash))
    }
    fn note_sync(&self, token_id: i64, at: DateTime<Utc>, pending: Option<u32>) -> Result<()> {
        self.write(|tx| auth::note_sync(tx, token_id, at, pending))
    }
    fn revoke_token(&self, token_id: i64, actor: &str, at: DateTime<Utc>) -> Result<bool> {
        self.write(|tx| auth::revoke_token(tx, token_id, actor, at))
    }
    fn installations(&self) -> Result<Vec<Token>> {
        self.read(auth::installations)
    }
    fn create_session(&self, session: &NewSession) -> Result<()> {
        self.write(|tx| auth::create_session(tx, session))
    }
    fn session(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Option<Session>> {
        self.read(|c| auth::session(c, id_hash, now))
    }
    fn end_session(&self, id_hash: &str) -> Result<()> {
        self.write(|tx| auth::end_session(tx, id_hash))
    }

    fn pull(&self, technician: TechnicianId, cursor: i64, limit: u32) -> Result<PullPage> {
        self.read(|c| pull::pull(c, technician, cursor, limit))
    }
    fn push(&self, ctx: &PushContext, records: Vec<Incoming>) -> Result<Vec<RecordResult>> {
        self.write(|tx| push::push(tx, ctx, records))
    }
    fn blob_known(&self, sha256: &str) -> Result<bool> {
        self.read(|c| refs::blob_known(c, sha256))
    }
    fn blob_readable(&self, technician: TechnicianId, sha256: &str) -> Result<bool> {
        self.read(|c| refs::blob_readable(c, technician, sha256))
    }
    fn register_blob(
        &self,
        sha256: &str,
        size: u64,
        technician: TechnicianId,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        self.write(|tx| refs::register_blob(tx, sha256, size, technician, at))
    }

    fn entity(&self, kind: EntityKind, id: Uuid) -> Result<Option<StoredEntity>> {
        self.read(|c| office::entity(c, kind, id))
    }
    fn entities(&self, kind: EntityKind, filter: EntityFilter) -> Result<Vec<StoredEntity>> {
        self.read(|c| office::entities(c, kind, filter))
    }
    fn records(&self, filter: &RecordFilter) -> Result<Vec<StoredRecord>> {
        self.read(|c| office::records(c, filter))
    }
    fn assignments(&self) -> Result<Vec<(ResidentId, TechnicianId)>> {
        self.read(office::assignments)
    }
    fn set_assignment(
        &self,
        resident: ResidentId,
        technician: TechnicianId,
        assigned: bool,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        self.write(|tx| office::set_assignment(tx, resident, technician, assigned, actor, at))
    }
    fn reschedule(
        &self,
        appointment: AppointmentId,
        window: TimeWindow,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| office::reschedule(tx, appointment, window, actor, at))
    }
    fn answer_deviation(
        &self,
        id: DeviationRequestId,
        status: DeviationStatus,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| office::answer_deviation(tx, id, status, actor, at))
    }
    fn conflicts(&self) -> Result<Vec<ConflictRow>> {
        self.read(conflicts::conflicts)
    }
    fn resolve_conflict(
        &self,
        id: i64,
        resolution: Resolution,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| conflicts::resolve_conflict(tx, id, resolution, actor, at))
    }
    fn audit(&self, entry: &AuditEntry) -> Result<()> {
        self.write(|tx| auth::audit(tx, entry))
    }
    fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.read(|c| auth::audit_log(c, limit))
    }
    fn audit_log_of(&self, kind: AuditKind, limit: u32) -> Result<Vec<AuditEntry>> {
        self.read(|c| auth::audit_log_of(c, kind, limit))
    }

    fn claim_messages(
        &self,
        now: DateTime<Utc>,
        hold_until: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<ClaimedMessage>> {
        self.write(|tx| messages::claim(tx, now, hold_until, limit))
    }
    fn finish_message(
        &self,
        id: Uuid,
        attempt: u32,
        result: &DeliveryResult,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        self.write(|tx| messages::finish(tx, id, attempt, result, at))
    }
    fn message_deliveries(&self) -> Result<Vec<MessageDelivery>> {
        self.read(messages::deliveries)
    }
    fn mark_message_sent(&self, id: Uuid, actor: &str, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| messages::mark_sent(tx, id, actor, at))
    }
    fn add_portal_message(&self, m: &PortalMessage, actor: &str) -> Result<bool> {
        self.write(|tx| portal_messages::add(tx, m, actor))
    }
    fn confirm_appointment(&self, window: TimeWindow, m: &PortalMessage) -> Result<bool> {
        self.write(|tx| portal_messages::confirm_appointment(tx, window, m))
    }
    fn appointment_confirmations(&self) -> Result<Vec<(AppointmentId, TimeWindow)>> {
        self.read(portal_messages::confirmations)
    }
    fn portal_messages(&self, resident: Option<ResidentId>) -> Result<Vec<PortalMessage>> {
        self.read(|c| portal_messages::list(c, resident, None, None))
    }
    fn portal_message(&self, id: Uuid) -> Result<Option<PortalMessage>> {
        self.read(|c| Ok(portal_messages::list(c, None, None, Some(id))?.pop()))
    }
    fn portal_messages_about(&self, about_kind: &str) -> Result<Vec<PortalMessage>> {
        self.read(|c| portal_messages::list(c, None, Some(about_kind), None))
    }
    fn municipality_email(&self, id: MunicipalityId) -> Result<Option<String>> {
        self.read(|c| messages::municipality_email(c, id))
    }
    fn set_municipality_email(
        &self,
        id: MunicipalityId,
        email: &str,
        actor: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.write(|tx| messages::set_municipality_email(tx, id, email, actor, at))
    }

    fn import(&self, data: &SeedData) -> Result<()> {
        self.write(|tx| import::import(tx, data))
    }
    fn content_digest(&self) -> Result<String> {
        self.read(import::content_digest)
    }
}
