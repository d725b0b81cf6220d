use crate::api::extract::ApiJson;
use crate::api::middleware::{Caller, Now};
use crate::domain::records::validate;
use crate::error::ApiError;
use crate::state::AppState;
use crate::storage::{AuditEntry, PushContext};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use veldwerk_sync::protocol::{codes, ErrorBody, Outcome, PushRequest, PushResponse, RecordResult};

/// Records per request at most.
pub const MAX_RECORDS: usize = 1000;

/// Stores the caller's records, each answered: accepted, already stored, rejected (with a
/// code, and whether sending again can help) or missing blobs. One transaction per request,
/// one savepoint per record: a rejected record leaves nothing.
#[utoipa::path(
    post,
    path = "/api/v1/push",
    tag = "sync",
    request_body = PushRequest,
    responses(
        (status = 200, description = "One answer per record, in order", body = PushResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "No live token", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Not a push request", body = ErrorBody),
    )
)]
pub async fn push(
    State(state): State<AppState>,
    Now(now): Now,
    caller: Caller,
    ApiJson(req): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    if req.records.len() > MAX_RECORDS {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::VALIDATION,
            "Stuur hoogstens 1000 records per verzoek.",
            "Send at most 1000 records per request.",
        ));
    }
    // pure checks first; storage answers the rest in order
    let mut slots: Vec<(uuid::Uuid, Option<Outcome>)> = Vec::with_capacity(req.records.len());
    let mut valid = Vec::new();
    for r in req.records {
        let id = r.id;
        let record_type: String = r.record_type.chars().take(40).collect();
        match validate(r) {
            Ok(ok) => {
                slots.push((id, None));
                valid.push(ok);
            }
            Err(o) => {
                let code = match &o {
                    Outcome::Rejected { code, .. } => code.clone(),
                    _ => String::new(),
                };
                let entry = AuditEntry {
                    at: now,
                    actor: caller.name.clone(),
                    action: "record_rejected".into(),
                    subject: id.to_string(),
                    detail: format!("{record_type} {code}"),
                };
                state.run(move |s| s.audit(&entry)).await?;
                slots.push((id, Some(o)));
            }
        }
    }
    let ctx = PushContext {
        technician_id: caller.technician_id,
        installation_id: caller.installation_id,
        actor: caller.name.clone(),
        at: now,
    };
    let stored = state.run(move |s| s.push(&ctx, valid)).await?;
    let mut stored = stored.into_iter();
    let mut results = Vec::with_capacity(slots.len());
    for (id, early) in slots {
        match early {
            Some(outcome) => results.push(RecordResult { id, outcome }),
            None => results.push(stored.next().ok_or_else(ApiError::internal)?),
        }
    }
    Ok(Json(PushResponse {
        results,
        server_time: now,
    }))
}
