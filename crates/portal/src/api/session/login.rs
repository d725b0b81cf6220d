use crate::api::extract::ApiJson;
use crate::clock::Now;
use crate::error::ApiError;
use crate::security::{new_secret, secret_hash, verify_password};
use crate::state::AppState;
use crate::storage::{AuditEntry, NewToken, Role};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use veldwerk_core::model::Technician;
use veldwerk_sync::protocol::{codes, EntityKind, ErrorBody, LoginRequest, LoginResponse};

/// Sign in as a technician for one installation; answers a token for `Authorization: Bearer`.
#[utoipa::path(
    post,
    path = "/api/v1/login",
    tag = "session",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = LoginResponse),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 401, description = "Wrong name or password", body = ErrorBody),
        (status = 422, description = "Fields missing or too long", body = ErrorBody),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    Now(now): Now,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let label = req.installation_label.trim().to_string();
    if label.is_empty()
        || label.chars().count() > 100
        || req.name.chars().count() > 120
        || req.password.len() > 1024
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::VALIDATION,
            "Geef een naam, een wachtwoord en een naam voor dit apparaat (hoogstens 100 tekens).",
            "Give a name, a password and a name for this device (at most 100 characters).",
        ));
    }
    let name = req.name.clone();
    let user = state.run(move |s| s.user_by_login(&name)).await?;
    let password = req.password.clone();
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let ok =
        tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref())).await?;
    let technician_id = match (&user, ok) {
        (Some(u), true) if u.role == Role::Technician => u.technician_id,
        _ => None,
    };
    let (Some(user), Some(technician_id)) = (user, technician_id) else {
        let who: String = req.name.chars().take(120).collect();
        state
            .run(move |s| {
                s.audit(&AuditEntry {
                    at: now,
                    actor: who,
                    action: "login_failed".into(),
                    subject: "api".into(),
                    detail: String::new(),
                })
            })
            .await?;
        return Err(ApiError::unauthorized());
    };
    let token = new_secret();
    let new = NewToken {
        token_hash: secret_hash(&token),
        user_id: user.id,
        technician_id,
        installation_id: req.installation_id,
        installation_label: label.clone(),
        created_at: now,
    };
    let entity = state
        .run(move |s| {
            s.create_token(&new)?;
            s.audit(&AuditEntry {
                at: now,
                actor: user.display_name.clone(),
                action: "login".into(),
                subject: format!("installation {}", new.installation_id),
                detail: label,
            })?;
            s.entity(EntityKind::Technician, technician_id.0)
        })
        .await?
        .ok_or_else(ApiError::internal)?;
    let technician: Technician = entity.decode()?;
    Ok(Json(LoginResponse {
        token,
        technician,
        server_time: now,
    }))
}
