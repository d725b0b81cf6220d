use crate::api::extract::ApiQuery;
use crate::api::middleware::{Caller, Now};
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use veldwerk_sync::protocol::{
    codes, ErrorBody, PullQuery, PullResponse, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT,
};

/// The changes after a cursor that the caller may see: the residents assigned to them with
/// their contact persons, devices, slings, orders, malfunctions, logbooks and deviation
/// requests; their own appointments; devices in the depot; municipalities and technicians.
#[utoipa::path(
    get,
    path = "/api/v1/pull",
    tag = "sync",
    params(PullQuery),
    responses(
        (status = 200, description = "A page of changes", body = PullResponse),
        (status = 400, description = "Bad query", body = ErrorBody),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 422, description = "Negative cursor", body = ErrorBody),
    )
)]
pub async fn pull(
    State(state): State<AppState>,
    Now(now): Now,
    caller: Caller,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    if q.cursor < 0 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::VALIDATION,
            "De cursor is nooit negatief.",
            "The cursor is never negative.",
        ));
    }
    let limit = q
        .limit
        .unwrap_or(DEFAULT_PULL_LIMIT)
        .clamp(1, MAX_PULL_LIMIT);
    let page = state
        .run(move |s| s.pull(caller.technician_id, q.cursor, limit))
        .await?;
    Ok(Json(PullResponse {
        changes: page.changes,
        next_cursor: page.next_cursor,
        more: page.more,
        server_time: now,
    }))
}
