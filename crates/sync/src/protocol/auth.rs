//! Signing in: a technician's name and password give a token for one installation.

use super::time_ms;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use veldwerk_core::model::Technician;

/// `POST /api/v1/login`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The technician's login name (their name as the office registered it).
    pub name: String,
    pub password: String,
    /// A UUID the installation made once and keeps; a new login from the same installation
    /// revokes its earlier token.
    pub installation_id: Uuid,
    /// What the office sees for this installation, e.g. "Laptop 14".
    pub installation_label: String,
}

/// The answer to a login. The token is shown once: the portal keeps only its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// Opaque bearer token (256 random bits as 64 hex digits), for `Authorization: Bearer ...`.
    pub token: String,
    #[cfg_attr(feature = "openapi", schema(value_type = doc::TechnicianDoc))]
    pub technician: Technician,
    #[serde(with = "time_ms")]
    pub server_time: DateTime<Utc>,
}

/// `POST /api/v1/logout`: the caller's token is revoked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutResponse {
    #[serde(with = "time_ms")]
    pub server_time: DateTime<Utc>,
}

#[cfg(feature = "openapi")]
pub(crate) mod doc {
    /// `veldwerk_core::model::Technician`.
    #[derive(utoipa::ToSchema)]
    #[schema(as = Technician)]
    #[allow(dead_code)]
    pub struct TechnicianDoc {
        pub id: uuid::Uuid,
        pub name: String,
        /// fitter, mechanic or case_manager
        pub role: String,
    }
}
