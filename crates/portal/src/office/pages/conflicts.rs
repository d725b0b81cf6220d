//! Master-data updates that met a newer portal version: the office keeps the portal's or
//! applies the technician's.

use super::common::technician_names;
use crate::error::ApiError;
use crate::office::format::moment;
use crate::office::{failure, page, see_other, Office};
use crate::state::AppState;
use crate::storage::Resolution;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

pub async fn show(State(state): State<AppState>, o: Office) -> Response {
    let lang = o.lang;
    let rows = state
        .run(move |s| {
            let names = technician_names(s)?;
            Ok(s.conflicts()?
                .into_iter()
                .map(|c| {
                    let pretty = serde_json::from_str::<serde_json::Value>(&c.record.payload)
                        .and_then(|v| serde_json::to_string_pretty(&v))
                        .unwrap_or(c.record.payload.clone());
                    minijinja::context! {
                        id => c.id, entity => format!("{} {}", c.entity.as_str(), c.entity_id),
                        when => moment(c.created_at, lang),
                        technician => names.get(&c.record.technician_id).cloned().unwrap_or_default(),
                        base => c.base_version.map_or_else(|| "-".into(), |v| v.to_string()),
                        portal => c.portal_version, update => pretty,
                        resolution => c.resolution.map(|r| match r.as_str() {
                            "apply_client" => lang.tr("wijziging van de monteur toegepast", "technician's change applied"),
                            _ => lang.tr("portaal behouden", "portal's kept"),
                        }),
                    }
                })
                .collect::<Vec<_>>())
        })
        .await;
    match rows {
        Ok(rows) => page(
            &state,
            &o,
            "conflicts.html",
            minijinja::context! { conflicts => rows, section => "/kantoor/conflicten" },
        ),
        Err(e) => failure(o.lang, e),
    }
}

#[derive(Deserialize)]
pub struct Choice {
    keuze: String,
}

pub async fn decide(
    State(state): State<AppState>,
    o: Office,
    Path(id): Path<i64>,
    Form(f): Form<Choice>,
) -> Response {
    let resolution = match f.keuze.as_str() {
        "portaal" => Resolution::KeepPortal,
        "monteur" => Resolution::ApplyClient,
        _ => {
            return failure(
                o.lang,
                ApiError::bad_request("Kies een versie.", "Choose a version."),
            )
        }
    };
    let (who, at) = (o.user.display_name.clone(), o.now);
    match state
        .run(move |s| s.resolve_conflict(id, resolution, &who, at))
        .await
    {
        Ok(()) => see_other("/kantoor/conflicten"),
        Err(e) => failure(o.lang, e),
    }
}
