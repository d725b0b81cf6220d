use crate::api::middleware::{Caller, Now};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use veldwerk_sync::protocol::{ErrorBody, LogoutResponse};

/// Sign out: the caller's token is revoked.
#[utoipa::path(
    post,
    path = "/api/v1/logout",
    tag = "session",
    responses(
        (status = 200, description = "Signed out", body = LogoutResponse),
        (status = 401, description = "No live token", body = ErrorBody),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    Now(now): Now,
    caller: Caller,
) -> Result<Json<LogoutResponse>, ApiError> {
    state
        .run(move |s| s.revoke_token(caller.token_id, &caller.name, now))
        .await?;
    Ok(Json(LogoutResponse { server_time: now }))
}
