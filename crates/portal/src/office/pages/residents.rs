use super::common::technician_names;
use crate::office::{failure, page, Office};
use crate::state::AppState;
use crate::storage::EntityFilter;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use veldwerk_core::model::{Municipality, Resident};
use veldwerk_core::text::fold;
use veldwerk_sync::protocol::EntityKind;

/// Rows shown at most.
const SHOWN: usize = 200;

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    number: String,
    address: String,
    municipality: String,
    technicians: String,
}

pub async fn list(State(state): State<AppState>, o: Office, Query(q): Query<Search>) -> Response {
    let needle = fold(q.q.trim());
    let result = state
        .run(move |s| {
            let munis: HashMap<_, String> = s
                .entities(EntityKind::Municipality, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode::<Municipality>().ok())
                .map(|m| (m.id, m.name))
                .collect();
            let names = technician_names(s)?;
            let mut by_resident: HashMap<_, Vec<String>> = HashMap::new();
            for (r, t) in s.assignments()? {
                by_resident
                    .entry(r)
                    .or_default()
                    .push(names.get(&t).cloned().unwrap_or_default());
            }
            let mut all: Vec<Resident> = s
                .entities(EntityKind::Resident, EntityFilter::All)?
                .iter()
                .filter_map(|e| e.decode().ok())
                .collect();
            all.sort_by(|a, b| (&a.surname, &a.first_name).cmp(&(&b.surname, &b.first_name)));
            let total = all.len();
            let rows: Vec<Row> = all
                .into_iter()
                .filter(|r| {
                    needle.is_empty()
                        || fold(&r.display_name()).contains(&needle)
                        || fold(&r.resident_number).contains(&needle)
                        || r.address
                            .postcode
                            .compact_lower()
                            .contains(&needle.replace(' ', ""))
                })
                .take(SHOWN)
                .map(|r| Row {
                    id: r.id.to_string(),
                    name: r.display_name(),
                    number: r.resident_number.clone(),
                    address: format!(
                        "{}, {} {}",
                        r.address.line1(),
                        r.address.postcode.as_str(),
                        r.address.city
                    ),
                    municipality: munis.get(&r.municipality_id).cloned().unwrap_or_default(),
                    technicians: by_resident
                        .get(&r.id)
                        .map(|v| v.join(", "))
                        .unwrap_or_default(),
                })
                .collect();
            Ok((rows, total))
        })
        .await;
    match result {
        Ok((rows, total)) => page(
            &state,
            &o,
            "residents.html",
            minijinja::context! { residents => rows.iter().collect::<Vec<_>>(), shown => rows.len(), total => total, q => q.q, section => "/kantoor/inwoners" },
        ),
        Err(e) => failure(o.lang, e),
    }
}
