//! The plain data the storage contract speaks in.

use chrono::{DateTime, Utc};
use uuid::Uuid;
use veldwerk_core::ids::{DeviceId, JobId, MunicipalityId, ResidentId, TechnicianId};
use veldwerk_core::Localized;
use veldwerk_store::export::MasterData;
use veldwerk_sync::protocol::{Change, EntityKind};

/// Who a user is to the portal; checked by the middleware of each part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Uses the sync API with a bearer token.
    Technician,
    /// Uses the office view with a session.
    Office,
    /// A municipality's Wmo staff: a read-only view of that municipality's residents
    /// (custom work plans, complaints and signals, messages, the contract's figures).
    Municipality,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Technician => "technician",
            Role::Office => "office",
            Role::Municipality => "municipality",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "technician" => Some(Role::Technician),
            "office" => Some(Role::Office),
            "municipality" => Some(Role::Municipality),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub login: String,
    pub display_name: String,
    /// Argon2id, PHC string.
    pub password_hash: String,
    pub role: Role,
    pub technician_id: Option<TechnicianId>,
    /// The municipality a municipality user sees (and only for that role).
    pub municipality_id: Option<MunicipalityId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub login: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub technician_id: Option<TechnicianId>,
    /// The municipality a municipality user sees (and only for that role).
    pub municipality_id: Option<MunicipalityId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewToken {
    /// Hex SHA-256 of the token text (the text itself is never stored).
    pub token_hash: String,
    pub user_id: i64,
    pub technician_id: TechnicianId,
    pub installation_id: Uuid,
    pub installation_label: String,
    pub created_at: DateTime<Utc>,
}

/// A token: one installation of the app signed in as one technician.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub id: i64,
    pub user_id: i64,
    pub technician_id: TechnicianId,
    pub installation_id: Uuid,
    pub installation_label: String,
    pub created_at: DateTime<Utc>,
    pub last_sync_at: Option<DateTime<Utc>>,
    /// Records the app said were waiting at its last sync.
    pub pending: Option<u32>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    /// Hex SHA-256 of the cookie's value.
    pub id_hash: String,
    pub user_id: i64,
    pub csrf: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    pub expires_at: DateTime<Utc>,
}

/// One page of the change feed.
#[derive(Clone, Debug)]
pub struct PullPage {
    pub changes: Vec<Change>,
    pub next_cursor: i64,
    pub more: bool,
}

/// Who pushes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushContext {
    pub technician_id: TechnicianId,
    pub installation_id: Uuid,
    /// For the audit log, e.g. the technician's name.
    pub actor: String,
    pub at: DateTime<Utc>,
}

/// An entity as stored: its core type's JSON with its version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEntity {
    pub kind: EntityKind,
    pub id: Uuid,
    pub version: i64,
    pub resident_id: Option<ResidentId>,
    pub technician_id: Option<TechnicianId>,
    pub device_id: Option<DeviceId>,
    pub data: String,
    pub updated_at: DateTime<Utc>,
}

impl StoredEntity {
    /// The data as its core type.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> super::Result<T> {
        serde_json::from_str(&self.data).map_err(|e| super::StorageError::Corrupt {
            what: "entity",
            detail: format!("{} {}: {e}", self.kind.as_str(), self.id),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityFilter {
    All,
    Resident(ResidentId),
    Device(DeviceId),
    Technician(TechnicianId),
}

/// Which records to list; None matches all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub record_types: Vec<&'static str>,
    pub resident: Option<ResidentId>,
    pub device: Option<DeviceId>,
    pub job: Option<JobId>,
    pub id: Option<Uuid>,
    pub limit: Option<u32>,
}

/// A record as pushed and stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRecord {
    pub id: Uuid,
    pub record_type: String,
    pub hash: String,
    pub payload: String,
    pub technician_id: TechnicianId,
    pub installation_id: Uuid,
    pub resident_id: Option<ResidentId>,
    pub device_id: Option<DeviceId>,
    pub job_id: Option<JobId>,
    /// "stored", or "conflict" for an update waiting for the office.
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub blobs: Vec<String>,
}

/// A master-data update the office decides on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictRow {
    pub id: i64,
    pub record: StoredRecord,
    pub entity: EntityKind,
    pub entity_id: Uuid,
    pub base_version: Option<i64>,
    pub portal_version: i64,
    pub created_at: DateTime<Utc>,
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The portal's row stays as it is.
    KeepPortal,
    /// The technician's update is applied to the portal's current row.
    ApplyClient,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::KeepPortal => "keep_portal",
            Resolution::ApplyClient => "apply_client",
        }
    }
}

