use super::checked;
use crate::api::middleware::Caller;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;

/// Whether the portal holds this blob for the caller: 200 when they may read it (they sent
/// it, or a record of a resident assigned to them references it), else 404. A blob someone
/// else sent answers 404 until the caller has sent its bytes too: nothing about other
/// technicians' blobs leaks.
#[utoipa::path(
    head,
    path = "/api/v1/blobs/{sha256}",
    tag = "blobs",
    params(("sha256" = String, Path, description = "Hex SHA-256 of the bytes")),
    responses(
        (status = 200, description = "Present"),
        (status = 400, description = "Not a SHA-256"),
        (status = 401, description = "No live token"),
        (status = 404, description = "Not present (for the caller)"),
    )
)]
pub async fn head_blob(
    State(state): State<AppState>,
    caller: Caller,
    Path(sha256): Path<String>,
) -> Result<StatusCode, ApiError> {
    let sha = checked(&sha256)?.to_string();
    let on_disk = state.blobs.exists(&sha);
    let readable = state
        .run(move |s| s.blob_readable(caller.technician_id, &sha))
        .await?;
    Ok(if readable && on_disk {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    })
}
