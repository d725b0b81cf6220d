use super::{checked, BlobBytes};
use crate::api::middleware::Caller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use veldwerk_sync::protocol::ErrorBody;

/// Reads a blob back: only one the caller sent, or one a record of a resident assigned to
/// them references; anything else is 404, whether it exists or not.
#[utoipa::path(
    get,
    path = "/api/v1/blobs/{sha256}",
    tag = "blobs",
    params(("sha256" = String, Path, description = "Hex SHA-256 of the bytes")),
    responses(
        (status = 200, description = "The bytes", body = BlobBytes, content_type = "application/octet-stream"),
        (status = 400, description = "Not a SHA-256", body = ErrorBody),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 404, description = "Not present for the caller", body = ErrorBody),
    )
)]
pub async fn get_blob(
    State(state): State<AppState>,
    caller: Caller,
    Path(sha256): Path<String>,
) -> Result<Response, ApiError> {
    let sha = checked(&sha256)?.to_string();
    let s = sha.clone();
    let readable = state
        .run(move |st| st.blob_readable(caller.technician_id, &s))
        .await?;
    if !readable {
        return Err(ApiError::not_found());
    }
    send_file(&state, &sha).await
}

/// Streams a blob's file.
pub(crate) async fn send_file(state: &AppState, sha: &str) -> Result<Response, ApiError> {
    let file = tokio::fs::File::open(state.blobs.path_of(sha))
        .await
        .map_err(|_| ApiError::not_found())?;
    let len = file.metadata().await.map(|m| m.len()).ok();
    let stream = tokio_util::io::ReaderStream::new(file);
    let mut res = (
        [(header::CONTENT_TYPE, "application/octet-stream")],
        Body::from_stream(stream),
    )
        .into_response();
    if let Some(len) = len {
        if let Ok(v) = header::HeaderValue::from_str(&len.to_string()) {
            res.headers_mut().insert(header::CONTENT_LENGTH, v);
        }
    }
    Ok(res)
}
