use super::{checked, BlobBytes};
use crate::api::middleware::{Caller, Now};
use crate::blobs::ReceiveError;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use veldwerk_sync::protocol::{codes, BlobStored, ErrorBody};

/// Uploads a blob's bytes. They are streamed to a temporary file while hashed, kept only
/// when they have the hash of the path (fsynced, renamed into place), and never rewritten:
/// 201 when new, 200 when the portal had it already. A cut-off upload leaves nothing; send
/// it again whole.
#[utoipa::path(
    put,
    path = "/api/v1/blobs/{sha256}",
    tag = "blobs",
    params(("sha256" = String, Path, description = "Hex SHA-256 of the bytes")),
    request_body(content = BlobBytes, content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "Present already", body = BlobStored),
        (status = 201, description = "Stored", body = BlobStored),
        (status = 400, description = "Not a SHA-256, bytes of another hash, or cut off", body = ErrorBody),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 413, description = "Larger than the portal takes", body = ErrorBody),
    )
)]
pub async fn put_blob(
    State(state): State<AppState>,
    Now(now): Now,
    caller: Caller,
    Path(sha256): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<BlobStored>), ApiError> {
    let sha = checked(&sha256)?.to_string();
    let max = state.config.max_blob_bytes;
    let declared = headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(ApiError::too_large(max));
    }
    let on_disk = state.blobs.exists(&sha);
    let s = sha.clone();
    let t = caller.technician_id;
    let (known, readable) = state
        .run(move |st| Ok((st.blob_known(&s)?, st.blob_readable(t, &s)?)))
        .await?;
    let present = known && on_disk;
    if present && readable {
        let size = std::fs::metadata(state.blobs.path_of(&sha)).map_or(0, |m| m.len());
        return Ok((StatusCode::OK, Json(stored(sha, size, false, now))));
    }
    // Receive the bytes; keep them unless the portal has the blob already (then they only
    // prove the caller has it too).
    let received = state
        .blobs
        .receive(body.into_data_stream(), &sha, max, !present)
        .await;
    let size =
        match received {
            Ok(size) => size,
            Err(ReceiveError::TooLarge) => return Err(ApiError::too_large(max)),
            Err(ReceiveError::HashMismatch) => return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::HASH_MISMATCH,
                "De ontvangen bytes hebben een andere SHA-256 dan opgegeven; er is niets bewaard.",
                "The bytes received have another SHA-256 than stated; nothing was kept.",
            )),
            Err(ReceiveError::Interrupted(_)) => {
                return Err(ApiError::bad_request(
                    "De upload werd afgebroken; er is niets bewaard. Stuur de blob opnieuw.",
                    "The upload was cut off; nothing was kept. Send the blob again.",
                ))
            }
            Err(ReceiveError::Io(e)) => {
                eprintln!("portal: blob write failed: {e}");
                return Err(ApiError::internal());
            }
        };
    let s = sha.clone();
    let created = state
        .run(move |st| st.register_blob(&s, size, t, now))
        .await?;
    let status = if created && !present {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(stored(sha, size, status == StatusCode::CREATED, now)),
    ))
}

fn stored(
    sha256: String,
    size: u64,
    created: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> BlobStored {
    BlobStored {
        sha256,
        size,
        created,
        server_time: now,
    }
}