/// The two parts of the audit log the office reads apart: what was done, and which pages a
/// municipality's users opened (many more, and never a change).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditKind {
    Actions,
    PageViews,
}

/// The audit action of a page a municipality user opened.
pub const PAGE_VIEW_ACTION: &str = "municipality_view";

/// Who did what, when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// e.g. "login", "login_failed", "push", "record_rejected", "deviation_answered".
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// What `seed` imports into an empty portal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeedData {
    pub master: MasterData,
    pub assignments: Vec<(ResidentId, TechnicianId)>,
    pub users: Vec<NewUser>,
    pub at: DateTime<Utc>,
}

/// Where a message's delivery stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// To be sent (again): not yet tried, or tried and failed for a reason that may pass.
    Pending,
    /// Handed to the mail server (or, by the office, sent by hand).
    Sent,
    /// Waiting for the office to send it by hand (a letter, a text message, or an e-mail when
    /// no SMTP server is configured).
    Office,
    /// Will not be sent: the reason is in the last error.
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Office => "office",
            DeliveryStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<DeliveryStatus> {
        match s {
            "pending" => Some(DeliveryStatus::Pending),
            "sent" => Some(DeliveryStatus::Sent),
            "office" => Some(DeliveryStatus::Office),
            "failed" => Some(DeliveryStatus::Failed),
            _ => None,
        }
    }
}

/// A message's delivery state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageDelivery {
    /// The message record's id.
    pub record_id: Uuid,
    pub status: DeliveryStatus,
    /// Attempts begun so far.
    pub attempts: u32,
    /// Pending: not to be tried before this time.
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<Localized>,
    /// The address it went (or is to go) to, once resolved.
    pub sent_to: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// Who in the office marked it sent by hand.
    pub handled_by: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// A message taken for one attempt (see [`super::PortalStore::claim_messages`]): a pushed
/// `message` record or one the portal wrote itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedMessage {
    /// The message's id.
    pub id: Uuid,
    /// The `veldwerk_core::messages::MessageRecord` as JSON.
    pub payload: String,
    /// This attempt's number (1 for the first).
    pub attempt: u32,
}

/// A message the portal writes itself (an appointment confirmation, a complaint letter),
/// stored beside the pushed records, not among them (see `portal_messages`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalMessage {
    /// The message's id (its record's).
    pub id: Uuid,
    pub resident_id: ResidentId,
    /// What it is about: "appointment" or "complaint".
    pub about_kind: String,
    /// The appointment's or complaint's id.
    pub about_id: Uuid,
    /// Why: "confirmed", "received", "progress" or "outcome".
    pub purpose: String,
    /// Set for a message that exists at most once (e.g. "complaint:<id>:outcome").
    pub once_key: Option<String>,
    /// The `veldwerk_core::messages::MessageRecord` as JSON.
    pub payload: String,
    pub created_at: DateTime<Utc>,
}

/// How an attempt to send a message ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryResult {
    /// Handed to the mail server.
    Sent { to: String },
    /// Left for the office to send by hand.
    Office { to: Option<String> },
    /// Failed for a reason that may pass: tried again from `next_attempt_at`.
    Retry {
        error: Localized,
        next_attempt_at: DateTime<Utc>,
    },
    /// Will not be sent.
    Failed { error: Localized },
}
