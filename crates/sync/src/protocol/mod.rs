//! The wire protocol between the app and the supplier portal, versioned under [`API_PREFIX`].
//!
//! Only pure data and pure helpers live here: serde types (with `utoipa::ToSchema` behind the
//! `openapi` feature), the content hash both sides compute ([`canonical_hash`]), the error
//! codes and the header names. No I/O.
//!
//! # Endpoints
//!
//! | method | path | body | answer |
//! | --- | --- | --- | --- |
//! | POST | `/api/v1/login` | [`LoginRequest`] | [`LoginResponse`] |
//! | POST | `/api/v1/logout` | - | [`LogoutResponse`] |
//! | GET | `/api/v1/pull?cursor=N&limit=M` | - | [`PullResponse`] |
//! | POST | `/api/v1/push` | [`PushRequest`] | [`PushResponse`] |
//! | HEAD | `/api/v1/blobs/{sha256}` | - | 200 or 404 |
//! | PUT | `/api/v1/blobs/{sha256}` | raw bytes | [`BlobStored`] |
//! | GET | `/api/v1/blobs/{sha256}` | - | raw bytes |
//!
//! Every call but login carries `Authorization: Bearer <token>`. Every answer carries the
//! portal's clock in [`SERVER_TIME_HEADER`], and every JSON body a `server_time`. Errors are
//! one shape, [`ErrorBody`], with a stable [`codes`] value.

mod auth;
mod error;
mod hash;
mod pull;
mod push;
mod time;

pub use auth::{LoginRequest, LoginResponse, LogoutResponse};
pub use error::{codes, ErrorBody};
pub use hash::{canonical_hash, is_sha256_hex};
pub use pull::{
    AppointmentWithJobs, Change, ChangeOp, EntityData, EntityKind, PullQuery, PullResponse,
    DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT,
};
pub use push::{
    BlobRecord, ClosedDraft, MasterUpdate, Outcome, PushRecord, PushRequest, PushResponse,
    RecordResult, RecordType,
};
pub use time::{format_time, time_ms};

#[cfg(feature = "openapi")]
pub use error::LocalizedDoc;

use serde::{Deserialize, Serialize};

/// Every path of this protocol starts with this.
pub const API_PREFIX: &str = "/api/v1";

/// The portal's clock, RFC 3339 UTC with milliseconds, on every answer.
pub const SERVER_TIME_HEADER: &str = "x-server-time";

/// Sent by the app on any call: how many records wait in its outbox. The portal shows it
/// with the last sync time per installation.
pub const PENDING_HEADER: &str = "x-veldwerk-pending";

/// A blob larger than this (bytes) is refused unless the portal is configured otherwise.
pub const DEFAULT_MAX_BLOB_BYTES: u64 = 32 * 1024 * 1024;

/// The answer to a blob upload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlobStored {
    /// Hex SHA-256 of the bytes, as in the path.
    pub sha256: String,
    pub size: u64,
    /// False when the portal already had the blob (nothing was rewritten).
    pub created: bool,
    #[serde(with = "time_ms")]
    pub server_time: chrono::DateTime<chrono::Utc>,
}
