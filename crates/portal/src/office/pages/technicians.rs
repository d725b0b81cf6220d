use super::common::technicians;
use crate::office::format::{code, moment};
use crate::office::{failure, page, see_other, Office};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Serialize;

#[derive(Serialize)]
struct Installation {
    id: i64,
    label: String,
    created: String,
    last_sync: String,
    pending: String,
    revoked: Option<String>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    role: String,
    residents: usize,
    installations: Vec<Installation>,
}

/// Technicians with their installations: last sync, records waiting, and access.
pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let lang = o.lang;
    let rows = state
        .run(move |s| {
            let tokens = s.installations()?;
            let assignments = s.assignments()?;
            Ok(technicians(s)?
                .into_iter()
                .map(|t| Row {
                    id: t.id.to_string(),
                    name: t.name.clone(),
                    role: code(&t.role),
                    residents: assignments.iter().filter(|(_, x)| *x == t.id).count(),
                    installations: tokens
                        .iter()
                        .filter(|k| k.technician_id == t.id)
                        .map(|k| Installation {
                            id: k.id,
                            label: k.installation_label.clone(),
                            created: moment(k.created_at, lang),
                            last_sync: k.last_sync_at.map_or_else(
                                || lang.tr("nog niet", "not yet"),
                                |x| moment(x, lang),
                            ),
                            pending: k.pending.map_or_else(|| "-".into(), |n| n.to_string()),
                            revoked: k.revoked_at.map(|x| moment(x, lang)),
                        })
                        .collect(),
                })
                .collect::<Vec<_>>())
        })
        .await;
    match rows {
        Ok(rows) => page(
            &state,
            &o,
            "technicians.html",
            minijinja::context! { technicians => rows, section => "/kantoor/monteurs" },
        ),
        Err(e) => failure(o.lang, e),
    }
}

/// Revokes an installation's token: its next request gets 401.
pub async fn revoke(State(state): State<AppState>, o: Office, Path(id): Path<i64>) -> Response {
    let (who, at) = (o.user.display_name.clone(), o.now);
    match state.run(move |s| s.revoke_token(id, &who, at)).await {
        Ok(_) => see_other("/kantoor/monteurs"),
        Err(e) => failure(o.lang, e),
    }
}
