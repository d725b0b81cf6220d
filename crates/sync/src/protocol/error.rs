//! The one error shape of the portal's API.

use serde::{Deserialize, Serialize};
use veldwerk_core::Localized;

/// Every error answer: a stable machine-readable code and a message in Dutch and English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// One of [`codes`].
    pub code: String,
    #[cfg_attr(feature = "openapi", schema(value_type = LocalizedDoc))]
    pub message: Localized,
}

/// A message in Dutch and English (`veldwerk_core::Localized`), for the OpenAPI document.
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
#[schema(as = Localized)]
#[allow(dead_code)]
pub struct LocalizedDoc {
    pub nl: String,
    pub en: String,
}

/// The stable error and rejection codes.
pub mod codes {
    // HTTP-level errors (ErrorBody.code)
    /// 400: the body is not JSON, or not the JSON this endpoint takes.
    pub const MALFORMED_JSON: &str = "malformed_json";
    /// 400: a query parameter or path segment is not valid.
    pub const BAD_REQUEST: &str = "bad_request";
    /// 401: no token, an unknown token, or a revoked one; or wrong name or password.
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// 403: signed in, but not allowed.
    pub const FORBIDDEN: &str = "forbidden";
    /// 404: no such thing (or not one the caller may know of).
    pub const NOT_FOUND: &str = "not_found";
    /// 405: the path exists, not with this method.
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// 413: the body is larger than the portal accepts.
    pub const TOO_LARGE: &str = "too_large";
    /// 422: well-formed JSON whose values are not valid.
    pub const VALIDATION: &str = "validation";
    /// 500: the portal failed; nothing was stored half.
    pub const INTERNAL: &str = "internal";
    /// 400 on a blob upload, and a record rejection: the bytes do not have the stated hash.
    pub const HASH_MISMATCH: &str = "hash_mismatch";

    // Record rejections (Outcome::Rejected.code)
    /// Permanent: this id is stored with another hash.
    pub const CONFLICTING_DUPLICATE: &str = "conflicting_duplicate";
    /// Permanent: the portal does not know this record_type.
    pub const UNKNOWN_RECORD_TYPE: &str = "unknown_record_type";
    /// Permanent: the payload does not decode as its record_type, or breaks a rule.
    pub const INVALID_PAYLOAD: &str = "invalid_payload";
    /// Permanent: the payload's own id differs from the record id.
    pub const ID_MISMATCH: &str = "id_mismatch";
    /// Permanent: a listed blob hash is not 64 lowercase hex digits.
    pub const INVALID_BLOB_HASH: &str = "invalid_blob_hash";
    /// Permanent: the record concerns a resident, device or job unknown to the portal or
    /// not assigned to the caller (the two are not told apart).
    pub const OUT_OF_SCOPE: &str = "out_of_scope";
    /// Retryable: a logbook entry comes after entries the portal has not received yet.
    pub const CHAIN_GAP: &str = "chain_gap";
    /// Permanent: a logbook entry does not continue the device's chain on the portal.
    pub const CHAIN_FORK: &str = "chain_fork";
    /// Permanent: a logbook entry's hash does not match its content.
    pub const LOGBOOK_HASH_INVALID: &str = "logbook_hash_invalid";
}
