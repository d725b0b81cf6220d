//! Content-addressed blobs: ask (HEAD), upload (PUT), read back (GET).

pub mod get;
pub mod head;
pub mod put;

use crate::error::ApiError;
use veldwerk_sync::protocol::is_sha256_hex;

/// The path's hash, or 400.
pub(crate) fn checked(sha256: &str) -> Result<&str, ApiError> {
    if is_sha256_hex(sha256) {
        Ok(sha256)
    } else {
        Err(ApiError::bad_request(
            "Een blob wordt aangeduid met zijn SHA-256: 64 kleine hexadecimale tekens.",
            "A blob is named by its SHA-256: 64 lowercase hex digits.",
        ))
    }
}

/// The raw bytes of a blob (for the document).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
pub struct BlobBytes(Vec<u8>);
